using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using NodaTime;

namespace AgencyConnects.Domain.Internal;

/// <summary>
/// An immutable map whose entries are kept until an instant of their own (their first use plus a retention window):
/// an entry is <see cref="TryGetValue">found</see> only before that instant, and <see cref="Prune"/> drops the entries
/// whose instant has come. Entries are added in the order of their instants (an account's events never go back in
/// time), so the oldest is always the first one added: the entries live in a queue, numbered as they come, in chunks of
/// 32 (a version sees the numbers from its first to its next; a chunk is dropped once its last entry is), and a hash map
/// finds a key's number.
/// </summary>
/// <remarks>
/// The queue keeps each key's hash, so dropping an entry does not hash its key again, and the hash map holds only
/// numbers, so its nodes stay small. Like <see cref="PersistentMap{TKey, TValue}"/>, a change given an
/// <see cref="EditToken"/> changes in place the map, the array of chunks and the chunks that token owns (a builder
/// applying a run of events): the array then has room at both ends (a dropped chunk leaves a hole at the front, filled
/// again when the array is full) and a dropped chunk is used again for the next one, so a long run of adds and prunes
/// allocates nothing in steady state. Without a token every change returns a new map, copying the chunk it writes to
/// and the array of chunks.
/// </remarks>
internal sealed class RetainedMap<TKey, TValue>
    where TKey : notnull
{
    private const int ChunkBits = 5;
    private const int ChunkSize = 1 << ChunkBits;

    private readonly EditToken? _owner;
    private PersistentMap<TKey, long> _numbers;

    // The chunks holding the numbers from _first to _next - 1 (and _next, while its chunk is not full) are
    // _chunks[_head], _chunks[_head + 1], ...; the array is this map's own (written in place) only when _ownsChunks.
    private Chunk?[] _chunks;
    private int _head;
    private bool _ownsChunks;
    private long _first;
    private long _next;

    // A chunk dropped under _owner, used again for the next chunk.
    private Chunk? _spare;

    private RetainedMap(PersistentMap<TKey, long> numbers, Chunk?[] chunks, int head, long first, long next, EditToken? owner)
    {
        _numbers = numbers;
        _chunks = chunks;
        _head = head;
        _first = first;
        _next = next;
        _owner = owner;
    }

    public static RetainedMap<TKey, TValue> Empty { get; } = new(PersistentMap<TKey, long>.Empty, [], 0, 0, 0, null);

    public int Count => _numbers.Count;

    /// <summary>The entries kept, oldest first, with the instant each is dropped at.</summary>
    public IEnumerable<(TKey Key, TValue Value, Instant Until)> Entries
    {
        get
        {
            for (long number = _first; number < _next; number++)
            {
                Item item = At(number);
                yield return (item.Key, item.Value, item.Until);
            }
        }
    }

    /// <summary>How many chunks hold the numbers from <see cref="_first"/> to <see cref="_next"/> (and <see cref="_next"/>'s, once it is started).</summary>
    private int ChunkCount => (int)((_next >> ChunkBits) - (_first >> ChunkBits)) + ((_next & (ChunkSize - 1)) != 0 ? 1 : 0);

    /// <summary>Adds an entry kept until <paramref name="until"/> (exclusive); a key already kept keeps its first entry.</summary>
    public RetainedMap<TKey, TValue> Add(TKey key, TValue value, Instant until, EditToken? edit = null)
    {
        int hash = EqualityComparer<TKey>.Default.GetHashCode(key);
        PersistentMap<TKey, long> numbers = _numbers.TryAdd(hash, key, _next, edit, out bool added);
        if (!added)
        {
            return this;
        }

        RetainedMap<TKey, TValue> map = With(numbers, edit);
        map.Enqueue(new Item(key, value, until, hash), edit);
        return map;
    }

    /// <summary>Whether the key is held, whatever its instant.</summary>
    public bool Contains(TKey key) => _numbers.ContainsKey(key);

    /// <summary>The value of a key still kept at <paramref name="at"/>.</summary>
    public bool TryGetValue(TKey key, Instant at, [MaybeNullWhen(false)] out TValue value)
    {
        if (_numbers.TryGetValue(key, out long number))
        {
            ref readonly Item item = ref At(number);
            if (at < item.Until)
            {
                value = item.Value;
                return true;
            }
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

        RetainedMap<TKey, TValue> map = With(_numbers, edit);
        bool owned = edit is not null;
        do
        {
            long number = map._first;
            Chunk chunk = map._chunks[map._head]!;
            ref Item item = ref chunk.Items[number & (ChunkSize - 1)];
            map._numbers = map._numbers.Remove(item.Hash, item.Key, edit);
            bool chunkOwned = owned && ReferenceEquals(chunk.Owner, edit);
            if (chunkOwned)
            {
                item = default;
            }

            map._first = number + 1;
            if ((map._first & (ChunkSize - 1)) == 0)
            {
                map.DropFirstChunk(chunkOwned ? chunk : null, edit);
            }
        }
        while (map._first < map._next && map.At(map._first).Until <= at);

        return map;
    }

    /// <summary>The entry numbered <paramref name="number"/>.</summary>
    private ref readonly Item At(long number)
        => ref _chunks[_head + (int)((number >> ChunkBits) - (_first >> ChunkBits))]!.Items[number & (ChunkSize - 1)];

    /// <summary>Appends an entry to the queue of this map, which is new or owned by <paramref name="edit"/>.</summary>
    private void Enqueue(in Item item, EditToken? edit)
    {
        int index = (int)((_next >> ChunkBits) - (_first >> ChunkBits));
        int slot = (int)(_next & (ChunkSize - 1));
        if (slot == 0)
        {
            Chunk added;
            if (_spare is { } spare && edit is not null && ReferenceEquals(spare.Owner, edit))
            {
                added = spare;
                _spare = null;
            }
            else
            {
                added = new Chunk(new Item[edit is null ? 1 : ChunkSize], edit);
            }

            WritableChunks(index + 1, edit);
            _chunks[_head + index] = added;
            added.Items[0] = item;
        }
        else
        {
            Chunk last = _chunks[_head + index]!;
            if (edit is null || !ReferenceEquals(last.Owner, edit) || slot >= last.Items.Length)
            {
                // Copy the chunk (its entries up to this one) and the array of chunks that holds it.
                var items = new Item[edit is null ? slot + 1 : ChunkSize];
                Array.Copy(last.Items, items, slot);
                last = new Chunk(items, edit);
                WritableChunks(index + 1, edit);
                _chunks[_head + index] = last;
            }

            last.Items[slot] = item;
        }

        _next++;
    }

    /// <summary>Drops the first chunk, all of whose entries are dropped; <paramref name="owned"/>, when <paramref name="edit"/> owns it, is kept to be used again.</summary>
    private void DropFirstChunk(Chunk? owned, EditToken? edit)
    {
        // _first has moved to the next chunk's first number: the chunks left are those after _head.
        int left = ChunkCount;
        if (_ownsChunks && edit is not null)
        {
            _chunks[_head] = null;
            _head++;
            _spare = owned ?? _spare;
            return;
        }

        var chunks = new Chunk?[edit is null ? left : Math.Max(2 * left, 4)];
        Array.Copy(_chunks, _head + 1, chunks, 0, left);
        _chunks = chunks;
        _head = 0;
        _ownsChunks = edit is not null;
    }

    /// <summary>Makes the array of chunks this map's own, with room for <paramref name="needed"/> chunks from <see cref="_head"/> (the last of which may be new).</summary>
    private void WritableChunks(int needed, EditToken? edit)
    {
        int live = Math.Min(needed, ChunkCount);
        if (_ownsChunks && edit is not null)
        {
            if (_head + needed <= _chunks.Length)
            {
                return;
            }

            if (needed <= _chunks.Length / 2)
            {
                // Room enough once the holes at the front are filled: move the chunks back to the start.
                Array.Copy(_chunks, _head, _chunks, 0, live);
                Array.Clear(_chunks, live, _chunks.Length - live);
                _head = 0;
                return;
            }
        }

        var chunks = new Chunk?[edit is null ? needed : Math.Max(2 * needed, 4)];
        Array.Copy(_chunks, _head, chunks, 0, live);
        _chunks = chunks;
        _head = 0;
        _ownsChunks = edit is not null;
    }

    /// <summary>This map when <paramref name="edit"/> owns it (with <paramref name="numbers"/>), else a new map owned by <paramref name="edit"/>.</summary>
    private RetainedMap<TKey, TValue> With(PersistentMap<TKey, long> numbers, EditToken? edit)
    {
        if (edit is null || !ReferenceEquals(_owner, edit))
        {
            return new(numbers, _chunks, _head, _first, _next, edit);
        }

        _numbers = numbers;
        return this;
    }

    /// <summary>An entry of the queue, with its key's hash.</summary>
    private readonly struct Item(TKey key, TValue value, Instant until, int hash)
    {
        public TKey Key { get; } = key;

        public TValue Value { get; } = value;

        public Instant Until { get; } = until;

        public int Hash { get; } = hash;
    }

    /// <summary>Up to 32 entries of the queue; written in place only under the token that owns it.</summary>
    private sealed class Chunk(Item[] items, EditToken? owner)
    {
        public Item[] Items { get; } = items;

        public EditToken? Owner { get; } = owner;
    }
}
