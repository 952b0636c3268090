using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using NodaTime;

namespace AgencyConnects.Domain.Internal;

/// <summary>
/// An immutable map whose entries are kept until an instant of their own (their first use plus a retention window):
/// an entry is <see cref="TryGetValue">found</see> only before that instant, and <see cref="Prune"/> drops the entries
/// whose instant has come. Entries are added in the order of their instants (an account's events never go back in
/// time), so the oldest is always the first one added: besides the hash map, the entries are kept in a queue, numbered
/// as they come, in chunks of 32 (a version sees the numbers from its first to its next; a chunk is dropped once its
/// last key is).
/// </summary>
/// <remarks>
/// Like <see cref="PersistentMap{TKey, TValue}"/>, a change given an <see cref="EditToken"/> changes in place the map,
/// the chunks and the nodes that token owns (a builder applying a run of events); without one every change returns a
/// new map, copying the chunk it writes to and the array of chunks.
/// </remarks>
internal sealed class RetainedMap<TKey, TValue>
    where TKey : notnull
{
    private const int ChunkBits = 5;
    private const int ChunkSize = 1 << ChunkBits;

    private readonly EditToken? _owner;
    private PersistentMap<TKey, (TValue Value, Instant Until)> _items;

    // The chunks from the one holding number _first to the one holding number _next - 1 (or _next, while it is not full).
    private Chunk[] _chunks;
    private long _first;
    private long _next;

    private RetainedMap(PersistentMap<TKey, (TValue, Instant)> items, Chunk[] chunks, long first, long next, EditToken? owner)
    {
        _items = items;
        _chunks = chunks;
        _first = first;
        _next = next;
        _owner = owner;
    }

    public static RetainedMap<TKey, TValue> Empty { get; } = new(PersistentMap<TKey, (TValue, Instant)>.Empty, [], 0, 0, null);

    public int Count => _items.Count;

    /// <summary>The entries kept, oldest first, with the instant each is dropped at.</summary>
    public IEnumerable<(TKey Key, TValue Value, Instant Until)> Entries
    {
        get
        {
            for (long number = _first; number < _next; number++)
            {
                yield return At(number);
            }
        }
    }

    /// <summary>Adds an entry kept until <paramref name="until"/> (exclusive); a key already kept keeps its first entry.</summary>
    public RetainedMap<TKey, TValue> Add(TKey key, TValue value, Instant until, EditToken? edit = null)
    {
        PersistentMap<TKey, (TValue, Instant)> items = _items.TryAdd(key, (value, until), edit, out bool added);
        if (!added)
        {
            return this;
        }

        RetainedMap<TKey, TValue> map = With(items, edit);
        map.Enqueue(key, value, until, edit);
        return map;
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
        if (_first == _next || At(_first).Until > at)
        {
            return this;
        }

        RetainedMap<TKey, TValue> map = With(_items, edit);
        bool owned = edit is not null;
        do
        {
            long number = map._first;
            Chunk chunk = map._chunks[0];
            map._items = map._items.Remove(chunk.Items[number & (ChunkSize - 1)].Key, edit);
            if (owned && ReferenceEquals(chunk.Owner, edit))
            {
                chunk.Items[number & (ChunkSize - 1)] = default;
            }

            map._first = number + 1;
            if ((map._first & (ChunkSize - 1)) == 0)
            {
                map._chunks = map._chunks.AsSpan(1).ToArray();
            }
        }
        while (map._first < map._next && map.At(map._first).Until <= at);

        return map;
    }

    /// <summary>The entry numbered <paramref name="number"/>.</summary>
    private (TKey Key, TValue Value, Instant Until) At(long number)
        => _chunks[(number >> ChunkBits) - (_first >> ChunkBits)].Items[number & (ChunkSize - 1)];

    /// <summary>Appends a key to the queue of this map, which is new or owned by <paramref name="edit"/>.</summary>
    private void Enqueue(TKey key, TValue value, Instant until, EditToken? edit)
    {
        long index = (_next >> ChunkBits) - (_first >> ChunkBits);
        int slot = (int)(_next & (ChunkSize - 1));
        if (index == _chunks.Length)
        {
            var added = new Chunk(new (TKey, TValue, Instant)[edit is null ? 1 : ChunkSize], edit);
            added.Items[0] = (key, value, until);
            Chunk[] chunks = new Chunk[_chunks.Length + 1];
            Array.Copy(_chunks, chunks, _chunks.Length);
            chunks[^1] = added;
            _chunks = chunks;
        }
        else
        {
            Chunk last = _chunks[index];
            if (edit is null || !ReferenceEquals(last.Owner, edit) || slot >= last.Items.Length)
            {
                // Copy the chunk (its keys up to this one) and the array of chunks that holds it.
                var items = new (TKey, TValue, Instant)[edit is null ? slot + 1 : ChunkSize];
                Array.Copy(last.Items, items, slot);
                last = new Chunk(items, edit);
                Chunk[] chunks = (Chunk[])_chunks.Clone();
                chunks[index] = last;
                _chunks = chunks;
            }

            last.Items[slot] = (key, value, until);
        }

        _next++;
    }

    /// <summary>This map when <paramref name="edit"/> owns it (with <paramref name="items"/>), else a new map owned by <paramref name="edit"/>.</summary>
    private RetainedMap<TKey, TValue> With(PersistentMap<TKey, (TValue, Instant)> items, EditToken? edit)
    {
        if (edit is null || !ReferenceEquals(_owner, edit))
        {
            return new(items, _chunks, _first, _next, edit);
        }

        _items = items;
        return this;
    }

    /// <summary>Up to 32 entries of the queue (as the hash map holds them); written in place only under the token that owns it.</summary>
    private sealed class Chunk((TKey Key, TValue Value, Instant Until)[] items, EditToken? owner)
    {
        public (TKey Key, TValue Value, Instant Until)[] Items { get; } = items;

        public EditToken? Owner { get; } = owner;
    }
}
