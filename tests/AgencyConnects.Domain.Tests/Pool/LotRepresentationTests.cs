using System;
using System.Runtime.CompilerServices;
using AgencyConnects.Domain.Pool;
using AgencyConnects.Domain.Values;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;
using Xunit;

namespace AgencyConnects.Domain.Tests.Pool;

/// <summary>
/// A lot keeps its two instants as days and nanoseconds of the day, and its source inside the days of acquisition
/// (28 bytes instead of 40). Whatever goes in comes back out, over the whole range of instants, and the spend order
/// and expiry checks agree with comparing the instants themselves.
/// </summary>
public sealed class LotRepresentationTests
{
    private static readonly Gen<Instant> AnyInstant = Gen.OneOf(
        Gen.Elements(Instant.MinValue, Instant.MaxValue, NodaConstants.UnixEpoch, Instant.MinValue.PlusNanoseconds(1),
            Instant.MaxValue.PlusNanoseconds(-1), NodaConstants.UnixEpoch.PlusNanoseconds(-1), Instant.FromUtc(1969, 12, 31, 12, 0)),
        Gen.Choose(-3_652_000, 2_932_000).Zip(ArbMap.Default.GeneratorFor<long>(), (days, nanos) => NodaConstants.UnixEpoch
            .Plus(Duration.FromDays(days))
            .Plus(Duration.FromNanoseconds(Math.Abs(nanos % NodaConstants.NanosecondsPerDay)))));

    private static readonly Gen<Lot> AnyLot =
        from source in Gen.Elements(LotSource.Allotment, LotSource.Purchase, LotSource.Refund, LotSource.CarriedOver)
        from quantity in Gen.Choose(0, int.MaxValue)
        from acquired in AnyInstant
        from expiry in Gen.OneOf(Gen.Constant<Instant?>(null), AnyInstant.Select(i => (Instant?)i))
        select new Lot(source, Connects.Of(quantity), acquired, expiry);

    [Fact]
    public void A_lot_is_28_bytes()
        => Assert.Equal(28, Unsafe.SizeOf<Lot>());

    [Fact]
    public void Default_is_an_empty_allotment_lot_acquired_at_the_epoch_that_never_expires()
    {
        Lot lot = default;

        Assert.Equal(LotSource.Allotment, lot.Source);
        Assert.Equal(Connects.Zero, lot.Quantity);
        Assert.Equal(NodaConstants.UnixEpoch, lot.AcquiredAt);
        Assert.Null(lot.ExpiresAt);
        Assert.False(lot.IsExpiredAt(Instant.MaxValue));
        Assert.Equal(new Lot(LotSource.Allotment, Connects.Zero, NodaConstants.UnixEpoch, null), lot);
    }

    [Fact]
    public void What_goes_in_comes_back_out()
        => Check.One(Config.QuickThrowOnFailure.WithMaxTest(PropertyRuns.Or(500)), Prop.ForAll(
                AnyLot.ToArbitrary(),
                AnyInstant.ToArbitrary(),
                Gen.Elements(LotSource.Allotment, LotSource.Purchase, LotSource.Refund, LotSource.CarriedOver).ToArbitrary(),
                (lot, other, source) =>
                {
                    var copy = new Lot(lot.Source, lot.Quantity, lot.AcquiredAt, lot.ExpiresAt);
                    Assert.Equal(lot, copy);
                    Assert.Equal(lot.GetHashCode(), copy.GetHashCode());

                    Lot moved = lot with { AcquiredAt = other };
                    Assert.Equal((lot.Source, lot.Quantity, other, lot.ExpiresAt), (moved.Source, moved.Quantity, moved.AcquiredAt, moved.ExpiresAt));

                    Lot relabelled = lot with { Source = source };
                    Assert.Equal((source, lot.Quantity, lot.AcquiredAt, lot.ExpiresAt), (relabelled.Source, relabelled.Quantity, relabelled.AcquiredAt, relabelled.ExpiresAt));

                    Lot reexpired = lot with { ExpiresAt = other };
                    Assert.Equal(other == Instant.MaxValue ? null : other, reexpired.ExpiresAt);
                    Assert.Equal((lot.Source, lot.AcquiredAt), (reexpired.Source, reexpired.AcquiredAt));

                    Lot remaining = lot.Remaining(source, 7);
                    Assert.Equal((source, Connects.Of(7), lot.AcquiredAt, lot.ExpiresAt), (remaining.Source, remaining.Quantity, remaining.AcquiredAt, remaining.ExpiresAt));
                }));

    [Fact]
    public void Expiry_and_spend_order_agree_with_the_instants()
        => Check.One(Config.QuickThrowOnFailure.WithMaxTest(PropertyRuns.Or(1000)), Prop.ForAll(
                AnyLot.ToArbitrary(),
                AnyLot.ToArbitrary(),
                AnyInstant.ToArbitrary(),
                (a, b, now) =>
                {
                    Instant aExpiry = a.ExpiresAt ?? Instant.MaxValue;
                    Instant bExpiry = b.ExpiresAt ?? Instant.MaxValue;
                    Assert.Equal(a.ExpiresAt is { } expiry && expiry <= now, a.IsExpiredAt(now));
                    bool expected = aExpiry != bExpiry ? aExpiry < bExpiry : a.AcquiredAt < b.AcquiredAt;
                    Assert.Equal(expected, a.SpendsBefore(b));
                }));
}
