using AgencyConnects.Domain.Values;
using NodaTime;

namespace AgencyConnects.Domain.Plans;

/// <summary>
/// Everything a catalog says about one plan (DOMAIN §2). Built by hosts with an object initializer and validated
/// when it is put into a <see cref="PlanCatalog"/>.
/// </summary>
public sealed record PlanTerms
{
    /// <summary>The plan these terms describe.</summary>
    public required Plan Plan { get; init; }

    /// <summary>The fee charged at the start of every billing period; zero for a free plan.</summary>
    public required Money MonthlyFee { get; init; }

    /// <summary>The Connects granted at the start of every billing period.</summary>
    public required Connects MonthlyAllotment { get; init; }

    /// <summary>The most Connects that carry into the next period (<c>null</c>: no cap); the excess is forfeited.</summary>
    public Connects? RolloverCap { get; init; }

    /// <summary>What <see cref="RolloverCap"/> applies to.</summary>
    public RolloverScope RolloverScope { get; init; } = RolloverScope.AllUnused;

    /// <summary>The actions this plan allows; an action missing here needs another plan (in the shipped catalogs, Plus).</summary>
    public required PlanActions AllowedActions { get; init; }

    /// <summary>How Connects may be bought; required exactly when <see cref="AllowedActions"/> includes <see cref="PlanActions.BuyConnects"/>.</summary>
    public PurchaseRules? Purchases { get; init; }

    /// <summary>How long acquired Connects last, counted from acquisition in the account's time zone (<c>null</c>: forever).</summary>
    public Period? ConnectsLifetime { get; init; }

    /// <summary>The largest cost of one proposal, boost excluded.</summary>
    public required Connects MaxProposalCost { get; init; }

    /// <summary>The largest boost bid on one proposal; zero when boosting is not offered.</summary>
    public Connects MaxBoostBid { get; init; }

    /// <summary>Whether the plan allows <paramref name="action"/>.</summary>
    /// <param name="action">The action.</param>
    /// <returns><c>true</c> when every flag of <paramref name="action"/> is allowed.</returns>
    public bool Allows(PlanActions action) => (AllowedActions & action) == action;

    /// <summary>When Connects acquired at <paramref name="acquired"/> expire: <see cref="ConnectsLifetime"/> later in <paramref name="zone"/>'s local time (resolved leniently), or never.</summary>
    internal Instant? ExpiryOf(Instant acquired, DateTimeZone zone) => MonthEndTerms.ExpiryOf(ConnectsLifetime, acquired, zone);
}
