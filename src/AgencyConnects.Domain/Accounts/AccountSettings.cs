using AgencyConnects.Domain.Billing;
using AgencyConnects.Domain.Internal;
using AgencyConnects.Domain.Plans;
using NodaTime;
using OneOf;

namespace AgencyConnects.Domain.Accounts;

/// <summary>How an account is billed: the catalog of plans, the time zone its billing dates are in, and the month-end policy.</summary>
/// <remarks>Created with <see cref="Create"/>, which refuses an undefined policy, so every instance holds a named one.</remarks>
public sealed record AccountSettings
{
    private AccountSettings(PlanCatalog catalog, DateTimeZone zone, MonthEndPolicy policy)
    {
        Catalog = catalog;
        Zone = zone;
        Policy = policy;
    }

    /// <summary>The defaults: the <see cref="PlanCatalog.Classic"/> catalog, UTC, <see cref="MonthEndPolicy.ClampToMonthEnd"/>.</summary>
    public static AccountSettings Default { get; } = new(PlanCatalog.Classic, DateTimeZone.Utc, MonthEndPolicy.ClampToMonthEnd);

    /// <summary>The plan catalog.</summary>
    public PlanCatalog Catalog { get; }

    /// <summary>The time zone of the account's billing dates.</summary>
    public DateTimeZone Zone { get; }

    /// <summary>How billing periods anchored on the 29th, 30th or 31st renew (see <see cref="MonthEndPolicy"/>).</summary>
    public MonthEndPolicy Policy { get; }

    /// <summary>Creates settings.</summary>
    /// <param name="catalog">The plan catalog.</param>
    /// <param name="zone">The time zone of the account's billing dates.</param>
    /// <param name="policy">How billing periods anchored on the 29th, 30th or 31st renew (see <see cref="MonthEndPolicy"/>).</param>
    /// <returns>The settings, or <see cref="UndefinedMonthEndPolicy"/> when <paramref name="policy"/> is not a named <see cref="MonthEndPolicy"/>.</returns>
    /// <exception cref="System.ArgumentNullException"><paramref name="catalog"/> or <paramref name="zone"/> is null.</exception>
    public static OneOf<AccountSettings, UndefinedMonthEndPolicy> Create(PlanCatalog catalog, DateTimeZone zone, MonthEndPolicy policy = MonthEndPolicy.ClampToMonthEnd)
    {
        Guard.NotNull(catalog);
        Guard.NotNull(zone);
        return policy is MonthEndPolicy.ClampToMonthEnd or MonthEndPolicy.FirstOfNextMonth
            ? new AccountSettings(catalog, zone, policy)
            : new UndefinedMonthEndPolicy(policy);
    }
}
