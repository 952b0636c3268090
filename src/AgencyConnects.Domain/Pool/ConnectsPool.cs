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
    // Every change works on an ImmutableList builder. Without an edit token (one change) the builder is frozen into the
    // new pool at once; a builder applying a run of events passes its token, and the pool it owns keeps its list builder
    // (changed in place) until Frozen, when the builder hands out its state.
    private readonly EditToken? _owner;
    private ImmutableList<Lot> _lots;
    private ImmutableList<Lot>.Builder? _builder;

    private ConnectsPool(ImmutableList<Lot> lots, Connects balance)
    {
        _lots = lots;
        Balance = balance;
    }

    private ConnectsPool(ImmutableList<Lot>.Builder builder, Connects balance, EditToken? owner)
    {
        _lots = ImmutableList<Lot>.Empty;
        _builder = builder;
        Balance = balance;
        _owner = owner;
    }

    /// <summary>An empty pool.</summary>
    public static ConnectsPool Empty { get; } = new(ImmutableList<Lot>.Empty, Connects.Zero);

    /// <summary>The lots, in spend order. Adding, spending and expiring cost O(log n) in the number of lots.</summary>
    public ImmutableList<Lot> Lots => _builder?.ToImmutable() ?? _lots;

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

    private int LotCount => _builder?.Count ?? _lots.Count;

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
        ConnectsPool pool = Editable(edit);
        ImmutableList<Lot>.Builder lots = pool._builder!;
        int low = 0;
        int high = lots.Count;
        while (low < high)
        {
            int mid = low + ((high - low) / 2);
            if (lot.SpendsBefore(lots[mid]))
            {
                high = mid;
            }
            else
            {
                low = mid + 1;
            }
        }

        lots.Insert(low, lot);
        pool.Balance = Balance.Add(lot.Quantity);
        return pool.Done(edit);
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

        ConnectsPool pool = Editable(edit);
        ImmutableList<Lot>.Builder lots = pool._builder!;
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

        pool.Balance = Balance.Subtract(quantity);
        return pool.Done(edit);
    }

    /// <summary>Removes the lots expired at <paramref name="at"/>; in place when <paramref name="edit"/> owns this pool.</summary>
    internal ConnectsPool Expire(Instant at, EditToken? edit = null)
    {
        Connects expired = ExpiredAt(at);
        if (expired.IsZero)
        {
            return this;
        }

        ConnectsPool pool = Editable(edit);
        ImmutableList<Lot>.Builder lots = pool._builder!;
        while (lots.Count > 0 && lots[0].IsExpiredAt(at))
        {
            lots.RemoveAt(0);
        }

        pool.Balance = Balance.Subtract(expired);
        return pool.Done(edit);
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

    /// <summary>Closes a period (<see cref="Rollover.Close"/>): expires, applies the cap, carries the rest over.</summary>
    internal ConnectsPool Close(Instant periodEnd, Connects? cap, RolloverScope scope, out RolloverOutcome outcome)
    {
        Lot[] lots = [.. Lots];
        outcome = Rollover.Close(lots, LotInstant.From(periodEnd), cap, scope, lots, out int count);
        return new ConnectsPool(ImmutableList.Create(lots.AsSpan(0, count)), outcome.CarriedOver);
    }

    /// <summary>This pool with its list frozen: what a builder hands out (a pool it owns is not changed after).</summary>
    internal ConnectsPool Frozen()
    {
        if (_builder is { } builder)
        {
            _lots = builder.ToImmutable();
            _builder = null;
        }

        return this;
    }

    private Lot LotAt(int index) => _builder is { } builder ? builder[index] : _lots[index];

    /// <summary>This pool when <paramref name="edit"/> owns it; else a new pool, owned by <paramref name="edit"/>, with a builder of these lots.</summary>
    private ConnectsPool Editable(EditToken? edit)
        => edit is not null && ReferenceEquals(_owner, edit) && _builder is not null ? this : new ConnectsPool(Lots.ToBuilder(), Balance, edit);

    /// <summary>Without a token, the pool is frozen at once: a pool no builder owns never holds a list builder.</summary>
    private ConnectsPool Done(EditToken? edit) => edit is null ? Frozen() : this;

    /// <summary>Empties the pool (an agency closed).</summary>
    internal ConnectsPool ForfeitAll() => Balance.IsZero ? this : Empty;
}
