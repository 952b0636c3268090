using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using NodaTime;

namespace AgencyConnects.Domain.Internal;

/// <summary>
/// An immutable map whose entries are kept until an instant of their own (their first use plus a retention window):
/// an entry is <see cref="TryGetValue">found</see> only before that instant, and <see cref="Prune"/> drops the entries
/// whose instant has come. Entries are added in the order of their instants (an account's events never go back in
/// time), so the oldest is always the first one added: the order is a queue, kept as a second hash map from a running
/// number to the key, the oldest entry's number and the next one's.
/// </summary>
/// <remarks>
/// Like <see cref="PersistentMap{TKey, TValue}"/>, a change given an <see cref="EditToken"/> changes in place the map
/// and the nodes that token owns (a builder applying a run of events); without one every change returns a new map.
/// </remarks>
internal sealed class RetainedMap<TKey, TValue>
    where TKey : notnull
{
    private readonly EditToken? _owner;
    private PersistentMap<TKey, (TValue Value, Instant Until)> _items;
    private PersistentMap<long, TKey> _order;
    private long _first;
    private long _next;
    private Instant _firstUntil;

    private RetainedMap(PersistentMap<TKey, (TValue, Instant)> items, PersistentMap<long, TKey> order, long first, long next, Instant firstUntil, EditToken? owner)
    {
        _items = items;
        _order = order;
        _first = first;
        _next = next;
        _firstUntil = firstUntil;
        _owner = owner;
    }

    public static RetainedMap<TKey, TValue> Empty { get; } = new(PersistentMap<TKey, (TValue, Instant)>.Empty, PersistentMap<long, TKey>.Empty, 0, 0, default, null);

    public int Count => _items.Count;

    /// <summary>The entries kept, oldest first, with the instant each is dropped at.</summary>
    public IEnumerable<(TKey Key, TValue Value, Instant Until)> Entries
    {
        get
        {
            for (long number = _first; number < _next; number++)
            {
                TKey key = _order[number];
                (TValue value, Instant until) = _items[key];
                yield return (key, value, until);
            }
        }
    }

    /// <summary>Adds an entry kept until <paramref name="until"/> (exclusive); a key already kept keeps its first entry.</summary>
    public RetainedMap<TKey, TValue> Add(TKey key, TValue value, Instant until, EditToken? edit = null)
    {
        if (_items.ContainsKey(key))
        {
            return this;
        }

        return With(_items.Add(key, (value, until), edit), _order.Add(_next, key, edit), _first, _next + 1, _first == _next ? until : _firstUntil, edit);
    }

    /// <summary>Whether the key is held, whatever its instant.</summary>
    public bool Contains(TKey key) => _items.ContainsKey(key);

    /// <summary>The value of a key still kept at <paramref name="at"/>.</summary>
    public bool TryGetValue(TKey key, Instant at, [MaybeNullWhen(false)] out TValue value)
    {
        if (_items.TryGetValue(key, out (TValue Value, Instant Until) item) && at < item.Until)
        {
            value = item.Value;
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>Drops the entries whose instant is at or before <paramref name="at"/>; this map when there are none.</summary>
    public RetainedMap<TKey, TValue> Prune(Instant at, EditToken? edit = null)
    {
        if (_first == _next || _firstUntil > at)
        {
            return this;
        }

        PersistentMap<TKey, (TValue Value, Instant Until)> items = _items;
        PersistentMap<long, TKey> order = _order;
        long first = _first;
        Instant firstUntil = _firstUntil;
        while (first < _next && firstUntil <= at)
        {
            items = items.Remove(order[first], edit);
            order = order.Remove(first, edit);
            first++;
            firstUntil = first < _next ? items[order[first]].Until : default;
        }

        return With(items, order, first, _next, firstUntil, edit);
    }

    /// <summary>This map changed in place when <paramref name="edit"/> owns it, else a new map (owned by <paramref name="edit"/>).</summary>
    private RetainedMap<TKey, TValue> With(
        PersistentMap<TKey, (TValue, Instant)> items, PersistentMap<long, TKey> order, long first, long next, Instant firstUntil, EditToken? edit)
    {
        if (edit is null || !ReferenceEquals(_owner, edit))
        {
            return new(items, order, first, next, firstUntil, edit);
        }

        _items = items;
        _order = order;
        _first = first;
        _next = next;
        _firstUntil = firstUntil;
        return this;
    }
}
