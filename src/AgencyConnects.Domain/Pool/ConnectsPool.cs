using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using AgencyConnects.Domain.Internal;
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
    private readonly AppendOnlyList<LedgerEntry> _ledger;

    private ConnectsPool(ImmutableList<Lot> lots, Connects balance, AppendOnlyList<LedgerEntry> ledger)
    {
        Lots = lots;
        Balance = balance;
        _ledger = ledger;
    }

    /// <summary>An empty pool.</summary>
    public static ConnectsPool Empty { get; } = new(ImmutableList<Lot>.Empty, Connects.Zero, AppendOnlyList<LedgerEntry>.Empty);

    /// <summary>The lots, in spend order. Adding, spending and expiring cost O(log n) in the number of lots.</summary>
    public ImmutableList<Lot> Lots { get; }

    /// <summary>The Connects in the pool: the sum of the lots and of the ledger.</summary>
    public Connects Balance { get; }

    /// <summary>Every change to the pool, oldest first. Appending costs amortized O(1); reading an entry O(1).</summary>
    public IReadOnlyList<LedgerEntry> Ledger => _ledger;

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

    /// <summary>The earliest expiry among the lots, if any lot expires (the first lot in spend order expires soonest).</summary>
    internal Instant? NextExpiry => Lots.IsEmpty ? null : Lots[0].ExpiresAt;

    /// <summary>Adds a lot after every lot it is not spent before, and records the entry.</summary>
    internal ConnectsPool Add(Lot lot, LedgerEntry entry)
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

        return new ConnectsPool(Lots.Insert(low, lot), Balance.Add(lot.Quantity), _ledger.Add(entry));
    }

    /// <summary>Takes <see cref="LedgerEntry.Quantity"/> Connects in spend order and records the entry; the caller has checked the balance.</summary>
    internal ConnectsPool Take(LedgerEntry entry)
    {
        int remaining = entry.Quantity.Value;
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

        return new ConnectsPool(lots, Balance.Subtract(entry.Quantity), _ledger.Add(entry));
    }

    /// <summary>Removes the lots expired at <paramref name="at"/> (a prefix in spend order) and records one Expired entry for them.</summary>
    internal ConnectsPool Expire(Instant at)
    {
        int expired = 0;
        ImmutableList<Lot> lots = Lots;
        while (!lots.IsEmpty && lots[0].IsExpiredAt(at))
        {
            expired = checked(expired + lots[0].Quantity.Value);
            lots = lots.RemoveAt(0);
        }

        if (expired == 0)
        {
            return this;
        }

        Connects quantity = Connects.Of(expired);
        return new ConnectsPool(lots, Balance.Subtract(quantity), _ledger.Add(new LedgerEntry(LedgerEntryKind.Expired, quantity, at)));
    }

    /// <summary>The Connects in the lots expired at <paramref name="at"/>.</summary>
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

    /// <summary>Closes a period with the month-end rule and records its Expired, Forfeited and CarriedOver entries.</summary>
    internal ConnectsPool Close(Instant periodEnd, Connects? cap, RolloverScope scope, out RolloverOutcome outcome)
    {
        Lot[] lots = [.. Lots];
        outcome = Rollover.Close(lots, LotInstant.From(periodEnd), cap, scope, lots, out int count);
        AppendOnlyList<LedgerEntry> ledger = _ledger;
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

        return new ConnectsPool(ImmutableList.Create(lots.AsSpan(0, count)), outcome.CarriedOver, ledger);
    }

    /// <summary>Forfeits everything (an agency closing) and records the entry, naming who closed it.</summary>
    internal ConnectsPool ForfeitAll(Instant at, PersonId actor)
        => Balance.IsZero
            ? this
            : new ConnectsPool(ImmutableList<Lot>.Empty, Connects.Zero, _ledger.Add(new LedgerEntry(LedgerEntryKind.Forfeited, Balance, at, actor)));

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
