using System;
using AgencyConnects.Domain.Values;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;
using Xunit;

namespace AgencyConnects.Domain.Tests.Values;

/// <summary>
/// The month end compares and builds instants in the form lots keep them. That form must stand for exactly the
/// instant it came from, order instants as NodaTime does, and give local midnight in a fixed-offset zone as NodaTime
/// does, over the whole range.
/// </summary>
public sealed class LotInstantTests
{
    private static readonly Gen<Instant> AnyInstant = Gen.OneOf(
        Gen.Elements(Instant.MinValue, Instant.MaxValue, NodaConstants.UnixEpoch, NodaConstants.UnixEpoch.PlusNanoseconds(-1),
            NodaConstants.UnixEpoch.PlusNanoseconds(1), Instant.FromUtc(1969, 12, 31, 12, 0), Instant.FromUtc(1970, 1, 1, 12, 0)),
        Gen.Choose(-4_371_000, 2_932_000).Zip(Gen.Choose(-86_399, 86_399), (days, seconds) => NodaConstants.UnixEpoch
            .Plus(Duration.FromDays(days))
            .Plus(Duration.FromSeconds(seconds))
            .PlusNanoseconds(seconds % 7)));

    [Fact]
    public void An_instant_comes_back_and_compares_as_NodaTime_compares()
        => Check.One(Config.QuickThrowOnFailure.WithMaxTest(PropertyRuns.Or(1_000)), Prop.ForAll(
                AnyInstant.ToArbitrary(),
                AnyInstant.ToArbitrary(),
                (a, b) =>
                {
                    LotInstant left = LotInstant.From(a);
                    LotInstant right = LotInstant.From(b);
                    Assert.Equal(a, left.ToInstant());
                    Assert.Equal(a <= b, left <= right);
                    Assert.Equal(a < b, left < right);
                    Assert.Equal(a > b, left > right);
                    Assert.Equal(a >= b, left >= right);
                    LotInstant same = LotInstant.From(a);
                    Assert.True(left <= same);
                    Assert.False(left < same);
                }));

    [Theory]
    [InlineData(0, 0)]
    [InlineData(0, 19_800)]
    [InlineData(0, -43_200)]
    [InlineData(1, 64_800)]
    [InlineData(1, -64_800)]
    [InlineData(-1, 64_800)]
    [InlineData(-1, -64_800)]
    [InlineData(-1, 0)]
    [InlineData(1, 0)]
    [InlineData(-4_371_000, 3_600)]
    [InlineData(2_932_000, -3_600)]
    public void Midnight_in_a_fixed_offset_zone_is_NodaTimes(int unixDays, int offsetSeconds)
        => AssertMidnight(unixDays, offsetSeconds);

    [Fact]
    public void Midnight_in_any_fixed_offset_zone_is_NodaTimes()
        => Check.One(Config.QuickThrowOnFailure.WithMaxTest(PropertyRuns.Or(1_000)), Prop.ForAll(
                Gen.Choose(-4_371_000, 2_932_000).ToArbitrary(),
                Gen.Choose(-64_800, 64_800).ToArbitrary(),
                (unixDays, offsetSeconds) => AssertMidnight(unixDays, offsetSeconds)));

    private static void AssertMidnight(int unixDays, int offsetSeconds)
    {
        DateTimeZone zone = DateTimeZone.ForOffset(Offset.FromSeconds(offsetSeconds));
        LocalDate date = new LocalDate(1970, 1, 1).PlusDays(unixDays);
        Instant expected = zone.AtStartOfDay(date).ToInstant();

        LotInstant midnight = LotInstant.MidnightAt(unixDays, offsetSeconds);

        Assert.Equal(expected, midnight.ToInstant());
        Assert.Equal(LotInstant.From(expected).Days, midnight.Days);
        Assert.Equal(LotInstant.From(expected).NanosecondOfDay, midnight.NanosecondOfDay);
        Assert.True(Math.Abs(midnight.NanosecondOfDay) < LotInstant.NanosecondsPerDay);
    }
}
