using System;
using System.Linq;
using AgencyConnects.Domain.Internal;
using Xunit;

namespace AgencyConnects.Domain.Tests.Internal;

/// <summary>
/// Examples that kill mutants of <see cref="AppendOnlyList{T}"/> left alive by the second Stryker.NET run: versions
/// that fill different chunks keep their own, and appends along one history share the tail and the chunk directory
/// instead of copying them (measured as the bytes an append allocates on this thread).
/// </summary>
public sealed class MutantKillingTests2
{
    private const int ChunkSize = 32;

    private static AppendOnlyList<long> Build(int count)
    {
        AppendOnlyList<long> list = AppendOnlyList<long>.Empty;
        for (int i = 0; i < count; i++)
        {
            list = list.Add(i);
        }

        return list;
    }

    /// <summary>
    /// The bytes <paramref name="step"/> allocates on a list that <paramref name="setUp"/> builds. The whole scenario
    /// runs once before, on lists of its own, so that only the step's own objects are counted.
    /// </summary>
    private static long AllocatedBy(Func<AppendOnlyList<long>> setUp, Func<AppendOnlyList<long>, AppendOnlyList<long>> step)
    {
        GC.KeepAlive(step(setUp()));
        AppendOnlyList<long> list = setUp();
        long before = GC.GetAllocatedBytesForCurrentThread();
        AppendOnlyList<long> after = step(list);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        GC.KeepAlive(after);
        return allocated;
    }

    [Fact]
    public void Versions_that_fill_different_chunks_at_the_same_length_each_keep_their_own()
    {
        AppendOnlyList<long> shared = Build((2 * ChunkSize) - 1);
        AppendOnlyList<long> a = shared.Add(100);
        AppendOnlyList<long> b = shared.Add(200);
        AppendOnlyList<long> c = shared.Add(300);

        AppendOnlyList<long> a2 = a.Add(1);
        AppendOnlyList<long> b2 = b.Add(2);
        AppendOnlyList<long> c2 = c.Add(3);

        Assert.Equal(100, a2[(2 * ChunkSize) - 1]);
        Assert.Equal(200, b2[(2 * ChunkSize) - 1]);
        Assert.Equal(300, c2[(2 * ChunkSize) - 1]);
        long[] prefix = [.. Enumerable.Range(0, (2 * ChunkSize) - 1).Select(i => (long)i)];
        Assert.Equal([.. prefix, 100, 1], a2);
        Assert.Equal([.. prefix, 200, 2], b2);
        Assert.Equal([.. prefix, 300, 3], c2);
    }

    [Fact]
    public void Two_appends_in_a_row_to_the_newest_version_copy_nothing()
    {
        long bytes = AllocatedBy(() => Build(5), list => list.Add(5).Add(6));

        Assert.True(bytes < ChunkSize * sizeof(long), $"{bytes} bytes: a tail was copied");
    }

    [Fact]
    public void The_first_append_after_a_new_chunk_copies_nothing()
    {
        long bytes = AllocatedBy(() => Build(ChunkSize + 1), list => list.Add(-1));

        Assert.True(bytes < ChunkSize * sizeof(long), $"{bytes} bytes: a tail was copied");
    }

    [Fact]
    public void A_version_made_by_copying_the_tail_appends_in_place()
    {
        long bytes = AllocatedBy(
            () =>
            {
                AppendOnlyList<long> five = Build(5);
                _ = five.Add(5); // claims the shared tail's next slot
                return five.Add(-5); // so this one copies the tail
            },
            copied => copied.Add(6));

        Assert.True(bytes < ChunkSize * sizeof(long), $"{bytes} bytes: a tail was copied");
    }

    // A list of 100 (or 101) full chunks' worth of items holds 99 (or 100) chunks in its directory and a full tail. The
    // directory has room for 128 chunks (it grew at 8, 16, 32 and 64), so the next append writes the tail into a free
    // slot instead of copying about 100 references. Two lengths, so that both an odd and an even slot are written.
    [Theory]
    [InlineData(100)]
    [InlineData(101)]
    public void Starting_a_new_chunk_does_not_copy_the_chunk_directory(int fullChunks)
    {
        long bytes = AllocatedBy(() => Build(fullChunks * ChunkSize), list => list.Add(-1));

        Assert.True(bytes < 99 * IntPtr.Size, $"{bytes} bytes: the directory was copied");
    }

    // Two versions extending the same full tail add the very same chunk: the second shares the first one's directory.
    [Fact]
    public void A_second_version_that_adds_the_same_chunk_shares_the_chunk_directory()
    {
        long bytes = AllocatedBy(
            () =>
            {
                AppendOnlyList<long> full = Build(100 * ChunkSize);
                _ = full.Add(1); // writes the full tail into the directory's slot 99
                return full;
            },
            full => full.Add(2));

        Assert.True(bytes < 99 * IntPtr.Size, $"{bytes} bytes: the directory was copied");
    }
}
