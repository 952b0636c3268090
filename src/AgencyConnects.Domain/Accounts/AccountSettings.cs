using System;
using AgencyConnects.Domain.Billing;
using AgencyConnects.Domain.Internal;
using AgencyConnects.Domain.Plans;
using NodaTime;

namespace AgencyConnects.Domain.Accounts;

/// <summary>How an account is billed: the catalog of plans, the time zone its billing dates are in, and the month-end policy.</summary>
public sealed record AccountSettings
{
    /// <summary>Creates settings.</summary>
    /// <param name="catalog">The plan catalog.</param>
    /// <param name="zone">The time zone of the account's billing dates.</param>
    /// <param name="policy">How anniversaries on days a month lacks are handled.</param>
    /// <exception cref="ArgumentNullException"><paramref name="catalog"/> or <paramref name="zone"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="policy"/> is not a defined value.</exception>
    public AccountSettings(PlanCatalog catalog, DateTimeZone zone, MonthEndPolicy policy = MonthEndPolicy.ClampToMonthEnd)
    {
        Catalog = Guard.NotNull(catalog);
        Zone = Guard.NotNull(zone);
        Policy = Enum.IsDefined(policy) ? policy : throw new ArgumentOutOfRangeException(nameof(policy), policy, "Unknown month-end policy.");
    }

    /// <summary>The defaults: the <see cref="PlanCatalog.Classic"/> catalog, UTC, <see cref="MonthEndPolicy.ClampToMonthEnd"/>.</summary>
    public static AccountSettings Default { get; } = new(PlanCatalog.Classic, DateTimeZone.Utc);

    /// <summary>The plan catalog.</summary>
    public PlanCatalog Catalog { get; }

    /// <summary>The time zone of the account's billing dates.</summary>
    public DateTimeZone Zone { get; }

    /// <summary>How anniversaries on days a month lacks are handled.</summary>
    public MonthEndPolicy Policy { get; }
}
