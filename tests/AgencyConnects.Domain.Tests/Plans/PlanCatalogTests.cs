using System;
using System.Collections.Generic;
using System.Linq;
using AgencyConnects.Domain.Plans;
using AgencyConnects.Domain.Values;
using Xunit;
using static AgencyConnects.Domain.Tests.Values.ValueArbitraries;

namespace AgencyConnects.Domain.Tests.Plans;

/// <summary><see cref="PlanCatalog.Create"/> and <see cref="PlanCatalog.CurrentWithFreelancerPlusFee"/>; the shipped figures are in <see cref="ShippedCatalogTests"/>.</summary>
public class PlanCatalogTests
{
    private static Money Usd(decimal amount) => Money.Create(amount, Currency.Usd).AsT0;

    private static Money Euros(decimal amount) => Money.Create(amount, Eur).AsT0;

    /// <summary>Valid terms for the four plans (the Classic ones), with one plan's terms replaced.</summary>
    private static List<PlanTerms> ClassicWith(Plan plan, Func<PlanTerms, PlanTerms> change)
        => [.. PlanCatalog.Classic.Plans.Select(t => t.Plan == plan ? change(t) : t)];

    private static Plan PlanOf(AccountKind kind, PlanTier tier) => new(kind, tier);

    [Fact]
    public void Create_builds_a_catalog_from_the_four_plans_in_any_order()
    {
        PlanTerms[] reversed = [.. PlanCatalog.Classic.Plans.Reverse()];

        PlanCatalog catalog = PlanCatalog.Create("Mine", Currency.Usd, reversed).AsT0;

        Assert.Equal("Mine", catalog.Name);
        Assert.Equal("Mine", catalog.ToString());
        Assert.Equal(Currency.Usd, catalog.Currency);
        Assert.Equal(
            [Plan.FreelancerBasic, Plan.FreelancerPlus, Plan.AgencyBasic, Plan.AgencyPlus],
            catalog.Plans.Select(t => t.Plan));
        foreach (PlanTerms terms in reversed)
        {
            Assert.Same(terms, catalog[terms.Plan]);
        }
    }

    [Fact]
    public void Create_accepts_a_catalog_in_another_currency()
    {
        PurchaseRules inEuros = PurchaseRules.AnyQuantity(Euros(0.90m), ConnectsOf(1)).AsT0;
        PlanTerms[] plans =
        [
            .. PlanCatalog.Classic.Plans.Select(t => t with
            {
                MonthlyFee = Euros(t.MonthlyFee.Amount),
                Purchases = t.Purchases is null ? null : inEuros,
            }),
        ];

        PlanCatalog catalog = PlanCatalog.Create("Euro", Eur, plans).AsT0;

        Assert.Equal(Eur, catalog.Currency);
        Assert.Equal(Euros(20.00m), catalog[Plan.AgencyPlus].MonthlyFee);
    }

    [Theory]
    [InlineData(AccountKind.Freelancer, PlanTier.Basic)]
    [InlineData(AccountKind.Freelancer, PlanTier.Plus)]
    [InlineData(AccountKind.Agency, PlanTier.Basic)]
    [InlineData(AccountKind.Agency, PlanTier.Plus)]
    public void Create_refuses_a_catalog_missing_a_plan(AccountKind kind, PlanTier tier)
    {
        Plan missing = PlanOf(kind, tier);

        var result = PlanCatalog.Create("Gap", Currency.Usd, PlanCatalog.Classic.Plans.Where(t => t.Plan != missing));

        Assert.Equal(new MissingPlan(missing), result.AsT1);
    }

    [Fact]
    public void Create_refuses_a_catalog_with_no_plans_naming_the_first_missing()
        => Assert.Equal(new MissingPlan(Plan.FreelancerBasic), PlanCatalog.Create("Empty", Currency.Usd, []).AsT1);

    [Theory]
    [InlineData(AccountKind.Freelancer, PlanTier.Basic)]
    [InlineData(AccountKind.Agency, PlanTier.Plus)]
    public void Create_refuses_a_plan_given_twice(AccountKind kind, PlanTier tier)
    {
        Plan twice = PlanOf(kind, tier);
        PlanTerms again = PlanCatalog.Classic[twice] with { MonthlyAllotment = ConnectsOf(1) };

        var result = PlanCatalog.Create("Twice", Currency.Usd, PlanCatalog.Classic.Plans.Append(again));

        Assert.Equal(new DuplicatePlan(twice), result.AsT2);
    }

    [Fact]
    public void Create_refuses_a_fee_in_another_currency()
    {
        var result = PlanCatalog.Create("Mixed", Currency.Usd, ClassicWith(Plan.AgencyPlus, t => t with { MonthlyFee = Euros(20.00m) }));

        Assert.Equal(new MixedCurrencies(Plan.AgencyPlus, Currency.Usd, Eur), result.AsT3);
    }

    [Fact]
    public void Create_refuses_a_free_plan_whose_zero_fee_is_in_another_currency()
    {
        var result = PlanCatalog.Create("Mixed", Currency.Usd, ClassicWith(Plan.FreelancerBasic, t => t with { MonthlyFee = Money.Zero(Eur).AsT0 }));

        Assert.Equal(new MixedCurrencies(Plan.FreelancerBasic, Currency.Usd, Eur), result.AsT3);
    }

    [Fact]
    public void Create_refuses_a_default_fee()
    {
        var result = PlanCatalog.Create("Mixed", Currency.Usd, ClassicWith(Plan.AgencyBasic, t => t with { MonthlyFee = default }));

        Assert.Equal(new MixedCurrencies(Plan.AgencyBasic, Currency.Usd, default), result.AsT3);
    }

    [Fact]
    public void Create_refuses_a_unit_price_in_another_currency()
    {
        PurchaseRules inEuros = PurchaseRules.AnyQuantity(Euros(1.00m), ConnectsOf(1)).AsT0;

        var result = PlanCatalog.Create("Mixed", Currency.Usd, ClassicWith(Plan.FreelancerPlus, t => t with { Purchases = inEuros }));

        Assert.Equal(new MixedCurrencies(Plan.FreelancerPlus, Currency.Usd, Eur), result.AsT3);
    }

    [Fact]
    public void Create_refuses_a_plan_that_allows_buying_without_purchase_rules()
    {
        var result = PlanCatalog.Create("Mismatch", Currency.Usd, ClassicWith(Plan.AgencyPlus, t => t with { Purchases = null }));

        Assert.Equal(new PurchaseRulesMismatch(Plan.AgencyPlus), result.AsT4);
    }

    [Fact]
    public void Create_refuses_a_plan_with_purchase_rules_that_does_not_allow_buying()
    {
        PurchaseRules rules = PurchaseRules.AnyQuantity(Usd(1.00m), ConnectsOf(1)).AsT0;

        var result = PlanCatalog.Create("Mismatch", Currency.Usd, ClassicWith(Plan.FreelancerBasic, t => t with { Purchases = rules }));

        Assert.Equal(new PurchaseRulesMismatch(Plan.FreelancerBasic), result.AsT4);
    }

    [Fact]
    public void Create_refuses_proposal_limits_whose_sum_exceeds_the_largest_quantity()
    {
        var result = PlanCatalog.Create("Huge", Currency.Usd, ClassicWith(Plan.AgencyPlus, t => t with { MaxProposalCost = Connects.MaxValue, MaxBoostBid = ConnectsOf(1) }));

        Assert.Equal(new ProposalLimitsTooLarge(Plan.AgencyPlus, Connects.MaxValue, ConnectsOf(1)), result.AsT5);
    }

    [Fact]
    public void Create_accepts_proposal_limits_whose_sum_is_the_largest_quantity()
    {
        var result = PlanCatalog.Create("Largest", Currency.Usd, ClassicWith(Plan.AgencyPlus, t => t with { MaxProposalCost = ConnectsOf(int.MaxValue - 1), MaxBoostBid = ConnectsOf(1) }));

        Assert.True(result.IsT0);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(-1, 0)]
    [InlineData(1, -40)]
    public void Create_refuses_a_lifetime_that_is_zero_or_has_a_negative_unit(int months, int days)
    {
        NodaTime.Period lifetime = NodaTime.Period.FromMonths(months) + NodaTime.Period.FromDays(days);

        var result = PlanCatalog.Create("Lifetime", Currency.Usd, ClassicWith(Plan.AgencyPlus, t => t with { ConnectsLifetime = lifetime }));

        Assert.Equal(new InvalidLifetime(Plan.AgencyPlus, lifetime), result.AsT6);
    }

    [Fact]
    public void Create_accepts_a_lifetime_of_a_few_hours()
    {
        var result = PlanCatalog.Create("Hours", Currency.Usd, ClassicWith(Plan.AgencyPlus, t => t with { ConnectsLifetime = NodaTime.Period.FromHours(3) }));

        Assert.True(result.IsT0);
    }

    [Fact]
    public void Create_refuses_the_default_currency_as_a_DefaultValue()
    {
        // A catalog in no currency would accept default(Money) fees, which Money's remarks say catalogs refuse.
        PlanTerms[] noCurrency = [.. PlanCatalog.Classic.Plans.Select(t => t with { MonthlyFee = default, Purchases = null, AllowedActions = PlanActions.None })];

        Assert.Equal(new DefaultValue("currency", nameof(Currency)), PlanCatalog.Create("None", default, noCurrency).AsT7);
    }

    [Fact]
    public void Create_throws_for_null_arguments()
    {
        Assert.Equal("name", Assert.Throws<ArgumentNullException>(() => PlanCatalog.Create(null!, Currency.Usd, PlanCatalog.Classic.Plans)).ParamName);
        Assert.Equal("plans", Assert.Throws<ArgumentNullException>(() => PlanCatalog.Create("x", Currency.Usd, null!)).ParamName);
        Assert.Equal(
            "terms",
            Assert.Throws<ArgumentNullException>(() => PlanCatalog.Create("x", Currency.Usd, PlanCatalog.Classic.Plans.Append(null!))).ParamName);
    }

    [Fact]
    public void CurrentWithFreelancerPlusFee_changes_that_fee_only()
    {
        PlanCatalog catalog = PlanCatalog.CurrentWithFreelancerPlusFee(Usd(14.99m)).AsT0;

        Assert.Equal(Usd(14.99m), catalog[Plan.FreelancerPlus].MonthlyFee);
        Assert.Equal("Current (Freelancer Plus 14.99 USD)", catalog.Name);
        Assert.Equal("Current", PlanCatalog.CurrentWithFreelancerPlusFee(Usd(20.00m)).AsT0.Name);
        Assert.Equal(Currency.Usd, catalog.Currency);
        foreach (PlanTerms current in PlanCatalog.Current.Plans)
        {
            PlanTerms actual = catalog[current.Plan];
            Money expectedFee = current.Plan == Plan.FreelancerPlus ? Usd(14.99m) : current.MonthlyFee;

            // PurchaseRules compares by reference, and each catalog builds its own: compare them by content.
            Assert.Equal(current with { MonthlyFee = expectedFee, Purchases = actual.Purchases }, actual);
            Assert.Equal(current.Purchases?.UnitPrice, actual.Purchases?.UnitPrice);
            Assert.Equal(current.Purchases?.BundleSizes, actual.Purchases?.BundleSizes);
        }
    }

    [Fact]
    public void CurrentWithFreelancerPlusFee_refuses_a_fee_in_another_currency()
        => Assert.Equal(
            new MixedCurrencies(Plan.FreelancerPlus, Currency.Usd, Eur),
            PlanCatalog.CurrentWithFreelancerPlusFee(Euros(20.00m)).AsT1);

    [Fact]
    public void CurrentWithFreelancerPlusFee_refuses_the_default_money()
        => Assert.Equal(
            new MixedCurrencies(Plan.FreelancerPlus, Currency.Usd, default),
            PlanCatalog.CurrentWithFreelancerPlusFee(default).AsT1);
    public static TheoryData<string> SmallPositiveLifetimes() => new() { "minute", "second", "millisecond", "tick" };

    [Theory]
    [MemberData(nameof(SmallPositiveLifetimes))]
    public void Create_accepts_a_lifetime_made_of_one_small_positive_unit(string unit)
    {
        NodaTime.Period lifetime = unit switch
        {
            "minute" => NodaTime.Period.FromHours(1) + NodaTime.Period.FromMinutes(1),
            "second" => NodaTime.Period.FromHours(1) + NodaTime.Period.FromSeconds(1),
            "millisecond" => NodaTime.Period.FromHours(1) + NodaTime.Period.FromMilliseconds(1),
            _ => NodaTime.Period.FromHours(1) + NodaTime.Period.FromTicks(1),
        };

        var result = PlanCatalog.Create("Small", Currency.Usd, ClassicWith(Plan.AgencyPlus, t => t with { ConnectsLifetime = lifetime }));

        Assert.True(result.IsT0);
        Assert.Equal(lifetime, result.AsT0[Plan.AgencyPlus].ConnectsLifetime);
    }
}
