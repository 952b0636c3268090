using System.Globalization;
using System.Linq;
using AgencyConnects.Domain.Plans;
using AgencyConnects.Domain.Values;
using NodaTime;
using Xunit;

namespace AgencyConnects.Domain.Tests.Plans;

/// <summary>
/// The figures of <see cref="PlanCatalog.Classic"/> and <see cref="PlanCatalog.Current"/>, exactly as DOMAIN §2 and
/// their XML remarks give them. A change to any figure must show up here.
/// </summary>
public class ShippedCatalogTests
{
    private const string None = "none";
    private const string AnyQuantityFromOneAtOneDollar = "any quantity >= 1 at $1.00";
    private const string BundlesAtFifteenCents = "bundles of 10, 20, 40, 60, 80, 150, 300 at $0.15";

    private static readonly int[] s_currentBundles = [10, 20, 40, 60, 80, 150, 300];

    private static PlanCatalog CatalogNamed(string name) => name == "Classic" ? PlanCatalog.Classic : PlanCatalog.Current;

    private static Money Usd(string amount) => Money.Create(decimal.Parse(amount, CultureInfo.InvariantCulture), Currency.Usd).AsT0;

    [Theory]
    [InlineData("Classic", AccountKind.Freelancer, PlanTier.Basic, "0", 10, 20, PlanActions.SpendConnects, null, 6, 50, None)]
    [InlineData("Classic", AccountKind.Freelancer, PlanTier.Plus, "10.00", 70, 140, PlanActions.SpendConnects | PlanActions.BuyConnects, null, 6, 50, AnyQuantityFromOneAtOneDollar)]
    [InlineData("Classic", AccountKind.Agency, PlanTier.Basic, "0", 0, null, PlanActions.None, null, 6, 50, None)]
    [InlineData("Classic", AccountKind.Agency, PlanTier.Plus, "20.00", 80, 160, PlanActions.All, null, 6, 50, AnyQuantityFromOneAtOneDollar)]
    [InlineData("Current", AccountKind.Freelancer, PlanTier.Basic, "0", 10, null, PlanActions.SpendConnects | PlanActions.BuyConnects, 1, 16, 50, BundlesAtFifteenCents)]
    [InlineData("Current", AccountKind.Freelancer, PlanTier.Plus, "20.00", 100, null, PlanActions.SpendConnects | PlanActions.BuyConnects, 1, 16, 50, BundlesAtFifteenCents)]
    [InlineData("Current", AccountKind.Agency, PlanTier.Basic, "0", 0, null, PlanActions.None, 1, 16, 50, None)]
    [InlineData("Current", AccountKind.Agency, PlanTier.Plus, "20.00", 0, null, PlanActions.All, 1, 16, 50, BundlesAtFifteenCents)]
    public void Terms_are_the_documented_figures(
        string catalogName, AccountKind kind, PlanTier tier, string fee, int allotment, int? rolloverCap,
        PlanActions allowed, int? lifetimeYears, int maxProposalCost, int maxBoostBid, string purchases)
    {
        PlanTerms terms = CatalogNamed(catalogName)[new Plan(kind, tier)];

        Assert.Equal(new Plan(kind, tier), terms.Plan);
        Assert.Equal(Usd(fee), terms.MonthlyFee);
        Assert.Equal(allotment, terms.MonthlyAllotment.Value);
        Assert.Equal(rolloverCap, terms.RolloverCap?.Value);
        if (rolloverCap is not null)
        {
            // DOMAIN §2, Classic: the cap applies to all unused Connects, bought ones included.
            Assert.Equal(RolloverScope.AllUnused, terms.RolloverScope);
        }

        Assert.Equal(allowed, terms.AllowedActions);
        Assert.Equal(lifetimeYears is { } years ? Period.FromYears(years) : null, terms.ConnectsLifetime);
        Assert.Equal(maxProposalCost, terms.MaxProposalCost.Value);
        Assert.Equal(maxBoostBid, terms.MaxBoostBid.Value);
        switch (purchases)
        {
            case None:
                Assert.Null(terms.Purchases);
                break;
            case AnyQuantityFromOneAtOneDollar:
                PurchaseRules any = terms.Purchases!;
                Assert.Equal(Usd("1.00"), any.UnitPrice);
                Assert.Equal(1, any.MinimumQuantity.Value);
                Assert.Null(any.MaximumQuantity);
                Assert.Empty(any.BundleSizes);
                Assert.False(any.Allows(Connects.Zero));
                Assert.True(any.Allows(Connects.Create(1).AsT0));
                Assert.True(any.Allows(Connects.Create(1_000).AsT0));
                break;
            case BundlesAtFifteenCents:
                PurchaseRules bundles = terms.Purchases!;
                Assert.Equal(Usd("0.15"), bundles.UnitPrice);
                Assert.Equal(s_currentBundles, bundles.BundleSizes.Select(c => c.Value));
                Assert.True(bundles.Allows(Connects.Create(150).AsT0));
                Assert.False(bundles.Allows(Connects.Create(1).AsT0));
                Assert.False(bundles.Allows(Connects.Create(100).AsT0));
                break;
            default:
                Assert.Fail("Unknown purchase rules " + purchases);
                break;
        }
    }

    [Theory]
    [InlineData("Classic")]
    [InlineData("Current")]
    public void Each_catalog_is_named_in_dollars_and_lists_the_four_plans_in_order(string name)
    {
        PlanCatalog catalog = CatalogNamed(name);

        Assert.Equal(name, catalog.Name);
        Assert.Equal(name, catalog.ToString());
        Assert.Equal(Currency.Usd, catalog.Currency);
        Assert.Equal(
            [Plan.FreelancerBasic, Plan.FreelancerPlus, Plan.AgencyBasic, Plan.AgencyPlus],
            catalog.Plans.Select(t => t.Plan));
    }

    [Fact]
    public void Buying_in_Current_costs_fifteen_cents_a_Connect_so_a_forty_bundle_is_six_dollars()
        => Assert.Equal(Usd("6.00"), PlanCatalog.Current[Plan.AgencyPlus].Purchases!.UnitPrice.Times(Connects.Create(40).AsT0).AsT0);
}
