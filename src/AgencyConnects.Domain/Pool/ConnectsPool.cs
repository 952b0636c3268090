using System;
using System.Collections.Immutable;
using AgencyConnects.Domain.Plans;
using AgencyConnects.Domain.Values;
using NodaTime;

namespace AgencyConnects.Domain.Pool;

/// <summary>
/// The one pool of Connects of an account, shared by all members of an agency (DOMAIN §5): its lots. Immutable. There
/// is no per-member quota: any member draws from the same pool.
/// </summary>
/// <remarks>
/// The balance is never negative and is the sum of the lots. Lots are kept in spend order: the lot that expires
/// soonest first (never-expiring lots last), then the oldest. The pool holds only what is live; its history, the
/// ledger, is a projection of the account's events (<c>AccountHistory</c>), whose entries sum to the balance.
/// </remarks>
public sealed class ConnectsPool
{
    private ConnectsPool(ImmutableList<Lot> lots, Connects balance)
    {
        Lots = lots;
        Balance = balance;
    }

    /// <summary>An empty pool.</summary>
    public static ConnectsPool Empty { get; } = new(ImmutableList<Lot>.Empty, Connects.Zero);

    /// <summary>The lots, in spend order. Adding, spending and expiring cost O(log n) in the number of lots.</summary>
    public ImmutableList<Lot> Lots { get; }

    /// <summary>The Connects in the pool: the sum of the lots, never negative.</summary>
    public Connects Balance { get; }

    /// <summary>The lots whose expiry is in [<paramref name="from"/>, <paramref name="to"/>), soonest first: what the owner watches.</summary>
    /// <param name="from">The first instant included.</param>
    /// <param name="to">The first instant excluded.</param>
    /// <returns>The lots.</returns>
    public ImmutableArray<Lot> ExpiringBetween(Instant from, Instant to)
    {
        var builder = ImmutableArray.CreateBuilder<Lot>();
        foreach (Lot lot in Lots)
        {
            if (lot.ExpiresAt is { } expiry && expiry >= from && expiry < to)
            {
                builder.Add(lot);
            }
        }

        return builder.ToImmutable();
    }

    /// <summary>The soonest expiry of a lot, if any lot expires.</summary>
    internal Instant? NextExpiry => Lots.IsEmpty ? null : Lots[0].ExpiresAt;

    /// <summary>A pool of the given lots, in spend order (a snapshot's).</summary>
    internal static ConnectsPool Of(ImmutableList<Lot> lots)
    {
        int balance = 0;
        foreach (Lot lot in lots)
        {
            balance = checked(balance + lot.QuantityValue);
        }

        return new ConnectsPool(lots, Connects.Of(balance));
    }

    /// <summary>Adds a lot, in spend order.</summary>
    internal ConnectsPool Add(Lot lot)
    {
        int low = 0;
        int high = Lots.Count;
        while (low < high)
        {
            int mid = low + ((high - low) / 2);
            if (lot.SpendsBefore(Lots[mid]))
            {
                high = mid;
            }
            else
            {
                low = mid + 1;
            }
        }

        return new ConnectsPool(Lots.Insert(low, lot), Balance.Add(lot.Quantity));
    }

    /// <summary>Takes Connects in spend order; the caller has checked the balance.</summary>
    internal ConnectsPool Take(Connects quantity)
    {
        int remaining = quantity.Value;
        if (remaining > Balance.Value)
        {
            throw new InvalidOperationException("The pool cannot be overdrawn.");
        }

        ImmutableList<Lot> lots = Lots;
        while (remaining > 0)
        {
            Lot first = lots[0];
            if (first.Quantity.Value <= remaining)
            {
                remaining -= first.Quantity.Value;
                lots = lots.RemoveAt(0);
            }
            else
            {
                lots = lots.SetItem(0, first with { Quantity = Connects.Of(first.Quantity.Value - remaining) });
                remaining = 0;
            }
        }

        return new ConnectsPool(lots, Balance.Subtract(quantity));
    }

    /// <summary>Removes the lots expired at <paramref name="at"/>.</summary>
    internal ConnectsPool Expire(Instant at)
    {
        Connects expired = ExpiredAt(at);
        if (expired.IsZero)
        {
            return this;
        }

        ImmutableList<Lot> lots = Lots;
        while (!lots.IsEmpty && lots[0].IsExpiredAt(at))
        {
            lots = lots.RemoveAt(0);
        }

        return new ConnectsPool(lots, Balance.Subtract(expired));
    }

    /// <summary>The Connects of the lots expired at <paramref name="at"/>.</summary>
    internal Connects ExpiredAt(Instant at)
    {
        int expired = 0;
        foreach (Lot lot in Lots)
        {
            if (!lot.IsExpiredAt(at))
            {
                break;
            }

            expired = checked(expired + lot.Quantity.Value);
        }

        return Connects.Of(expired);
    }

    /// <summary>Closes a period (<see cref="Rollover.Close"/>): expires, applies the cap, carries the rest over.</summary>
    internal ConnectsPool Close(Instant periodEnd, Connects? cap, RolloverScope scope, out RolloverOutcome outcome)
    {
        Lot[] lots = [.. Lots];
        outcome = Rollover.Close(lots, LotInstant.From(periodEnd), cap, scope, lots, out int count);
        return new ConnectsPool(ImmutableList.Create(lots.AsSpan(0, count)), outcome.CarriedOver);
    }

    /// <summary>Empties the pool (an agency closed).</summary>
    internal ConnectsPool ForfeitAll() => Balance.IsZero ? this : Empty;
}
