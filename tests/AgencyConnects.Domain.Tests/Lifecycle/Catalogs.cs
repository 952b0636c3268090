using AgencyConnects.Domain.Plans;
using AgencyConnects.Domain.Values;
using NodaTime;
using static AgencyConnects.Domain.Tests.Lifecycle.Given;
using static AgencyConnects.Domain.Tests.TestData;

namespace AgencyConnects.Domain.Tests.Lifecycle;

/// <summary>Host-built catalogs (<see cref="PlanCatalog.Create"/>) that reach what the shipped ones do not.</summary>
internal static class Catalogs
{
    private static readonly PurchaseRules s_anyQuantity = PurchaseRules.AnyQuantity(Usd(1.00m), C(1)).AsT0;

    /// <summary>
    /// Classic figures, except that Connects acquired on a Basic plan expire a month later while those acquired on
    /// Plus never do: a refund received while frozen expires before older Plus Connects.
    /// </summary>
    public static PlanCatalog MixedLifetimes { get; } = Catalog(
        "MixedLifetimes",
        Terms(Plan.FreelancerBasic, 0m, 10, null, PlanActions.SpendConnects, lifetime: Period.FromMonths(1)),
        Terms(Plan.FreelancerPlus, 10m, 70, null, PlanActions.SpendConnects | PlanActions.BuyConnects, s_anyQuantity),
        Terms(Plan.AgencyBasic, 0m, 0, null, PlanActions.None, lifetime: Period.FromMonths(1)),
        Terms(Plan.AgencyPlus, 20m, 80, null, PlanActions.All, s_anyQuantity));

    /// <summary>No allotment, no cap, any quantity at $1.00: the balance can reach <see cref="Connects.MaxValue"/>.</summary>
    public static PlanCatalog Unlimited { get; } = Catalog(
        "Unlimited",
        Terms(Plan.FreelancerBasic, 0m, 0, null, PlanActions.SpendConnects),
        Terms(Plan.FreelancerPlus, 10m, 0, null, PlanActions.SpendConnects | PlanActions.BuyConnects, s_anyQuantity),
        Terms(Plan.AgencyBasic, 0m, 0, null, PlanActions.None),
        Terms(Plan.AgencyPlus, 20m, 0, null, PlanActions.All, s_anyQuantity));

    /// <summary>Any quantity at a unit price so high that a large purchase does not fit in a <see cref="decimal"/>.</summary>
    public static PlanCatalog Priceless { get; } = Catalog(
        "Priceless",
        Terms(Plan.FreelancerBasic, 0m, 0, null, PlanActions.SpendConnects),
        Terms(Plan.FreelancerPlus, 10m, 0, null, PlanActions.SpendConnects | PlanActions.BuyConnects, Expensive()),
        Terms(Plan.AgencyBasic, 0m, 0, null, PlanActions.None),
        Terms(Plan.AgencyPlus, 20m, 0, null, PlanActions.All, Expensive()));

    /// <summary>Agency Plus: 80 a month, a cap of 50 over the month's allotment only; everything else carries in full.</summary>
    public static PlanCatalog AllotmentOnlyCap50 { get; } = Capped50(RolloverScope.AllotmentOnly);

    /// <summary>Agency Plus: 80 a month, a cap of 50 over all unused Connects.</summary>
    public static PlanCatalog AllUnusedCap50 { get; } = Capped50(RolloverScope.AllUnused);

    /// <summary>Classic figures with caps, and every Connect expiring 45 days after it was acquired: caps and expiry together.</summary>
    public static PlanCatalog CappedAndExpiring { get; } = Catalog(
        "CappedAndExpiring",
        Terms(Plan.FreelancerBasic, 0m, 10, 20, PlanActions.SpendConnects, lifetime: Period.FromDays(45)),
        Terms(Plan.FreelancerPlus, 10m, 70, 140, PlanActions.SpendConnects | PlanActions.BuyConnects, s_anyQuantity, Period.FromDays(45)),
        Terms(Plan.AgencyBasic, 0m, 0, null, PlanActions.None, lifetime: Period.FromDays(45)),
        Terms(Plan.AgencyPlus, 20m, 80, 100, PlanActions.All, s_anyQuantity, Period.FromDays(45), RolloverScope.AllotmentOnly));

    public static PlanTerms Terms(
        Plan plan, decimal fee, int allotment, int? cap, PlanActions actions, PurchaseRules? purchases = null,
        Period? lifetime = null, RolloverScope scope = RolloverScope.AllUnused)
        => new()
        {
            Plan = plan,
            MonthlyFee = Usd(fee),
            MonthlyAllotment = C(allotment),
            RolloverCap = cap is { } value ? C(value) : null,
            RolloverScope = scope,
            AllowedActions = actions,
            Purchases = purchases,
            ConnectsLifetime = lifetime,
            MaxProposalCost = C(6),
            MaxBoostBid = C(50),
        };

    public static PlanCatalog Catalog(string name, params PlanTerms[] terms) => PlanCatalog.Create(name, Currency.Usd, terms).AsT0;

    private static PurchaseRules Expensive() => PurchaseRules.AnyQuantity(Usd(100_000_000_000_000_000_000m), C(1)).AsT0;

    private static PlanCatalog Capped50(RolloverScope scope) => Catalog(
        "Cap50" + scope,
        Terms(Plan.FreelancerBasic, 0m, 10, 20, PlanActions.SpendConnects),
        Terms(Plan.FreelancerPlus, 10m, 70, 140, PlanActions.SpendConnects | PlanActions.BuyConnects, s_anyQuantity),
        Terms(Plan.AgencyBasic, 0m, 0, null, PlanActions.None),
        Terms(Plan.AgencyPlus, 20m, 80, 50, PlanActions.All, s_anyQuantity, scope: scope));
}
