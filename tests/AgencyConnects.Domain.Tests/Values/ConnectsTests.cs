using System;
using AgencyConnects.Domain.Values;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;
using static AgencyConnects.Domain.Tests.Values.ValueArbitraries;

namespace AgencyConnects.Domain.Tests.Values;

public class ConnectsTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(80)]
    [InlineData(int.MaxValue)]
    public void Create_accepts_zero_to_int_MaxValue(long value)
        => Assert.Equal(value, Connects.Create(value).AsT0.Value);

    [Theory]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    [InlineData(long.MinValue)]
    public void Create_refuses_a_negative_quantity(long value)
        => Assert.Equal(new InvalidConnectsQuantity(value), Connects.Create(value).AsT1);

    [Theory]
    [InlineData(int.MaxValue + 1L)]
    [InlineData(long.MaxValue)]
    public void Create_refuses_more_than_int_MaxValue(long value)
        => Assert.Equal(new InvalidConnectsQuantity(value), Connects.Create(value).AsT1);

    [Fact]
    public void Plus_adds()
        => Assert.Equal(ConnectsOf(230), ConnectsOf(80).Plus(ConnectsOf(150)).AsT0);

    [Fact]
    public void Plus_reaches_MaxValue_exactly()
        => Assert.Equal(Connects.MaxValue, ConnectsOf(int.MaxValue - 10).Plus(ConnectsOf(10)).AsT0);

    [Fact]
    public void Plus_reports_overflow_past_MaxValue_with_both_operands()
    {
        Connects left = Connects.MaxValue;
        Connects right = ConnectsOf(1);

        Assert.Equal(new ConnectsOverflow(left, right), left.Plus(right).AsT1);
    }

    [Fact]
    public void Minus_subtracts()
        => Assert.Equal(ConnectsOf(74), ConnectsOf(80).Minus(ConnectsOf(6)).AsT0);

    [Fact]
    public void Minus_may_reach_zero()
        => Assert.Equal(Connects.Zero, ConnectsOf(6).Minus(ConnectsOf(6)).AsT0);

    [Fact]
    public void Minus_refuses_to_go_below_zero_naming_what_was_asked_and_what_there_is()
        => Assert.Equal(
            new NotEnoughConnects(Requested: ConnectsOf(7), Available: ConnectsOf(6)),
            ConnectsOf(6).Minus(ConnectsOf(7)).AsT1);

    [Fact]
    public void The_internal_factory_and_subtraction_refuse_a_negative_quantity()
    {
        var ofNegative = Assert.Throws<ArgumentOutOfRangeException>(() => Connects.Of(-1));
        Assert.Equal("value", ofNegative.ParamName);

        Assert.Throws<ArgumentOutOfRangeException>(() => Connects.Of(3).Subtract(Connects.Of(4)));
        Assert.Equal(Connects.Of(0), Connects.Of(4).Subtract(Connects.Of(4)));
    }

    [Fact]
    public void Min_is_the_smaller_quantity_either_way_round()
    {
        Assert.Equal(ConnectsOf(3), Connects.Min(ConnectsOf(3), ConnectsOf(5)));
        Assert.Equal(ConnectsOf(3), Connects.Min(ConnectsOf(5), ConnectsOf(3)));
    }

    [Fact]
    public void MaxValue_is_int_MaxValue_Connects()
        => Assert.Equal(int.MaxValue, Connects.MaxValue.Value);

    [Fact]
    public void Default_is_zero_Connects()
    {
        Connects zero = default;

        Assert.Equal(0, zero.Value);
        Assert.True(zero.IsZero);
        Assert.Equal(Connects.Zero, zero);
        Assert.Equal(ConnectsOf(0), zero);
        Assert.NotEqual(ConnectsOf(1), zero);
        Assert.False(ConnectsOf(1).IsZero);
        Assert.Equal("0 Connects", zero.ToString());
    }

    [Fact]
    public void Default_orders_before_every_positive_quantity()
    {
        Connects zero = default;
        Connects one = ConnectsOf(1);

        Assert.Equal(0, zero.CompareTo(Connects.Zero));
        Assert.True(zero.CompareTo(one) < 0);
        Assert.True(one.CompareTo(zero) > 0);
        Assert.True(zero < one);
        Assert.True(zero <= one);
        Assert.True(zero <= Connects.Zero);
        Assert.True(zero >= Connects.Zero);
        Assert.False(zero > one);
        Assert.False(zero >= one);
        Assert.True(one > zero);
        Assert.True(one >= zero);
        Assert.False(one < zero);
        Assert.False(one <= zero);
    }

    [Fact]
    public void ToString_names_the_quantity_in_the_invariant_culture()
        => Assert.Equal("2147483647 Connects", Connects.MaxValue.ToString());

    [Property(Arbitrary = new[] { typeof(ValueArbitraries) }, MaxTest = 1000)]
    public void Create_round_trips_zero_to_int_MaxValue_and_refuses_everything_else(long value)
    {
        var created = Connects.Create(value);

        if (value is >= 0 and <= int.MaxValue)
        {
            Assert.Equal(value, created.AsT0.Value);
        }
        else
        {
            Assert.Equal(new InvalidConnectsQuantity(value), created.AsT1);
        }
    }

    [Property(Arbitrary = new[] { typeof(ValueArbitraries) }, MaxTest = 1000)]
    public Property Plus_never_wraps(Connects left, Connects right)
    {
        long exact = (long)left.Value + right.Value;
        var sum = left.Plus(right);

        bool correct = exact > int.MaxValue
            ? sum.IsT1 && sum.AsT1 == new ConnectsOverflow(left, right)
            : sum.IsT0 && sum.AsT0.Value == exact;
        return correct.Classify(exact > int.MaxValue, "overflow");
    }

    [Property(Arbitrary = new[] { typeof(ValueArbitraries) }, MaxTest = 1000)]
    public Property Minus_never_goes_below_zero(Connects left, Connects right)
    {
        long exact = (long)left.Value - right.Value;
        var difference = left.Minus(right);

        bool correct = exact < 0
            ? difference.IsT1 && difference.AsT1 == new NotEnoughConnects(right, left)
            : difference.IsT0 && difference.AsT0.Value == exact;
        return correct.Classify(exact < 0, "not enough");
    }

    [Property(Arbitrary = new[] { typeof(ValueArbitraries) }, MaxTest = 300)]
    public void Ordering_agrees_with_the_quantities(Connects left, Connects right)
    {
        int expected = left.Value.CompareTo(right.Value);

        Assert.Equal(expected, int.Sign(left.CompareTo(right)));
        Assert.Equal(expected < 0, left < right);
        Assert.Equal(expected <= 0, left <= right);
        Assert.Equal(expected > 0, left > right);
        Assert.Equal(expected >= 0, left >= right);
        Assert.Equal(expected == 0, left == right);
        Assert.Equal(expected < 0 ? left : right, Connects.Min(left, right));
    }
}
