using System;
using System.Runtime.CompilerServices;
using AgencyConnects.Domain.Plans;
using AgencyConnects.Domain.Values;

namespace AgencyConnects.Domain.Pool;

/// <summary>What closing one billing period did to a pool.</summary>
/// <param name="Expired">Connects whose lots expired at or before the period's end.</param>
/// <param name="Forfeited">Unused Connects above the rollover cap, taken away.</param>
/// <param name="CarriedOver">Connects that stay in the pool into the next period.</param>
public readonly record struct RolloverOutcome(Connects Expired, Connects Forfeited, Connects CarriedOver);

/// <summary>
/// The month-end rule (DOMAIN §3), once: expire lots past their expiry, apply the rollover cap to its scope and
/// forfeit the excess, keep the rest. One pure function over a compact span of lots, called by the one-account close
/// and by the batch close alike.
/// </summary>
internal static class Rollover
{
    /// <summary>
    /// Closes a period over <paramref name="lots"/> (in spend order), writing the surviving lots, still in spend
    /// order, to the start of <paramref name="survivors"/> (which may be the same memory as <paramref name="lots"/>).
    /// Surviving allotment lots become carried-over lots. The cap is applied to all unused Connects
    /// (<see cref="RolloverScope.AllUnused"/>) or to the Connects that came from allotments only
    /// (<see cref="RolloverScope.AllotmentOnly"/>: allotment and carried-over lots, never bought or refunded ones);
    /// the excess is forfeited in spend order (soonest-expiring, oldest first).
    /// </summary>
    public static RolloverOutcome Close(
        ReadOnlySpan<Lot> lots, LotInstant periodEnd, Connects? cap, RolloverScope scope, Span<Lot> survivors, out int survivorCount)
    {
        // Spend order puts the soonest expiry first, so the lots expired at the period's end are a prefix.
        int first = 0;
        int expired = 0;
        while (first < lots.Length && lots[first].IsExpiredAt(periodEnd))
        {
            expired = checked(expired + lots[first].QuantityValue);
            first++;
        }

        int excess = 0;
        if (cap is { } limit)
        {
            long subject = 0;
            for (int i = first; i < lots.Length; i++)
            {
                ref readonly Lot lot = ref lots[i];
                if (IsCapped(lot, scope))
                {
                    subject += lot.QuantityValue;
                }
            }

            excess = subject > limit.Value ? (int)(subject - limit.Value) : 0;
        }

        int forfeited = excess;
        int carried = 0;
        int count = 0;
        int next = first;

        // The excess comes off the first capped lots in spend order...
        for (; excess > 0 && next < lots.Length; next++)
        {
            ref readonly Lot lot = ref lots[next];
            int quantity = lot.QuantityValue;
            if (IsCapped(lot, scope))
            {
                int taken = Math.Min(excess, quantity);
                excess -= taken;
                quantity -= taken;
            }

            if (quantity != 0)
            {
                carried = checked(carried + quantity);
                survivors[count++] = lot.Remaining(CarriedSource(lot.Source), quantity);
            }
        }

        // ...and the rest carry over whole.
        for (; next < lots.Length; next++)
        {
            ref readonly Lot lot = ref lots[next];
            int quantity = lot.QuantityValue;
            if (quantity != 0)
            {
                carried = checked(carried + quantity);
                survivors[count++] = lot.Remaining(CarriedSource(lot.Source), quantity);
            }
        }

        survivorCount = count;
        return new RolloverOutcome(Connects.Of(expired), Connects.Of(forfeited), Connects.Of(carried));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static LotSource CarriedSource(LotSource source) => source == LotSource.Allotment ? LotSource.CarriedOver : source;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsCapped(in Lot lot, RolloverScope scope)
        => scope == RolloverScope.AllUnused || lot.Source is LotSource.Allotment or LotSource.CarriedOver;
}
