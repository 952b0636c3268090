using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;

namespace AgencyConnects.Domain.Internal;

/// <summary>
/// An immutable list that grows only at its end. Items live in full chunks of <see cref="ChunkSize"/> (shared by every
/// version, never written again) and a tail chunk. Versions share the tail: the first version to append after a given
/// length claims the next tail slot in place (atomically); any other version that appends copies only the tail. So an
/// append costs amortized O(1) along a history that only moves forward, and at most one tail copy plus an
/// O(log n) chunk-list update when an older version is extended again; reading an item costs O(log n / 32).
/// </summary>
internal sealed class AppendOnlyList<T> : IReadOnlyList<T>
{
    private const int ChunkSize = 32;

    private readonly ImmutableList<T[]> _chunks;
    private readonly Tail _tail;
    private readonly int _tailCount;

    private AppendOnlyList(ImmutableList<T[]> chunks, Tail tail, int tailCount)
    {
        _chunks = chunks;
        _tail = tail;
        _tailCount = tailCount;
    }

    public static AppendOnlyList<T> Empty { get; } = new(ImmutableList<T[]>.Empty, new Tail(), 0);

    public int Count => (_chunks.Count * ChunkSize) + _tailCount;

    public T this[int index]
    {
        get
        {
            if (index < 0 || index >= Count)
            {
                throw new ArgumentOutOfRangeException(nameof(index));
            }

            int inChunks = _chunks.Count * ChunkSize;
            return index < inChunks ? _chunks[index / ChunkSize][index % ChunkSize] : _tail.Items[index - inChunks];
        }
    }

    public AppendOnlyList<T> Add(T item)
    {
        if (_tailCount == ChunkSize)
        {
            // Every slot of a full tail belongs to this version's history: it becomes a shared, frozen chunk.
            var fresh = new Tail { Used = 1 };
            fresh.Items[0] = item;
            return new AppendOnlyList<T>(_chunks.Add(_tail.Items), fresh, 1);
        }

        if (Interlocked.CompareExchange(ref _tail.Used, _tailCount + 1, _tailCount) == _tailCount)
        {
            _tail.Items[_tailCount] = item;
            return new AppendOnlyList<T>(_chunks, _tail, _tailCount + 1);
        }

        var copy = new Tail { Used = _tailCount + 1 };
        Array.Copy(_tail.Items, copy.Items, _tailCount);
        copy.Items[_tailCount] = item;
        return new AppendOnlyList<T>(_chunks, copy, _tailCount + 1);
    }

    public IEnumerator<T> GetEnumerator()
    {
        foreach (T[] chunk in _chunks)
        {
            foreach (T item in chunk)
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

    private sealed class Tail
    {
        public T[] Items { get; } = new T[ChunkSize];

        // The number of slots claimed by some version; slots below it are never written again.
        public int Used;
    }
}
