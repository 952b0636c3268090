using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;

namespace AgencyConnects.Domain.Internal;

/// <summary>
/// An immutable hash map: a hash array mapped trie of 32-way nodes, each described by two bitmaps (which of its 32
/// slots hold an entry, which a child node); keys whose hashes are equal share a collision node. Adding or replacing
/// copies only the nodes on one path from the root, about log32(n) of them (four for a hundred thousand keys), and
/// shares every other node with the version it came from; a lookup reads as many nodes. Nothing is written after
/// construction, so any version may be read from any thread.
/// <para>A builder may pass an <see cref="EditToken"/> to <see cref="SetItem(TKey, TValue, EditToken?)"/>,
/// <see cref="Add(TKey, TValue, EditToken?)"/> and <see cref="Remove(TKey, EditToken?)"/>: nodes (and the map object)
/// created under the token are then changed in place by later changes under the same token, their arrays grown with
/// room to spare, so a run of changes copies each node at most once. Until the token is dropped such a map is one
/// mutable value: only its newest version may be used.</para>
/// <para>A node has one of two layouts. A compressed node keeps only the entries and children it holds, in slot order,
/// so adding or removing one shifts those after it; every node made without a token is compressed. A node a builder
/// owns that holds <see cref="ExpandAt"/> or more entries and children is expanded instead: its two arrays have 32
/// items, one per slot, so adding or removing one in place writes a single item and never shifts (the bitmaps still
/// say which slots hold what). Expanded nodes cost more memory and a 32-item copy, so only a builder makes them, for
/// the nodes it keeps changing; a change without a token never writes an expanded node and copies it compressed, so
/// the ordinary changes made after a run of events stay small.</para>
/// </summary>
/// <remarks>Keys are compared with <see cref="EqualityComparer{T}.Default"/>; enumeration order is unspecified.</remarks>
internal sealed class PersistentMap<TKey, TValue> : IReadOnlyDictionary<TKey, TValue>
    where TKey : notnull
{
    private const int BitsPerLevel = 5;

    /// <summary>
    /// How many entries and children make a node a builder owns expanded rather than compressed (see the remarks of
    /// the type): below it, shifting a few items costs less than the 32-item arrays; measured on the replay of an
    /// agency's events, 12 and 16 did best, 8 a little worse, 4 and 24 worse.
    /// </summary>
    private const int ExpandAt = 16;

    private readonly EditToken? _owner;
    private Node _root;

    private PersistentMap(Node root, int count, EditToken? owner = null)
    {
        _root = root;
        Count = count;
        _owner = owner;
    }

    /// <summary>The empty map.</summary>
    public static PersistentMap<TKey, TValue> Empty { get; } = new(BitmapNode.EmptyNode, 0);

    /// <summary>The number of entries, in O(1).</summary>
    public int Count { get; private set; }

    /// <summary>Whether the map has no entry.</summary>
    public bool IsEmpty => Count == 0;

    /// <inheritdoc />
    public IEnumerable<TKey> Keys
    {
        get
        {
            foreach (KeyValuePair<TKey, TValue> pair in this)
            {
                yield return pair.Key;
            }
        }
    }

    /// <inheritdoc />
    public IEnumerable<TValue> Values
    {
        get
        {
            foreach (KeyValuePair<TKey, TValue> pair in this)
            {
                yield return pair.Value;
            }
        }
    }

    private static EqualityComparer<TKey> Comparer => EqualityComparer<TKey>.Default;

    /// <summary>The value of <paramref name="key"/>; throws <see cref="KeyNotFoundException"/> when it is absent.</summary>
    public TValue this[TKey key]
        => TryGetValue(key, out TValue? value) ? value : throw new KeyNotFoundException($"The key '{key}' is not in the map.");

    /// <inheritdoc />
    public bool ContainsKey(TKey key) => TryGetValue(key, out _);

    /// <inheritdoc />
    public bool TryGetValue(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        int hash = Comparer.GetHashCode(key);
        Node node = _root;
        int shift = 0;
        while (node is BitmapNode bitmapNode)
        {
            int slot = Slot(hash, shift);
            uint bit = 1u << slot;
            if ((bitmapNode.DataMap & bit) != 0)
            {
                Entry entry = bitmapNode.Entries[bitmapNode.Expanded ? slot : Index(bitmapNode.DataMap, bit)];
                if (entry.Hash == hash && Comparer.Equals(entry.Key, key))
                {
                    value = entry.Value;
                    return true;
                }

                value = default;
                return false;
            }

            if ((bitmapNode.NodeMap & bit) == 0)
            {
                value = default;
                return false;
            }

            node = bitmapNode.Children[bitmapNode.Expanded ? slot : Index(bitmapNode.NodeMap, bit)];
            shift += BitsPerLevel;
        }

        var collision = (CollisionNode)node;
        if (collision.Hash == hash)
        {
            foreach (Entry entry in collision.Entries)
            {
                if (Comparer.Equals(entry.Key, key))
                {
                    value = entry.Value;
                    return true;
                }
            }
        }

        value = default;
        return false;
    }

    /// <summary>The map with <paramref name="key"/> set to <paramref name="value"/>, whether or not it was present.</summary>
    public PersistentMap<TKey, TValue> SetItem(TKey key, TValue value) => Set(key, value, SetMode.Replace, edit: null);

    /// <summary>As <see cref="SetItem(TKey, TValue)"/>, changing in place what <paramref name="edit"/> owns (see the remarks of the type).</summary>
    public PersistentMap<TKey, TValue> SetItem(TKey key, TValue value, EditToken? edit) => Set(key, value, SetMode.Replace, edit);

    /// <summary>The map with <paramref name="key"/> added; throws <see cref="ArgumentException"/> when it is already present.</summary>
    public PersistentMap<TKey, TValue> Add(TKey key, TValue value) => Set(key, value, SetMode.Add, edit: null);

    /// <summary>As <see cref="Add(TKey, TValue)"/>, changing in place what <paramref name="edit"/> owns (see the remarks of the type).</summary>
    public PersistentMap<TKey, TValue> Add(TKey key, TValue value, EditToken? edit) => Set(key, value, SetMode.Add, edit);

    /// <summary>The map with <paramref name="key"/> added when it is absent, else this map (one walk where <see cref="ContainsKey"/> and <see cref="Add(TKey, TValue)"/> take two).</summary>
    public PersistentMap<TKey, TValue> TryAdd(TKey key, TValue value, EditToken? edit, out bool added)
        => TryAdd(Comparer.GetHashCode(key), key, value, edit, out added);

    /// <summary>As <see cref="TryAdd(TKey, TValue, EditToken?, out bool)"/>, given the key's <paramref name="hash"/> (by <see cref="EqualityComparer{T}.Default"/>), for a caller that keeps it.</summary>
    public PersistentMap<TKey, TValue> TryAdd(int hash, TKey key, TValue value, EditToken? edit, out bool added)
    {
        int before = Count;
        PersistentMap<TKey, TValue> map = Set(new Entry(hash, key, value), SetMode.Keep, edit);
        added = map.Count != before;
        return map;
    }

    /// <summary>The map without <paramref name="key"/>; this map when it does not hold it. Nodes left with one entry are not folded up: lookups and sets do not need it.</summary>
    public PersistentMap<TKey, TValue> Remove(TKey key) => Remove(key, edit: null);

    /// <summary>As <see cref="Remove(TKey)"/>, changing in place what <paramref name="edit"/> owns (see the remarks of the type).</summary>
    public PersistentMap<TKey, TValue> Remove(TKey key, EditToken? edit) => Remove(Comparer.GetHashCode(key), key, edit);

    /// <summary>As <see cref="Remove(TKey, EditToken?)"/>, given the key's <paramref name="hash"/> (by <see cref="EqualityComparer{T}.Default"/>), for a caller that keeps it.</summary>
    public PersistentMap<TKey, TValue> Remove(int hash, TKey key, EditToken? edit)
    {
        Node? root = _root.Remove(hash, key, 0, edit, out bool removed);
        return removed ? With(root ?? BitmapNode.EmptyNode, Count - 1, edit) : this;
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<TKey, TValue>> GetEnumerator()
    {
        var pending = new Stack<Node>();
        pending.Push(_root);
        while (pending.TryPop(out Node? node))
        {
            Entry[] entries;
            int count;
            if (node is BitmapNode { Expanded: true } expanded)
            {
                for (uint map = expanded.NodeMap; map != 0; map &= map - 1)
                {
                    pending.Push(expanded.Children[BitOperations.TrailingZeroCount(map)]);
                }

                for (uint map = expanded.DataMap; map != 0; map &= map - 1)
                {
                    Entry entry = expanded.Entries[BitOperations.TrailingZeroCount(map)];
                    yield return new KeyValuePair<TKey, TValue>(entry.Key, entry.Value);
                }

                continue;
            }

            if (node is BitmapNode bitmapNode)
            {
                entries = bitmapNode.Entries;
                count = BitOperations.PopCount(bitmapNode.DataMap);
                for (int i = 0, children = BitOperations.PopCount(bitmapNode.NodeMap); i < children; i++)
                {
                    pending.Push(bitmapNode.Children[i]);
                }
            }
            else
            {
                entries = ((CollisionNode)node).Entries;
                count = entries.Length;
            }

            for (int i = 0; i < count; i++)
            {
                yield return new KeyValuePair<TKey, TValue>(entries[i].Key, entries[i].Value);
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>How many of the map's nodes are expanded (see the remarks of the type), found by a walk of them all: for tests.</summary>
    internal int CountExpandedNodes()
    {
        int expanded = 0;
        var pending = new Stack<Node>();
        pending.Push(_root);
        while (pending.TryPop(out Node? node))
        {
            if (node is not BitmapNode bitmapNode)
            {
                continue;
            }

            if (bitmapNode.Expanded)
            {
                expanded++;
            }

            for (uint map = bitmapNode.NodeMap, i = 0; map != 0; map &= map - 1, i++)
            {
                pending.Push(bitmapNode.Children[bitmapNode.Expanded ? BitOperations.TrailingZeroCount(map) : (int)i]);
            }
        }

        return expanded;
    }

    /// <summary>The bit of the slot that <paramref name="hash"/> takes in a node at depth <paramref name="shift"/> / 5.</summary>
    private static uint Bit(int hash, int shift) => 1u << Slot(hash, shift);

    /// <summary>The slot (0 to 31) that <paramref name="hash"/> takes in a node at depth <paramref name="shift"/> / 5.</summary>
    private static int Slot(int hash, int shift) => (hash >>> shift) & 31;

    /// <summary>Where the slot of <paramref name="bit"/> sits in the array that <paramref name="map"/> compresses.</summary>
    private static int Index(uint map, uint bit) => BitOperations.PopCount(map & (bit - 1));

    private static ArgumentException DuplicateKey(TKey key) => new($"The key '{key}' is already in the map.", nameof(key));

    /// <summary>A copy of the first <paramref name="count"/> items with <paramref name="item"/> inserted at <paramref name="index"/>.</summary>
    private static T[] Inserted<T>(T[] items, int count, int index, T item)
    {
        var copy = new T[count + 1];
        Array.Copy(items, copy, index);
        copy[index] = item;
        Array.Copy(items, index, copy, index + 1, count - index);
        return copy;
    }

    /// <summary>A copy of the first <paramref name="count"/> items without the one at <paramref name="index"/>.</summary>
    private static T[] Removed<T>(T[] items, int count, int index)
    {
        if (count == 1)
        {
            return [];
        }

        var copy = new T[count - 1];
        Array.Copy(items, copy, index);
        Array.Copy(items, index + 1, copy, index, count - index - 1);
        return copy;
    }

    /// <summary>A copy of the first <paramref name="count"/> items with the one at <paramref name="index"/> replaced.</summary>
    private static T[] Replaced<T>(T[] items, int count, int index, T item)
    {
        T[] copy = Copied(items, count, 0);
        copy[index] = item;
        return copy;
    }

    /// <summary>A copy of the first <paramref name="count"/> items, with room for <paramref name="spare"/> more (at most 32 in all).</summary>
    private static T[] Copied<T>(T[] items, int count, int spare)
    {
        var copy = new T[Math.Min(count + spare, Math.Max(count, 32))];
        Array.Copy(items, copy, count);
        return copy;
    }

    /// <summary>The items of the slots <paramref name="map"/> marks, each at its slot's index of 32-item <paramref name="into"/>, taken in slot order from compressed <paramref name="items"/>.</summary>
    private static void Scatter<T>(T[] items, uint map, T[] into)
    {
        for (int i = 0; map != 0; i++, map &= map - 1)
        {
            into[BitOperations.TrailingZeroCount(map)] = items[i];
        }
    }

    /// <summary>The items of the slots <paramref name="map"/> marks in 32-item <paramref name="items"/>, compressed into a new array of <paramref name="length"/> items.</summary>
    private static T[] Gathered<T>(T[] items, uint map, int length)
    {
        if (length == 0)
        {
            return [];
        }

        var copy = new T[length];
        for (int i = 0; map != 0; i++, map &= map - 1)
        {
            copy[i] = items[BitOperations.TrailingZeroCount(map)];
        }

        return copy;
    }

    /// <summary>Inserts in place among the first <paramref name="count"/> items, growing the array (doubling, up to 32) when it is full (only then is <paramref name="items"/> assigned).</summary>
    private static void InsertInPlace<T>(ref T[] items, int count, int index, T item)
    {
        if (count == items.Length)
        {
            items = Copied(items, count, Math.Max(count, 2));
        }

        // A loop, not Array.Copy: the arrays a builder shifts are short (it expands its larger nodes), and a bulk copy
        // of items holding references costs more to call than a few single stores.
        for (int i = count; i > index; i--)
        {
            items[i] = items[i - 1];
        }

        items[index] = item;
    }

    /// <summary>Removes in place from the first <paramref name="count"/> items, clearing the freed slot.</summary>
    private static void RemoveInPlace<T>(T[] items, int count, int index)
    {
        for (int i = index + 1; i < count; i++)
        {
            items[i - 1] = items[i];
        }

        items[count - 1] = default!;
    }

    /// <summary>A node holding two entries with different keys, placed at depth <paramref name="shift"/> / 5.</summary>
    private static Node Merge(in Entry first, in Entry second, int shift, EditToken? edit)
    {
        if (first.Hash == second.Hash)
        {
            return new CollisionNode(first.Hash, [first, second]);
        }

        // The hashes differ in some bit, so their slots part at the latest in the last level (shift 30).
        uint firstBit = Bit(first.Hash, shift);
        uint secondBit = Bit(second.Hash, shift);
        if (firstBit == secondBit)
        {
            return new BitmapNode(0, firstBit, [], [Merge(first, second, shift + BitsPerLevel, edit)], edit);
        }

        return new BitmapNode(firstBit | secondBit, 0, firstBit < secondBit ? [first, second] : [second, first], [], edit);
    }

    private PersistentMap<TKey, TValue> Set(TKey key, TValue value, SetMode mode, EditToken? edit)
        => Set(new Entry(Comparer.GetHashCode(key), key, value), mode, edit);

    private PersistentMap<TKey, TValue> Set(in Entry entry, SetMode mode, EditToken? edit)
    {
        Node root = _root.Set(entry, 0, mode, edit, out bool added);
        return ReferenceEquals(root, _root) && !added && mode == SetMode.Keep ? this : With(root, added ? Count + 1 : Count, edit);
    }

    /// <summary>This map changed in place when <paramref name="edit"/> owns it, else a new map (owned by <paramref name="edit"/>).</summary>
    private PersistentMap<TKey, TValue> With(Node root, int count, EditToken? edit)
    {
        if (edit is not null && ReferenceEquals(_owner, edit))
        {
            _root = root;
            Count = count;
            return this;
        }

        return new PersistentMap<TKey, TValue>(root, count, edit);
    }

    /// <summary>What setting a key that is present does: throw (add), replace its value, or keep it.</summary>
    private enum SetMode
    {
        Add,
        Replace,
        Keep,
    }

    /// <summary>A key, its value and its hash (kept, so that pushing an entry down a level never hashes it again).</summary>
    private readonly struct Entry(int hash, TKey key, TValue value)
    {
        public int Hash { get; } = hash;

        public TKey Key { get; } = key;

        public TValue Value { get; } = value;
    }

    /// <summary>A node of the trie.</summary>
    private abstract class Node
    {
        /// <summary>
        /// This node with <paramref name="entry"/> set, at depth <paramref name="shift"/> / 5; this node is unchanged
        /// unless <paramref name="edit"/> owns it.
        /// </summary>
        public abstract Node Set(in Entry entry, int shift, SetMode mode, EditToken? edit, out bool added);

        /// <summary>
        /// This node without the key, <c>null</c> when nothing is left; this node itself when it does not hold the key.
        /// This node is unchanged unless <paramref name="edit"/> owns it.
        /// </summary>
        public abstract Node? Remove(int hash, TKey key, int shift, EditToken? edit, out bool removed);
    }

    /// <summary>
    /// A node of up to 32 slots: <see cref="DataMap"/> marks the slots holding an entry, <see cref="NodeMap"/> those
    /// holding a child; a slot holds at most one of them. A compressed node keeps its entries as the first items of
    /// <see cref="Entries"/> and its children as the first of <see cref="Children"/>, in slot order; an expanded one
    /// (<see cref="Expanded"/>, only ever made for a builder) keeps each at its slot's index of 32-item arrays, the
    /// other items empty. The arrays of a compressed node may be longer than the bitmaps count: the rest is room to
    /// grow, and empty.
    /// </summary>
    private sealed class BitmapNode(uint dataMap, uint nodeMap, Entry[] entries, Node[] children, EditToken? owner = null) : Node
    {
        public static readonly BitmapNode EmptyNode = new(0, 0, [], []);

        private uint _dataMap = dataMap;
        private uint _nodeMap = nodeMap;
        private Entry[] _entries = entries;
        private Node[] _children = children;

        public uint DataMap => _dataMap;

        public uint NodeMap => _nodeMap;

        public Entry[] Entries => _entries;

        public Node[] Children => _children;

        /// <summary>Whether the arrays are indexed by slot rather than compressed.</summary>
        public bool Expanded { get; private set; }

        private int EntryCount => BitOperations.PopCount(DataMap);

        private int ChildCount => BitOperations.PopCount(NodeMap);

        public override Node Set(in Entry entry, int shift, SetMode mode, EditToken? edit, out bool added)
        {
            int slot = Slot(entry.Hash, shift);
            uint bit = 1u << slot;
            if ((DataMap & bit) != 0)
            {
                int index = Expanded ? slot : Index(DataMap, bit);
                Entry existing = Entries[index];
                if (existing.Hash == entry.Hash && Comparer.Equals(existing.Key, entry.Key))
                {
                    added = false;
                    if (mode != SetMode.Replace)
                    {
                        return mode == SetMode.Keep ? this : throw DuplicateKey(entry.Key);
                    }

                    if (edit is null && !Expanded)
                    {
                        return new BitmapNode(DataMap, NodeMap, Replaced(Entries, EntryCount, index, entry), Children);
                    }

                    BitmapNode replaced = Editable(edit, 0, 0);
                    replaced.Entries[replaced.Expanded ? slot : Index(DataMap, bit)] = entry;
                    return replaced;
                }

                // Two keys share the slot: both move down into a new child.
                added = true;
                Node merged = Merge(existing, entry, shift + BitsPerLevel, edit);
                if (edit is null && !Expanded)
                {
                    return new BitmapNode(
                        DataMap ^ bit, NodeMap | bit, Removed(Entries, EntryCount, index), Inserted(Children, ChildCount, Index(NodeMap, bit), merged));
                }

                BitmapNode moved = Editable(edit, 0, 1);
                moved.RemoveEntry(slot, bit);
                moved.InsertChild(slot, bit, merged);
                return moved;
            }

            if ((NodeMap & bit) != 0)
            {
                int index = Expanded ? slot : Index(NodeMap, bit);
                Node child = Children[index];
                Node changed = child.Set(entry, shift + BitsPerLevel, mode, edit, out added);
                if (ReferenceEquals(changed, child))
                {
                    return this;
                }

                if (edit is null && !Expanded)
                {
                    return new BitmapNode(DataMap, NodeMap, Entries, Replaced(Children, ChildCount, index, changed));
                }

                BitmapNode updated = Editable(edit, 0, 0);
                updated.Children[updated.Expanded ? slot : Index(NodeMap, bit)] = changed;
                return updated;
            }

            added = true;
            if (edit is null && !Expanded)
            {
                return new BitmapNode(DataMap | bit, NodeMap, Inserted(Entries, EntryCount, Index(DataMap, bit), entry), Children);
            }

            BitmapNode inserted = Editable(edit, 1, 0);
            inserted.InsertEntry(slot, bit, entry);
            return inserted;
        }

        public override Node? Remove(int hash, TKey key, int shift, EditToken? edit, out bool removed)
        {
            int slot = Slot(hash, shift);
            uint bit = 1u << slot;
            if ((DataMap & bit) != 0)
            {
                int index = Expanded ? slot : Index(DataMap, bit);
                Entry existing = Entries[index];
                removed = existing.Hash == hash && Comparer.Equals(existing.Key, key);
                if (!removed)
                {
                    return this;
                }

                // An emptied node goes, but for a builder's root, kept to take the next keys in place.
                if (EntryCount == 1 && ChildCount == 0 && (edit is null || shift > 0))
                {
                    return null;
                }

                if (edit is null && !Expanded)
                {
                    return new BitmapNode(DataMap ^ bit, NodeMap, Removed(Entries, EntryCount, index), Children);
                }

                BitmapNode smaller = Editable(edit, 0, 0);
                smaller.RemoveEntry(slot, bit);
                return smaller;
            }

            if ((NodeMap & bit) != 0)
            {
                int index = Expanded ? slot : Index(NodeMap, bit);
                Node child = Children[index];
                Node? changed = child.Remove(hash, key, shift + BitsPerLevel, edit, out removed);
                if (!removed)
                {
                    return this;
                }

                if (changed is not null)
                {
                    if (ReferenceEquals(changed, child))
                    {
                        return this;
                    }

                    if (edit is null && !Expanded)
                    {
                        return new BitmapNode(DataMap, NodeMap, Entries, Replaced(Children, ChildCount, index, changed));
                    }

                    BitmapNode updated = Editable(edit, 0, 0);
                    updated.Children[updated.Expanded ? slot : Index(NodeMap, bit)] = changed;
                    return updated;
                }

                if (EntryCount == 0 && ChildCount == 1 && (edit is null || shift > 0))
                {
                    return null;
                }

                if (edit is null && !Expanded)
                {
                    return new BitmapNode(DataMap, NodeMap ^ bit, Entries, Removed(Children, ChildCount, index));
                }

                BitmapNode pruned = Editable(edit, 0, 0);
                pruned.RemoveChild(slot, bit);
                return pruned;
            }

            removed = false;
            return this;
        }

        /// <summary>
        /// This node when <paramref name="edit"/> owns it; else a copy that it owns, expanded when it will hold at
        /// least <see cref="ExpandAt"/> entries and children, else compressed with room for the entries and children
        /// about to be inserted (and a little more). Without a token the copy is compressed, owned by no one, and
        /// changed once before it is shared.
        /// </summary>
        private BitmapNode Editable(EditToken? edit, int moreEntries, int moreChildren)
        {
            if (edit is not null && ReferenceEquals(owner, edit))
            {
                return this;
            }

            int entryCount = EntryCount;
            int childCount = ChildCount;
            if (edit is not null && entryCount + childCount + moreEntries + moreChildren >= ExpandAt)
            {
                var expanded = new BitmapNode(DataMap, NodeMap, new Entry[32], new Node[32], edit) { Expanded = true };
                if (Expanded)
                {
                    Array.Copy(Entries, expanded.Entries, 32);
                    Array.Copy(Children, expanded.Children, 32);
                }
                else
                {
                    Scatter(Entries, DataMap, expanded.Entries);
                    Scatter(Children, NodeMap, expanded.Children);
                }

                return expanded;
            }

            int spareEntries = edit is null ? moreEntries : Math.Max(moreEntries, 2);
            int spareChildren = edit is null ? moreChildren : Math.Max(moreChildren, 1);
            return Expanded
                ? new BitmapNode(
                    DataMap, NodeMap, Gathered(Entries, DataMap, entryCount + spareEntries), Gathered(Children, NodeMap, childCount + spareChildren), edit)
                : new BitmapNode(
                    DataMap, NodeMap, Copied(Entries, entryCount, spareEntries), Copied(Children, childCount, spareChildren), edit);
        }

        /// <summary>Turns this node, which a builder owns, from compressed to expanded.</summary>
        private void Expand()
        {
            var entries = new Entry[32];
            var children = new Node[32];
            Scatter(Entries, DataMap, entries);
            Scatter(Children, NodeMap, children);
            _entries = entries;
            _children = children;
            Expanded = true;
        }

        /// <summary>Adds an entry in place at <paramref name="slot"/>: written there when expanded, else shifted in (a node a builder owns is expanded first when it reaches <see cref="ExpandAt"/>).</summary>
        private void InsertEntry(int slot, uint bit, in Entry entry)
        {
            bool shifts = ShiftsIn();
            InsertItem(ref _entries, ref _dataMap, shifts, slot, bit, entry);
        }

        /// <summary>Removes the entry of <paramref name="slot"/> in place, clearing what it leaves.</summary>
        private void RemoveEntry(int slot, uint bit) => RemoveItem(_entries, ref _dataMap, Expanded, slot, bit);

        /// <summary>Adds a child in place at <paramref name="slot"/>, as <see cref="InsertEntry"/> adds an entry.</summary>
        private void InsertChild(int slot, uint bit, Node child)
        {
            bool shifts = ShiftsIn();
            InsertItem(ref _children, ref _nodeMap, shifts, slot, bit, child);
        }

        /// <summary>Removes the child of <paramref name="slot"/> in place, clearing what it leaves.</summary>
        private void RemoveChild(int slot, uint bit) => RemoveItem(_children, ref _nodeMap, Expanded, slot, bit);

        /// <summary>Whether an item inserted in place is shifted in (the node is compressed and stays so); a node a builder owns that reaches <see cref="ExpandAt"/> is expanded here.</summary>
        private bool ShiftsIn()
        {
            if (Expanded)
            {
                return false;
            }

            if (owner is null || EntryCount + ChildCount < ExpandAt - 1)
            {
                return true;
            }

            Expand();
            return false;
        }

        /// <summary>Adds <paramref name="item"/> to the array <paramref name="map"/> describes: shifted in at its compressed index, or written at its slot.</summary>
        private static void InsertItem<T>(ref T[] items, ref uint map, bool shifts, int slot, uint bit, T item)
        {
            if (shifts)
            {
                InsertInPlace(ref items, BitOperations.PopCount(map), Index(map, bit), item);
            }
            else
            {
                items[slot] = item;
            }

            map |= bit;
        }

        /// <summary>Removes the item of <paramref name="slot"/> from the array <paramref name="map"/> describes, clearing what it leaves.</summary>
        private static void RemoveItem<T>(T[] items, ref uint map, bool expanded, int slot, uint bit)
        {
            if (expanded)
            {
                items[slot] = default!;
            }
            else
            {
                RemoveInPlace(items, BitOperations.PopCount(map), Index(map, bit));
            }

            map ^= bit;
        }
    }

    /// <summary>Two or more entries whose keys differ but whose hashes are all <see cref="Hash"/>; always copied on change (collisions are rare).</summary>
    private sealed class CollisionNode(int hash, Entry[] entries) : Node
    {
        public int Hash { get; } = hash;

        public Entry[] Entries { get; } = entries;

        public override Node Set(in Entry entry, int shift, SetMode mode, EditToken? edit, out bool added)
        {
            if (entry.Hash != Hash)
            {
                // Another hash reached this slot: this node moves down one level under a new node that parts the two.
                return new BitmapNode(0, Bit(Hash, shift), [], [this], edit).Set(entry, shift, mode, edit, out added);
            }

            for (int i = 0; i < Entries.Length; i++)
            {
                if (Comparer.Equals(Entries[i].Key, entry.Key))
                {
                    added = false;
                    if (mode != SetMode.Replace)
                    {
                        return mode == SetMode.Keep ? this : throw DuplicateKey(entry.Key);
                    }

                    return new CollisionNode(Hash, Replaced(Entries, Entries.Length, i, entry));
                }
            }

            added = true;
            return new CollisionNode(Hash, Inserted(Entries, Entries.Length, Entries.Length, entry));
        }

        public override Node? Remove(int hash, TKey key, int shift, EditToken? edit, out bool removed)
        {
            for (int i = 0; hash == Hash && i < Entries.Length; i++)
            {
                if (Comparer.Equals(Entries[i].Key, key))
                {
                    removed = true;
                    return Entries.Length == 1 ? null : new CollisionNode(Hash, Removed(Entries, Entries.Length, i));
                }
            }

            removed = false;
            return this;
        }
    }
}
