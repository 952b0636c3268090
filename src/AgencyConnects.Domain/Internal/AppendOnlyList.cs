using System;
using System.Collections;
using System.Collections.Generic;
using System.Threading;

namespace AgencyConnects.Domain.Internal;

/// <summary>
/// An immutable list that grows only at its end, in amortized O(1): versions share one buffer, and the first version to
/// append after a given length claims the next slot in place (atomically); any other version that appends copies. So a
/// history that only moves forward (the ledger of an aggregate) never copies per operation, and an older version that
/// is extended again still sees exactly its own items.
/// </summary>
internal sealed class AppendOnlyList<T> : IReadOnlyList<T>
{
    private readonly Buffer _buffer;

    private AppendOnlyList(Buffer buffer, int count)
    {
        _buffer = buffer;
        Count = count;
    }

    public static AppendOnlyList<T> Empty { get; } = new(new Buffer([]), 0);

    public int Count { get; }

    public T this[int index]
        => index >= 0 && index < Count ? _buffer.Items[index] : throw new ArgumentOutOfRangeException(nameof(index));

    public AppendOnlyList<T> Add(T item)
    {
        Buffer buffer = _buffer;
        if (Count < buffer.Items.Length && Interlocked.CompareExchange(ref buffer.Used, Count + 1, Count) == Count)
        {
            buffer.Items[Count] = item;
            return new AppendOnlyList<T>(buffer, Count + 1);
        }

        var grown = new Buffer(new T[Math.Max(8, Count * 2)]) { Used = Count + 1 };
        Array.Copy(buffer.Items, grown.Items, Count);
        grown.Items[Count] = item;
        return new AppendOnlyList<T>(grown, Count + 1);
    }

    public IEnumerator<T> GetEnumerator()
    {
        for (int i = 0; i < Count; i++)
        {
            yield return _buffer.Items[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private sealed class Buffer(T[] items)
    {
        public T[] Items { get; } = items;

        // The number of slots claimed by some version; slots below it are never written again.
        public int Used;
    }
}
