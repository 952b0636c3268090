using System.Collections;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Linq;

namespace AgencyConnects.Domain.Internal;

/// <summary>An immutable map that enumerates its entries in the order their keys were first added (members in joining order).</summary>
internal sealed class OrderedMap<TKey, TValue> : IReadOnlyDictionary<TKey, TValue>
    where TKey : notnull
{
    private readonly PersistentMap<TKey, TValue> _items;
    private readonly ImmutableList<TKey> _order;

    private OrderedMap(PersistentMap<TKey, TValue> items, ImmutableList<TKey> order)
    {
        _items = items;
        _order = order;
    }

    public static OrderedMap<TKey, TValue> Empty { get; } = new(PersistentMap<TKey, TValue>.Empty, ImmutableList<TKey>.Empty);

    public int Count => _items.Count;

    public IEnumerable<TKey> Keys => _order;

    public IEnumerable<TValue> Values => _order.Select(key => _items[key]);

    public TValue this[TKey key] => _items[key];

    public OrderedMap<TKey, TValue> Add(TKey key, TValue value) => new(_items.Add(key, value), _order.Add(key));

    public OrderedMap<TKey, TValue> SetItem(TKey key, TValue value) => new(_items.SetItem(key, value), _order);

    public OrderedMap<TKey, TValue> Remove(TKey key) => new(_items.Remove(key), _order.Remove(key));

    public bool ContainsKey(TKey key) => _items.ContainsKey(key);

    public bool TryGetValue(TKey key, [MaybeNullWhen(false)] out TValue value) => _items.TryGetValue(key, out value);

    public IEnumerator<KeyValuePair<TKey, TValue>> GetEnumerator()
    {
        foreach (TKey key in _order)
        {
            yield return new KeyValuePair<TKey, TValue>(key, _items[key]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>A read-only view of a map that enumerates its entries in a given order of its keys (proposals in submission order).</summary>
internal sealed class OrderedView<TKey, TValue>(IReadOnlyDictionary<TKey, TValue> items, IEnumerable<TKey> order) : IReadOnlyDictionary<TKey, TValue>
{
    public int Count => items.Count;

    public IEnumerable<TKey> Keys => order;

    public IEnumerable<TValue> Values => order.Select(key => items[key]);

    public TValue this[TKey key] => items[key];

    public bool ContainsKey(TKey key) => items.ContainsKey(key);

    public bool TryGetValue(TKey key, [MaybeNullWhen(false)] out TValue value) => items.TryGetValue(key, out value);

    public IEnumerator<KeyValuePair<TKey, TValue>> GetEnumerator()
    {
        foreach (TKey key in order)
        {
            yield return new KeyValuePair<TKey, TValue>(key, items[key]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
