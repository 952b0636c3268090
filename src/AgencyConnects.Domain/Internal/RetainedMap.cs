using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using NodaTime;

namespace AgencyConnects.Domain.Internal;

/// <summary>
/// An immutable map whose entries are kept until an instant of their own (their first use plus a retention window):
/// an entry is <see cref="TryGetValue">found</see> only before that instant, and <see cref="Prune"/> drops the entries
/// whose instant has come. Entries are added in the order of their instants (an account's events never go back in
/// time), so the oldest is always at the front of the queue.
/// </summary>
internal sealed class RetainedMap<TKey, TValue>
    where TKey : notnull
{
    private readonly PersistentMap<TKey, (TValue Value, Instant Until)> _items;
    private readonly ImmutableQueue<(TKey Key, Instant Until)> _order;

    private RetainedMap(PersistentMap<TKey, (TValue, Instant)> items, ImmutableQueue<(TKey, Instant)> order)
    {
        _items = items;
        _order = order;
    }

    public static RetainedMap<TKey, TValue> Empty { get; } = new(PersistentMap<TKey, (TValue, Instant)>.Empty, ImmutableQueue<(TKey, Instant)>.Empty);

    public int Count => _items.Count;

    /// <summary>The entries kept, oldest first, with the instant each is dropped at.</summary>
    public IEnumerable<(TKey Key, TValue Value, Instant Until)> Entries
    {
        get
        {
            foreach ((TKey key, Instant until) in _order)
            {
                yield return (key, _items[key].Value, until);
            }
        }
    }

    /// <summary>Adds an entry kept until <paramref name="until"/> (exclusive); a key already kept keeps its first entry.</summary>
    public RetainedMap<TKey, TValue> Add(TKey key, TValue value, Instant until)
        => _items.ContainsKey(key) ? this : new(_items.Add(key, (value, until)), _order.Enqueue((key, until)));

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

    /// <summary>Drops the entries whose instant is at or before <paramref name="at"/>.</summary>
    public RetainedMap<TKey, TValue> Prune(Instant at)
    {
        if (_order.IsEmpty || _order.Peek().Until > at)
        {
            return this;
        }

        PersistentMap<TKey, (TValue, Instant)> items = _items;
        ImmutableQueue<(TKey Key, Instant Until)> order = _order;
        while (!order.IsEmpty && order.Peek().Until <= at)
        {
            items = items.Remove(order.Peek().Key);
            order = order.Dequeue();
        }

        return new(items, order);
    }
}
