using System;
using System.Collections.Immutable;
using AgencyConnects.Domain.Internal;
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
    // Without an edit token (one change) every change works on an ImmutableList builder, frozen into the new pool at
    // once. A builder applying a run of events passes its token: the pool it owns keeps its lots in an array of its own,
    // in spend order from _start (spending takes from the front, so the front has room; purchases land near the back),
    // changed in place until Frozen, when the builder hands out its state.
    private readonly EditToken? _owner;
    private ImmutableList<Lot> _lots;
    private Lot[]? _buffer;
    private int _start;
    private int _count;

    private ConnectsPool(ImmutableList<Lot> lots, Connects balance)
    {
        _lots = lots;
        Balance = balance;
    }

    private ConnectsPool(ImmutableList<Lot> lots, Connects balance, EditToken owner)
    {
        _lots = ImmutableList<Lot>.Empty;
        _buffer = new Lot[Math.Max(2 * lots.Count, 8)];
        lots.CopyTo(_buffer);
        _count = lots.Count;
        Balance = balance;
        _owner = owner;
    }

    /// <summary>An empty pool.</summary>
    public static ConnectsPool Empty { get; } = new(ImmutableList<Lot>.Empty, Connects.Zero);

    /// <summary>The lots, in spend order. A single change (adding, spending, expiring) costs O(log n) in the number of lots.</summary>
    public ImmutableList<Lot> Lots => _buffer is { } buffer ? ImmutableList.Create(buffer.AsSpan(_start, _count)) : _lots;

    /// <summary>The Connects in the pool: the sum of the lots, never negative.</summary>
    public Connects Balance { get; private set; }

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
    internal Instant? NextExpiry => LotCount == 0 ? null : LotAt(0).ExpiresAt;

    private int LotCount => _buffer is null ? _lots.Count : _count;

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

    /// <summary>Adds a lot, in spend order; in place when <paramref name="edit"/> owns this pool.</summary>
    internal ConnectsPool Add(Lot lot, EditToken? edit = null)
    {
        // The first lot that spends after the new one: lots that spend alike keep the order they came in.
        int low = 0;
        int high = LotCount;
        while (low < high)
        {
            int mid = low + ((high - low) / 2);
            if (lot.SpendsBefore(LotAt(mid)))
            {
                high = mid;
            }
            else
            {
                low = mid + 1;
            }
        }

        if (edit is null)
        {
            return new ConnectsPool(_lots.Insert(low, lot), Balance.Add(lot.Quantity));
        }

        ConnectsPool pool = Editable(edit);
        pool.Insert(low, lot);
        pool.Balance = Balance.Add(lot.Quantity);
        return pool;
    }

    /// <summary>Takes Connects in spend order; the caller has checked the balance. In place when <paramref name="edit"/> owns this pool.</summary>
    internal ConnectsPool Take(Connects quantity, EditToken? edit = null)
    {
        int remaining = quantity.Value;
        if (remaining > Balance.Value)
        {
            throw new InvalidOperationException("The pool cannot be overdrawn.");
        }

        if (remaining == 0)
        {
            return this;
        }

        if (edit is null)
        {
            ImmutableList<Lot>.Builder lots = _lots.ToBuilder();
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

            return new ConnectsPool(lots.ToImmutable(), Balance.Subtract(quantity));
        }

        ConnectsPool pool = Editable(edit);
        Lot[] buffer = pool._buffer!;
        while (remaining > 0)
        {
            ref Lot first = ref buffer[pool._start];
            if (first.Quantity.Value <= remaining)
            {
                remaining -= first.Quantity.Value;
                pool._start++;
                pool._count--;
            }
            else
            {
                first = first with { Quantity = Connects.Of(first.Quantity.Value - remaining) };
                remaining = 0;
            }
        }

        pool.Balance = Balance.Subtract(quantity);
        return pool;
    }

    /// <summary>Removes the lots expired at <paramref name="at"/>; in place when <paramref name="edit"/> owns this pool.</summary>
    internal ConnectsPool Expire(Instant at, EditToken? edit = null)
    {
        Connects expired = ExpiredAt(at);
        if (expired.IsZero)
        {
            return this;
        }

        if (edit is null)
        {
            ImmutableList<Lot>.Builder lots = _lots.ToBuilder();
            while (lots.Count > 0 && lots[0].IsExpiredAt(at))
            {
                lots.RemoveAt(0);
            }

            return new ConnectsPool(lots.ToImmutable(), Balance.Subtract(expired));
        }

        ConnectsPool pool = Editable(edit);
        while (pool._count > 0 && pool._buffer![pool._start].IsExpiredAt(at))
        {
            pool._start++;
            pool._count--;
        }

        pool.Balance = Balance.Subtract(expired);
        return pool;
    }

    /// <summary>The Connects of the lots expired at <paramref name="at"/>.</summary>
    internal Connects ExpiredAt(Instant at)
    {
        int expired = 0;
        for (int i = 0, count = LotCount; i < count; i++)
        {
            Lot lot = LotAt(i);
            if (!lot.IsExpiredAt(at))
            {
                break;
            }

            expired = checked(expired + lot.Quantity.Value);
        }

        return Connects.Of(expired);
    }

    /// <summary>Closes a period (<see cref="Rollover.Close"/>): expires, applies the cap, carries the rest over; in place when <paramref name="edit"/> owns this pool.</summary>
    internal ConnectsPool Close(Instant periodEnd, Connects? cap, RolloverScope scope, out RolloverOutcome outcome, EditToken? edit = null)
    {
        if (edit is null)
        {
            Lot[] lots = [.. Lots];
            outcome = Rollover.Close(lots, LotInstant.From(periodEnd), cap, scope, lots, out int count);
            return new ConnectsPool(ImmutableList.Create(lots.AsSpan(0, count)), outcome.CarriedOver);
        }

        // The survivors are written over the lots they come from (never ahead of the one read).
        ConnectsPool pool = Editable(edit);
        Span<Lot> owned = pool._buffer.AsSpan(pool._start, pool._count);
        outcome = Rollover.Close(owned, LotInstant.From(periodEnd), cap, scope, owned, out pool._count);
        pool.Balance = outcome.CarriedOver;
        return pool;
    }

    /// <summary>This pool with its lots frozen: what a builder hands out (a pool it owns is not changed after).</summary>
    internal ConnectsPool Frozen()
    {
        if (_buffer is { } buffer)
        {
            _lots = ImmutableList.Create(buffer.AsSpan(_start, _count));
            _buffer = null;
        }

        return this;
    }

    private Lot LotAt(int index) => _buffer is { } buffer ? buffer[_start + index] : _lots[index];

    /// <summary>This pool when <paramref name="edit"/> owns it; else a new pool, owned by <paramref name="edit"/>, with an array of these lots.</summary>
    private ConnectsPool Editable(EditToken edit)
        => ReferenceEquals(_owner, edit) && _buffer is not null ? this : new ConnectsPool(Lots, Balance, edit);

    /// <summary>Inserts a lot at <paramref name="index"/> (from the first lot) in the array this pool owns, making room first.</summary>
    private void Insert(int index, Lot lot)
    {
        Lot[] buffer = _buffer!;
        if (_start + _count == buffer.Length)
        {
            // No room at the back: move the lots to the front, or to an array twice as long when over half full.
            Lot[] moved = _count * 2 > buffer.Length ? new Lot[buffer.Length * 2] : buffer;
            Array.Copy(buffer, _start, moved, 0, _count);
            _buffer = buffer = moved;
            _start = 0;
        }

        Array.Copy(buffer, _start + index, buffer, _start + index + 1, _count - index);
        buffer[_start + index] = lot;
        _count++;
    }

    /// <summary>Empties the pool (an agency closed).</summary>
    internal ConnectsPool ForfeitAll() => Balance.IsZero ? this : Empty;
}
