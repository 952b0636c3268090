using System;
using System.Linq;
using AgencyConnects.Domain.Plans;
using AgencyConnects.Domain.Tests.Values;
using AgencyConnects.Domain.Values;
using FsCheck.Xunit;
using Xunit;
using static AgencyConnects.Domain.Tests.Values.ValueArbitraries;

namespace AgencyConnects.Domain.Tests.Plans;

public class PurchaseRulesTests
{
    private static readonly Money s_dollar = Money.Create(1.00m, Currency.Usd).AsT0;

    [Fact]
    public void AnyQuantity_keeps_the_price_and_the_range()
    {
        PurchaseRules rules = PurchaseRules.AnyQuantity(s_dollar, ConnectsOf(5), ConnectsOf(50)).AsT0;

        Assert.Equal(s_dollar, rules.UnitPrice);
        Assert.Equal(ConnectsOf(5), rules.MinimumQuantity);
        Assert.Equal(ConnectsOf(50), rules.MaximumQuantity);
        Assert.Empty(rules.BundleSizes);
    }

    [Fact]
    public void AnyQuantity_without_a_maximum_has_no_upper_bound()
    {
        PurchaseRules rules = PurchaseRules.AnyQuantity(s_dollar, ConnectsOf(1)).AsT0;

        Assert.Null(rules.MaximumQuantity);
        Assert.False(rules.Allows(Connects.Zero));
        Assert.True(rules.Allows(ConnectsOf(1)));
        Assert.True(rules.Allows(Connects.MaxValue));
    }

    [Fact]
    public void AnyQuantity_includes_both_ends_of_the_range()
    {
        PurchaseRules rules = PurchaseRules.AnyQuantity(s_dollar, ConnectsOf(5), ConnectsOf(50)).AsT0;

        Assert.False(rules.Allows(ConnectsOf(4)));
        Assert.True(rules.Allows(ConnectsOf(5)));
        Assert.True(rules.Allows(ConnectsOf(50)));
        Assert.False(rules.Allows(ConnectsOf(51)));
    }

    [Fact]
    public void AnyQuantity_accepts_a_range_of_one_quantity()
    {
        PurchaseRules rules = PurchaseRules.AnyQuantity(s_dollar, ConnectsOf(7), ConnectsOf(7)).AsT0;

        Assert.True(rules.Allows(ConnectsOf(7)));
        Assert.False(rules.Allows(ConnectsOf(6)));
        Assert.False(rules.Allows(ConnectsOf(8)));
    }

    [Fact]
    public void AnyQuantity_refuses_a_zero_minimum()
    {
        Assert.Equal(new InvalidQuantityRange(Connects.Zero, null), PurchaseRules.AnyQuantity(s_dollar, Connects.Zero).AsT1);
        Assert.Equal(
            new InvalidQuantityRange(Connects.Zero, ConnectsOf(10)),
            PurchaseRules.AnyQuantity(s_dollar, Connects.Zero, ConnectsOf(10)).AsT1);
    }

    [Fact]
    public void AnyQuantity_refuses_a_maximum_below_the_minimum()
        => Assert.Equal(
            new InvalidQuantityRange(ConnectsOf(10), ConnectsOf(9)),
            PurchaseRules.AnyQuantity(s_dollar, ConnectsOf(10), ConnectsOf(9)).AsT1);

    [Fact]
    public void AnyQuantity_refuses_a_price_in_the_default_currency()
        => Assert.Equal(new InvalidCurrencyCode(string.Empty), PurchaseRules.AnyQuantity(default, ConnectsOf(1)).AsT2);

    [Fact]
    public void Bundles_keeps_the_price_and_the_sizes_ascending_without_duplicates()
    {
        PurchaseRules rules = PurchaseRules.Bundles(s_dollar, new[] { 40, 10, 20, 10 }.Select(s => ConnectsOf(s))).AsT0;

        Assert.Equal(s_dollar, rules.UnitPrice);
        Assert.Equal(new[] { 10, 20, 40 }, rules.BundleSizes.Select(c => c.Value));
        Assert.Equal(ConnectsOf(10), rules.MinimumQuantity);
        Assert.Equal(ConnectsOf(40), rules.MaximumQuantity);
    }

    [Fact]
    public void Bundles_allows_the_bundle_sizes_only()
    {
        PurchaseRules rules = PurchaseRules.Bundles(s_dollar, new[] { 10, 20, 40 }.Select(s => ConnectsOf(s))).AsT0;

        Assert.True(rules.Allows(ConnectsOf(10)));
        Assert.True(rules.Allows(ConnectsOf(20)));
        Assert.True(rules.Allows(ConnectsOf(40)));
        Assert.False(rules.Allows(ConnectsOf(30)));
        Assert.False(rules.Allows(ConnectsOf(11)));
        Assert.False(rules.Allows(ConnectsOf(41)));
    }

    [Fact]
    public void Bundles_refuses_an_empty_list()
        => Assert.Equal(new EmptyBundleList(), PurchaseRules.Bundles(s_dollar, []).AsT1);

    [Fact]
    public void Bundles_refuses_a_bundle_of_zero()
        => Assert.Equal(new ZeroBundleSize(), PurchaseRules.Bundles(s_dollar, [ConnectsOf(10), Connects.Zero]).AsT2);

    [Fact]
    public void Bundles_refuses_a_price_in_the_default_currency()
        => Assert.Equal(new InvalidCurrencyCode(string.Empty), PurchaseRules.Bundles(default, [ConnectsOf(10)]).AsT3);

    [Fact]
    public void Bundles_throws_for_a_null_list()
        => Assert.Equal("bundleSizes", Assert.Throws<ArgumentNullException>(() => PurchaseRules.Bundles(s_dollar, null!)).ParamName);

    [Property(Arbitrary = new[] { typeof(ValueArbitraries) }, MaxTest = 300)]
    public void Allows_agrees_with_a_bundle_lookup_or_a_range_check(PurchaseRulesSample sample, Connects anyQuantity)
    {
        foreach (long quantity in sample.InterestingQuantities().Append(anyQuantity.Value))
        {
            Assert.True(
                sample.ReferenceAllows(quantity) == sample.Rules.Allows(ConnectsOf(quantity)),
                $"{sample}: Allows({quantity}) should be {sample.ReferenceAllows(quantity)}");
        }
    }

    [Property(Arbitrary = new[] { typeof(ValueArbitraries) }, MaxTest = 200)]
    public void Bounds_are_the_range_given_or_the_smallest_and_largest_bundle(PurchaseRulesSample sample)
    {
        PurchaseRules rules = sample.Rules;
        if (sample.BundleSizes is { } sizes)
        {
            int[] expected = [.. sizes.Distinct().Order()];
            Assert.Equal(expected, rules.BundleSizes.Select(c => c.Value));
            Assert.Equal(expected[0], rules.MinimumQuantity.Value);
            Assert.Equal(expected[^1], rules.MaximumQuantity?.Value);
        }
        else
        {
            Assert.Empty(rules.BundleSizes);
            Assert.Equal(sample.Minimum, rules.MinimumQuantity.Value);
            Assert.Equal(sample.Maximum, rules.MaximumQuantity?.Value);
        }
    }
}
