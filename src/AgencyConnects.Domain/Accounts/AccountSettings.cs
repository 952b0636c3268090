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
    private AccountSettings(PlanCatalog catalog, DateTimeZone zone, MonthEndPolicy policy, Duration requestRetention)
    {
        Catalog = catalog;
        Zone = zone;
        Policy = policy;
        RequestRetention = requestRetention;
    }

    /// <summary>
    /// The default <see cref="RequestRetention"/>: 24 hours. A request key is a guard against a client retrying a
    /// request it did not hear the answer to, not a permanent record; payment APIs keep such keys about a day, which
    /// covers any sane retry schedule while keeping an account's state bounded by what happened in the last day.
    /// </summary>
    public static Duration DefaultRequestRetention { get; } = Duration.FromHours(24);

    /// <summary>The longest <see cref="RequestRetention"/>: 366 days.</summary>
    public static Duration MaxRequestRetention { get; } = Duration.FromDays(366);

    /// <summary>
    /// The defaults: the <see cref="PlanCatalog.Classic"/> catalog, UTC, <see cref="MonthEndPolicy.ClampToMonthEnd"/>,
    /// request keys kept <see cref="DefaultRequestRetention"/>.
    /// </summary>
    public static AccountSettings Default { get; } = new(PlanCatalog.Classic, DateTimeZone.Utc, MonthEndPolicy.ClampToMonthEnd, DefaultRequestRetention);

    /// <summary>The plan catalog.</summary>
    public PlanCatalog Catalog { get; }

    /// <summary>The time zone of the account's billing dates.</summary>
    public DateTimeZone Zone { get; }

    /// <summary>How billing periods anchored on the 29th, 30th or 31st renew (see <see cref="MonthEndPolicy"/>).</summary>
    public MonthEndPolicy Policy { get; }

    /// <summary>
    /// How long a request key, and a closed proposal's identifier, are remembered (DOMAIN §9). A key first used at
    /// instant <c>t</c> is known to every operation at an instant before <c>t + RequestRetention</c>: a repeat returns
    /// the first outcome, and a repeat does not extend the window. From <c>t + RequestRetention</c> on the key is
    /// unknown, as if never used, and the account drops it when it applies an event at or after that instant. A
    /// proposal is remembered the same way from the instant it closed: inside the window its identifier gives
    /// <c>DuplicateProposal</c> and <c>ProposalAlreadyClosed</c>; past it the identifier may be used again.
    /// </summary>
    public Duration RequestRetention { get; }

    /// <summary>Creates settings.</summary>
    /// <param name="catalog">The plan catalog.</param>
    /// <param name="zone">The time zone of the account's billing dates.</param>
    /// <param name="policy">How billing periods anchored on the 29th, 30th or 31st renew (see <see cref="MonthEndPolicy"/>).</param>
    /// <param name="requestRetention">How long request keys are kept; <see cref="DefaultRequestRetention"/> when null.</param>
    /// <returns>
    /// The settings, or <see cref="UndefinedMonthEndPolicy"/> when <paramref name="policy"/> is not a named
    /// <see cref="MonthEndPolicy"/>, or <see cref="RequestRetentionOutOfRange"/> when <paramref name="requestRetention"/>
    /// is not above zero and at most <see cref="MaxRequestRetention"/>.
    /// </returns>
    /// <exception cref="System.ArgumentNullException"><paramref name="catalog"/> or <paramref name="zone"/> is null.</exception>
    public static OneOf<AccountSettings, UndefinedMonthEndPolicy, RequestRetentionOutOfRange> Create(
        PlanCatalog catalog, DateTimeZone zone, MonthEndPolicy policy = MonthEndPolicy.ClampToMonthEnd, Duration? requestRetention = null)
    {
        Guard.NotNull(catalog);
        Guard.NotNull(zone);
        if (policy is not (MonthEndPolicy.ClampToMonthEnd or MonthEndPolicy.FirstOfNextMonth))
        {
            return new UndefinedMonthEndPolicy(policy);
        }

        Duration retention = requestRetention ?? DefaultRequestRetention;
        return retention > Duration.Zero && retention <= MaxRequestRetention
            ? new AccountSettings(catalog, zone, policy, retention)
            : new RequestRetentionOutOfRange(retention, MaxRequestRetention);
    }
}

/// <summary>A request retention that is not above zero, or longer than <see cref="AccountSettings.MaxRequestRetention"/>.</summary>
/// <param name="Retention">The retention given.</param>
/// <param name="Max">The longest allowed.</param>
public sealed record RequestRetentionOutOfRange(Duration Retention, Duration Max) : DomainError
{
    /// <inheritdoc/>
    public override string Message => $"A request retention of {Retention} is not above zero and at most {Max}.";
}
