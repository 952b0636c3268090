using System;
using System.Collections.Immutable;
using AgencyConnects.Domain.Plans;
using AgencyConnects.Domain.Values;
using NodaTime;

namespace AgencyConnects.Domain.Pool;

/// <summary>
/// The one pool of Connects of an account, shared by all members of an agency (DOMAIN §5): its lots and its ledger.
/// Immutable. There is no per-member quota: any member draws from the same pool.
/// </summary>
/// <remarks>
/// The balance is never negative and always equals the sum of <see cref="LedgerEntry.Delta"/> over <see cref="Ledger"/>.
/// Lots are kept in spend order: the lot that expires soonest first (never-expiring lots last), then the oldest.
/// Adding to the ledger costs O(log n) and copies nothing else, so operations stay flat as history grows.
/// </remarks>
public sealed class ConnectsPool
{
    private ConnectsPool(ImmutableArray<Lot> lots, Connects balance, ImmutableList<LedgerEntry> ledger)
    {
        Lots = lots;
        Balance = balance;
        Ledger = ledger;
    }

    /// <summary>An empty pool.</summary>
    public static ConnectsPool Empty { get; } = new(ImmutableArray<Lot>.Empty, Connects.Zero, ImmutableList<LedgerEntry>.Empty);

    /// <summary>The lots, in spend order.</summary>
    public ImmutableArray<Lot> Lots { get; }

    /// <summary>The Connects in the pool: the sum of the lots and of the ledger.</summary>
    public Connects Balance { get; }

    /// <summary>Every change to the pool, oldest first.</summary>
    public ImmutableList<LedgerEntry> Ledger { get; }

    /// <summary>The ledger entries whose time is in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    /// <param name="from">The first instant included.</param>
    /// <param name="to">The first instant excluded.</param>
    /// <returns>The entries, oldest first; empty when <paramref name="to"/> is not after <paramref name="from"/>.</returns>
    public ImmutableArray<LedgerEntry> LedgerBetween(Instant from, Instant to)
    {
        if (to <= from)
        {
            return ImmutableArray<LedgerEntry>.Empty;
        }

        int start = FirstIndexAtOrAfter(from);
        int end = FirstIndexAtOrAfter(to);
        var builder = ImmutableArray.CreateBuilder<LedgerEntry>(end - start);
        for (int i = start; i < end; i++)
        {
            builder.Add(Ledger[i]);
        }

        return builder.MoveToImmutable();
    }

    /// <summary>The lots that expire in [<paramref name="from"/>, <paramref name="to"/>): what the owner should spend first.</summary>
    /// <param name="from">The first instant included.</param>
    /// <param name="to">The first instant excluded.</param>
    /// <returns>The lots, soonest expiry first.</returns>
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

    /// <summary>The earliest expiry among the lots, if any lot expires.</summary>
    internal Instant? NextExpiry => Lots.IsEmpty ? null : Lots[0].ExpiresAt;

    /// <summary>Adds a lot and records the entry.</summary>
    internal ConnectsPool Add(Lot lot, LedgerEntry entry)
    {
        int index = 0;
        while (index < Lots.Length && !lot.SpendsBefore(Lots[index]))
        {
            index++;
        }

        return new ConnectsPool(Lots.Insert(index, lot), Balance.Add(lot.Quantity), Ledger.Add(entry));
    }

    /// <summary>Takes <see cref="LedgerEntry.Quantity"/> Connects in spend order and records the entry; the caller has checked the balance.</summary>
    internal ConnectsPool Take(LedgerEntry entry)
    {
        int remaining = entry.Quantity.Value;
        if (remaining > Balance.Value)
        {
            throw new InvalidOperationException("The pool cannot be overdrawn.");
        }

        ImmutableArray<Lot>.Builder lots = Lots.ToBuilder();
        while (remaining > 0)
        {
            Lot first = lots[0];
            if (first.Quantity.Value <= remaining)
            {
                remaining -= first.Quantity.Value;
                lots.RemoveAt(0);
            }
            else
            {
                lots[0] = first with { Quantity = Connects.Of(first.Quantity.Value - remaining) };
                remaining = 0;
            }
        }

        return new ConnectsPool(lots.ToImmutable(), Balance.Subtract(entry.Quantity), Ledger.Add(entry));
    }

    /// <summary>Removes the lots expired at <paramref name="at"/> and records one Expired entry for them.</summary>
    internal ConnectsPool Expire(Instant at)
    {
        int expired = 0;
        ImmutableArray<Lot>.Builder lots = ImmutableArray.CreateBuilder<Lot>(Lots.Length);
        foreach (Lot lot in Lots)
        {
            if (lot.IsExpiredAt(at))
            {
                expired = checked(expired + lot.Quantity.Value);
            }
            else
            {
                lots.Add(lot);
            }
        }

        if (expired == 0)
        {
            return this;
        }

        Connects quantity = Connects.Of(expired);
        return new ConnectsPool(lots.ToImmutable(), Balance.Subtract(quantity), Ledger.Add(new LedgerEntry(LedgerEntryKind.Expired, quantity, at)));
    }

    /// <summary>Closes a period with the month-end rule and records its Expired, Forfeited and CarriedOver entries.</summary>
    internal ConnectsPool Close(Instant periodEnd, Connects? cap, RolloverScope scope, out RolloverOutcome outcome)
    {
        Lot[] survivors = Lots.Length == 0 ? [] : new Lot[Lots.Length];
        outcome = Rollover.Close(Lots.AsSpan(), periodEnd, cap, scope, survivors, out int count);
        ImmutableList<LedgerEntry> ledger = Ledger;
        if (!outcome.Expired.IsZero)
        {
            ledger = ledger.Add(new LedgerEntry(LedgerEntryKind.Expired, outcome.Expired, periodEnd));
        }

        if (!outcome.Forfeited.IsZero)
        {
            ledger = ledger.Add(new LedgerEntry(LedgerEntryKind.Forfeited, outcome.Forfeited, periodEnd));
        }

        if (!outcome.CarriedOver.IsZero)
        {
            ledger = ledger.Add(new LedgerEntry(LedgerEntryKind.CarriedOver, outcome.CarriedOver, periodEnd));
        }

        return new ConnectsPool(ImmutableArray.Create(survivors, 0, count), outcome.CarriedOver, ledger);
    }

    /// <summary>Forfeits everything (an agency closing) and records the entry, naming who closed it.</summary>
    internal ConnectsPool ForfeitAll(Instant at, PersonId actor)
        => Balance.IsZero
            ? this
            : new ConnectsPool(ImmutableArray<Lot>.Empty, Connects.Zero, Ledger.Add(new LedgerEntry(LedgerEntryKind.Forfeited, Balance, at, actor)));

    private int FirstIndexAtOrAfter(Instant instant)
    {
        int low = 0;
        int high = Ledger.Count;
        while (low < high)
        {
            int mid = low + ((high - low) / 2);
            if (Ledger[mid].At < instant)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }
}
