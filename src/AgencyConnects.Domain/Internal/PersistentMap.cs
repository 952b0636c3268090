using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;

namespace AgencyConnects.Domain.Internal;

/// <summary>
/// An immutable hash map: a hash array mapped trie of 32-way nodes, each compressed by two bitmaps (which of its 32
/// slots hold an entry, which a child node); keys whose hashes are equal share a collision node. Adding or replacing
/// copies only the nodes on one path from the root, about log32(n) of them (four for a hundred thousand keys), and
/// shares every other node with the version it came from; a lookup reads as many nodes. Nothing is written after
/// construction, so any version may be read from any thread.
/// </summary>
/// <remarks>Keys are compared with <see cref="EqualityComparer{T}.Default"/>; enumeration order is unspecified.</remarks>
internal sealed class PersistentMap<TKey, TValue> : IReadOnlyDictionary<TKey, TValue>
    where TKey : notnull
{
    private const int BitsPerLevel = 5;

    private readonly Node _root;

    private PersistentMap(Node root, int count)
    {
        _root = root;
        Count = count;
    }

    /// <summary>The empty map.</summary>
    public static PersistentMap<TKey, TValue> Empty { get; } = new(BitmapNode.EmptyNode, 0);

    /// <summary>The number of entries, in O(1).</summary>
    public int Count { get; }

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
            uint bit = Bit(hash, shift);
            if ((bitmapNode.DataMap & bit) != 0)
            {
                Entry entry = bitmapNode.Entries[Index(bitmapNode.DataMap, bit)];
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

            node = bitmapNode.Children[Index(bitmapNode.NodeMap, bit)];
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
    public PersistentMap<TKey, TValue> SetItem(TKey key, TValue value) => Set(key, value, replace: true);

    /// <summary>The map with <paramref name="key"/> added; throws <see cref="ArgumentException"/> when it is already present.</summary>
    public PersistentMap<TKey, TValue> Add(TKey key, TValue value) => Set(key, value, replace: false);

    /// <summary>The map without <paramref name="key"/>; this map when it does not hold it. Nodes left with one entry are not folded up: lookups and sets do not need it.</summary>
    public PersistentMap<TKey, TValue> Remove(TKey key)
    {
        Node? root = _root.Remove(Comparer.GetHashCode(key), key, 0, out bool removed);
        return removed ? new PersistentMap<TKey, TValue>(root ?? BitmapNode.EmptyNode, Count - 1) : this;
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<TKey, TValue>> GetEnumerator()
    {
        var pending = new Stack<Node>();
        pending.Push(_root);
        while (pending.TryPop(out Node? node))
        {
            Entry[] entries;
            if (node is BitmapNode bitmapNode)
            {
                entries = bitmapNode.Entries;
                foreach (Node child in bitmapNode.Children)
                {
                    pending.Push(child);
                }
            }
            else
            {
                entries = ((CollisionNode)node).Entries;
            }

            foreach (Entry entry in entries)
            {
                yield return new KeyValuePair<TKey, TValue>(entry.Key, entry.Value);
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The bit of the slot that <paramref name="hash"/> takes in a node at depth <paramref name="shift"/> / 5.</summary>
    private static uint Bit(int hash, int shift) => 1u << ((hash >>> shift) & 31);

    /// <summary>Where the slot of <paramref name="bit"/> sits in the array that <paramref name="map"/> compresses.</summary>
    private static int Index(uint map, uint bit) => BitOperations.PopCount(map & (bit - 1));

    private static ArgumentException DuplicateKey(TKey key) => new($"The key '{key}' is already in the map.", nameof(key));

    private static T[] Inserted<T>(T[] items, int index, T item)
    {
        var copy = new T[items.Length + 1];
        Array.Copy(items, copy, index);
        copy[index] = item;
        Array.Copy(items, index, copy, index + 1, items.Length - index);
        return copy;
    }

    private static T[] Removed<T>(T[] items, int index)
    {
        if (items.Length == 1)
        {
            return [];
        }

        var copy = new T[items.Length - 1];
        Array.Copy(items, copy, index);
        Array.Copy(items, index + 1, copy, index, items.Length - index - 1);
        return copy;
    }

    private static T[] Replaced<T>(T[] items, int index, T item)
    {
        var copy = new T[items.Length];
        Array.Copy(items, copy, items.Length);
        copy[index] = item;
        return copy;
    }

    /// <summary>A node holding two entries with different keys, placed at depth <paramref name="shift"/> / 5.</summary>
    private static Node Merge(in Entry first, in Entry second, int shift)
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
            return new BitmapNode(0, firstBit, [], [Merge(first, second, shift + BitsPerLevel)]);
        }

        return new BitmapNode(firstBit | secondBit, 0, firstBit < secondBit ? [first, second] : [second, first], []);
    }

    private PersistentMap<TKey, TValue> Set(TKey key, TValue value, bool replace)
    {
        var entry = new Entry(Comparer.GetHashCode(key), key, value);
        Node root = _root.Set(entry, 0, replace, out bool added);
        return new PersistentMap<TKey, TValue>(root, added ? Count + 1 : Count);
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
        /// <summary>This node with <paramref name="entry"/> set, at depth <paramref name="shift"/> / 5; this node is unchanged.</summary>
        public abstract Node Set(in Entry entry, int shift, bool replace, out bool added);

        /// <summary>This node without the key, <c>null</c> when nothing is left; this node itself when it does not hold the key.</summary>
        public abstract Node? Remove(int hash, TKey key, int shift, out bool removed);
    }

    /// <summary>
    /// A node of up to 32 slots: <see cref="DataMap"/> marks the slots holding an entry (in <see cref="Entries"/>, in slot
    /// order), <see cref="NodeMap"/> those holding a child (in <see cref="Children"/>); a slot holds at most one of them.
    /// </summary>
    private sealed class BitmapNode(uint dataMap, uint nodeMap, Entry[] entries, Node[] children) : Node
    {
        public static readonly BitmapNode EmptyNode = new(0, 0, [], []);

        public uint DataMap { get; } = dataMap;

        public uint NodeMap { get; } = nodeMap;

        public Entry[] Entries { get; } = entries;

        public Node[] Children { get; } = children;

        public override Node Set(in Entry entry, int shift, bool replace, out bool added)
        {
            uint bit = Bit(entry.Hash, shift);
            if ((DataMap & bit) != 0)
            {
                int index = Index(DataMap, bit);
                Entry existing = Entries[index];
                if (existing.Hash == entry.Hash && Comparer.Equals(existing.Key, entry.Key))
                {
                    if (!replace)
                    {
                        throw DuplicateKey(entry.Key);
                    }

                    added = false;
                    return new BitmapNode(DataMap, NodeMap, Replaced(Entries, index, entry), Children);
                }

                // Two keys share the slot: both move down into a new child.
                added = true;
                Node merged = Merge(existing, entry, shift + BitsPerLevel);
                return new BitmapNode(DataMap ^ bit, NodeMap | bit, Removed(Entries, index), Inserted(Children, Index(NodeMap, bit), merged));
            }

            if ((NodeMap & bit) != 0)
            {
                int index = Index(NodeMap, bit);
                Node child = Children[index].Set(entry, shift + BitsPerLevel, replace, out added);
                return new BitmapNode(DataMap, NodeMap, Entries, Replaced(Children, index, child));
            }

            added = true;
            return new BitmapNode(DataMap | bit, NodeMap, Inserted(Entries, Index(DataMap, bit), entry), Children);
        }

        public override Node? Remove(int hash, TKey key, int shift, out bool removed)
        {
            uint bit = Bit(hash, shift);
            if ((DataMap & bit) != 0)
            {
                int index = Index(DataMap, bit);
                Entry existing = Entries[index];
                removed = existing.Hash == hash && Comparer.Equals(existing.Key, key);
                if (!removed)
                {
                    return this;
                }

                return Entries.Length == 1 && Children.Length == 0 ? null : new BitmapNode(DataMap ^ bit, NodeMap, Removed(Entries, index), Children);
            }

            if ((NodeMap & bit) != 0)
            {
                int index = Index(NodeMap, bit);
                Node? child = Children[index].Remove(hash, key, shift + BitsPerLevel, out removed);
                if (!removed)
                {
                    return this;
                }

                if (child is not null)
                {
                    return new BitmapNode(DataMap, NodeMap, Entries, Replaced(Children, index, child));
                }

                return Entries.Length == 0 && Children.Length == 1 ? null : new BitmapNode(DataMap, NodeMap ^ bit, Entries, Removed(Children, index));
            }

            removed = false;
            return this;
        }
    }

    /// <summary>Two or more entries whose keys differ but whose hashes are all <see cref="Hash"/>.</summary>
    private sealed class CollisionNode(int hash, Entry[] entries) : Node
    {
        public int Hash { get; } = hash;

        public Entry[] Entries { get; } = entries;

        public override Node Set(in Entry entry, int shift, bool replace, out bool added)
        {
            if (entry.Hash != Hash)
            {
                // Another hash reached this slot: this node moves down one level under a new node that parts the two.
                return new BitmapNode(0, Bit(Hash, shift), [], [this]).Set(entry, shift, replace, out added);
            }

            for (int i = 0; i < Entries.Length; i++)
            {
                if (Comparer.Equals(Entries[i].Key, entry.Key))
                {
                    if (!replace)
                    {
                        throw DuplicateKey(entry.Key);
                    }

                    added = false;
                    return new CollisionNode(Hash, Replaced(Entries, i, entry));
                }
            }

            added = true;
            return new CollisionNode(Hash, Inserted(Entries, Entries.Length, entry));
        }

        public override Node? Remove(int hash, TKey key, int shift, out bool removed)
        {
            for (int i = 0; hash == Hash && i < Entries.Length; i++)
            {
                if (Comparer.Equals(Entries[i].Key, key))
                {
                    removed = true;
                    return Entries.Length == 1 ? null : new CollisionNode(Hash, Removed(Entries, i));
                }
            }

            removed = false;
            return this;
        }
    }
}
