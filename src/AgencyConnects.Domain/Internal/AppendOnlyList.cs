using System;
using System.Collections;
using System.Collections.Generic;
using System.Threading;

namespace AgencyConnects.Domain.Internal;

/// <summary>
/// An immutable list that grows only at its end. Items live in full chunks of <see cref="ChunkSize"/> (shared by every
/// version, never written again), listed in a shared chunk directory, and a tail chunk. Versions share the tail and
/// the directory: the first version to append after a given length claims the next slot in place (atomically); a
/// version that finds the slot claimed shares it anyway when it holds the very chunk it would have written (a full
/// tail is the same array in every version that extends it), and otherwise copies only the tail, or, for a new chunk,
/// the directory. So an append costs amortized O(1) along a history that only moves forward, and also when one version
/// is extended again and again; extending an older version whose successors already went on costs at most a tail copy
/// and a directory copy (one reference per 32 items). Reading an item is O(1).
/// </summary>
internal sealed class AppendOnlyList<T> : IReadOnlyList<T>
{
    private const int ChunkSize = 32;

    private readonly Directory _directory;
    private readonly int _chunkCount;
    private readonly Tail _tail;
    private readonly int _tailCount;

    private AppendOnlyList(Directory directory, int chunkCount, Tail tail, int tailCount)
    {
        _directory = directory;
        _chunkCount = chunkCount;
        _tail = tail;
        _tailCount = tailCount;
    }

    public static AppendOnlyList<T> Empty { get; } = new(new Directory(0), 0, new Tail(), 0);

    public int Count => (_chunkCount * ChunkSize) + _tailCount;

    public T this[int index]
    {
        get
        {
            if (index < 0 || index >= Count)
            {
                throw new ArgumentOutOfRangeException(nameof(index));
            }

            int inChunks = _chunkCount * ChunkSize;
            return index < inChunks ? _directory.Chunks[index / ChunkSize][index % ChunkSize] : _tail.Items[index - inChunks];
        }
    }

    public AppendOnlyList<T> Add(T item)
    {
        if (_tailCount == ChunkSize)
        {
            // Every slot of a full tail belongs to this version's history: it becomes a shared, frozen chunk.
            var fresh = new Tail { Used = 1 };
            fresh.Items[0] = item;
            return new AppendOnlyList<T>(WithChunk(_tail.Items), _chunkCount + 1, fresh, 1);
        }

        if (Interlocked.CompareExchange(ref _tail.Used, _tailCount + 1, _tailCount) == _tailCount)
        {
            _tail.Items[_tailCount] = item;
            return new AppendOnlyList<T>(_directory, _chunkCount, _tail, _tailCount + 1);
        }

        var copy = new Tail { Used = _tailCount + 1 };
        Array.Copy(_tail.Items, copy.Items, _tailCount);
        copy.Items[_tailCount] = item;
        return new AppendOnlyList<T>(_directory, _chunkCount, copy, _tailCount + 1);
    }

    public IEnumerator<T> GetEnumerator()
    {
        for (int c = 0; c < _chunkCount; c++)
        {
            foreach (T item in _directory.Chunks[c])
            {
                yield return item;
            }
        }

        for (int i = 0; i < _tailCount; i++)
        {
            yield return _tail.Items[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>A directory whose first <see cref="_chunkCount"/> + 1 chunks are this version's, <paramref name="chunk"/> last.</summary>
    private Directory WithChunk(T[] chunk)
    {
        Directory directory = _directory;
        int slot = _chunkCount;
        if (slot < directory.Chunks.Length)
        {
            if (Interlocked.CompareExchange(ref directory.Used, slot + 1, slot) == slot)
            {
                Volatile.Write(ref directory.Chunks[slot], chunk);
                return directory;
            }

            if (ReferenceEquals(Volatile.Read(ref directory.Chunks[slot]), chunk))
            {
                // Another version with this same history already added this same chunk.
                return directory;
            }
        }

        var copy = new Directory(Math.Max(8, slot * 2)) { Used = slot + 1 };
        Array.Copy(directory.Chunks, copy.Chunks, slot);
        copy.Chunks[slot] = chunk;
        return copy;
    }

    private sealed class Directory(int capacity)
    {
        public T[][] Chunks { get; } = new T[capacity][];

        // The number of slots claimed by some version; slots below it are never written again.
        public int Used;
    }

    private sealed class Tail
    {
        public T[] Items { get; } = new T[ChunkSize];

        // The number of slots claimed by some version; slots below it are never written again.
        public int Used;
    }
}
