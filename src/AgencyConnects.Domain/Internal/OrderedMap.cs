using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Linq;

namespace AgencyConnects.Domain.Internal;

/// <summary>
/// An immutable map that enumerates its entries in the order their keys were first added (members in joining order,
/// proposals in submission order): each value is kept with a running number, and the first enumeration of a version
/// sorts by it once (changes then cost what a <see cref="PersistentMap{TKey, TValue}"/>'s do, and nothing else).
/// </summary>
/// <remarks>
/// Like <see cref="PersistentMap{TKey, TValue}"/>, a change given an <see cref="EditToken"/> changes in place the map
/// and the nodes that token owns (a builder applying a run of events); without one every change returns a new map.
/// </remarks>
internal sealed class OrderedMap<TKey, TValue> : IReadOnlyDictionary<TKey, TValue>
    where TKey : notnull
{
    private readonly EditToken? _owner;
    private PersistentMap<TKey, (TValue Value, long Number)> _items;
    private long _next;
    private KeyValuePair<TKey, TValue>[]? _ordered;

    private OrderedMap(PersistentMap<TKey, (TValue, long)> items, long next, EditToken? owner)
    {
        _items = items;
        _next = next;
        _owner = owner;
    }

    public static OrderedMap<TKey, TValue> Empty { get; } = new(PersistentMap<TKey, (TValue, long)>.Empty, 0, null);

    public int Count => _items.Count;

    public IEnumerable<TKey> Keys => Ordered().Select(pair => pair.Key);

    public IEnumerable<TValue> Values => Ordered().Select(pair => pair.Value);

    public TValue this[TKey key] => _items[key].Value;

    public OrderedMap<TKey, TValue> Add(TKey key, TValue value, EditToken? edit = null) => With(_items.Add(key, (value, _next), edit), _next + 1, edit);

    public OrderedMap<TKey, TValue> SetItem(TKey key, TValue value, EditToken? edit = null)
        => _items.TryGetValue(key, out (TValue Value, long Number) item)
            ? With(_items.SetItem(key, (value, item.Number), edit), _next, edit)
            : Add(key, value, edit);

    public OrderedMap<TKey, TValue> Remove(TKey key, EditToken? edit = null)
    {
        PersistentMap<TKey, (TValue, long)> items = _items.Remove(key, edit);
        return ReferenceEquals(items, _items) && !ReferenceEquals(_owner, edit) ? this : With(items, _next, edit);
    }

    public bool ContainsKey(TKey key) => _items.ContainsKey(key);

    public bool TryGetValue(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        if (_items.TryGetValue(key, out (TValue Value, long Number) item))
        {
            value = item.Value;
            return true;
        }

        value = default;
        return false;
    }

    public IEnumerator<KeyValuePair<TKey, TValue>> GetEnumerator() => ((IEnumerable<KeyValuePair<TKey, TValue>>)Ordered()).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The entries in the order their keys were added; sorted once per version (a race only sorts twice).</summary>
    private KeyValuePair<TKey, TValue>[] Ordered()
    {
        if (_ordered is { } ordered)
        {
            return ordered;
        }

        var entries = new KeyValuePair<TKey, TValue>[_items.Count];
        long[] numbers = new long[entries.Length];
        int i = 0;
        foreach (KeyValuePair<TKey, (TValue Value, long Number)> pair in _items)
        {
            entries[i] = new KeyValuePair<TKey, TValue>(pair.Key, pair.Value.Value);
            numbers[i] = pair.Value.Number;
            i++;
        }

        Array.Sort(numbers, entries);
        _ordered = entries;
        return entries;
    }

    /// <summary>This map changed in place when <paramref name="edit"/> owns it, else a new map (owned by <paramref name="edit"/>).</summary>
    private OrderedMap<TKey, TValue> With(PersistentMap<TKey, (TValue, long)> items, long next, EditToken? edit)
    {
        if (edit is null || !ReferenceEquals(_owner, edit))
        {
            return new(items, next, edit);
        }

        _items = items;
        _next = next;
        _ordered = null;
        return this;
    }
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
