using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using AgencyConnects.Domain.Internal;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace AgencyConnects.Domain.Tests.Internal;

public class AppendOnlyListTests
{
    private const int ChunkSize = 32;

    [Fact]
    public void Every_version_keeps_exactly_its_own_items_when_an_older_version_is_extended()
    {
        AppendOnlyList<int> one = AppendOnlyList<int>.Empty.Add(1);
        AppendOnlyList<int> oneTwo = one.Add(2);
        AppendOnlyList<int> oneThree = one.Add(3);
        AppendOnlyList<int> oneTwoFour = oneTwo.Add(4);

        Assert.Equal([1], one);
        Assert.Equal([1, 2], oneTwo);
        Assert.Equal([1, 3], oneThree);
        Assert.Equal([1, 2, 4], oneTwoFour);
        Assert.Equal(3, oneThree[1]);
        Assert.Empty(AppendOnlyList<int>.Empty);
    }

    [Fact]
    public void Reading_outside_a_version_throws()
    {
        AppendOnlyList<int> oneTwo = AppendOnlyList<int>.Empty.Add(1).Add(2);
        AppendOnlyList<int> one = AppendOnlyList<int>.Empty.Add(1);
        _ = one.Add(9);

        Assert.Throws<ArgumentOutOfRangeException>(() => oneTwo[2]);
        Assert.Throws<ArgumentOutOfRangeException>(() => one[1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => one[-1]);
    }

    [Fact]
    public void Any_tree_of_versions_matches_plain_lists()
    {
        // Each step extends a random earlier version: the shared buffer must never leak one branch into another.
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(PropertyRuns.Or(200)), Prop.ForAll(
            Arb.From(Gen.Choose(0, 200).SelectMany(n => Gen.ListOf(Gen.Zip(Gen.Choose(0, 1000), Gen.Choose(-50, 50))).Select(steps => steps.Take(n).ToList()))),
            steps =>
            {
                var versions = new List<(AppendOnlyList<int> List, List<int> Expected)> { (AppendOnlyList<int>.Empty, []) };
                foreach ((int pick, int value) in steps)
                {
                    // Mostly extend the newest version (long runs fill chunks), sometimes an older one.
                    int chosen = pick % 4 == 0 ? pick % versions.Count : versions.Count - 1;
                    (AppendOnlyList<int> list, List<int> expected) = versions[chosen];
                    versions.Add((list.Add(value), [.. expected, value]));
                }

                foreach ((AppendOnlyList<int> list, List<int> expected) in versions)
                {
                    Assert.Equal(expected, list);
                    Assert.Equal(expected.Count, list.Count);
                }
            }));
    }

    [Fact]
    public void Versions_extended_again_and_again_from_a_full_tail_share_its_chunk_and_keep_their_own_items()
    {
        // 64 items: one chunk in the directory and a full tail, which every extension turns into the same next chunk.
        AppendOnlyList<int> full = Enumerable.Range(0, 64).Aggregate(AppendOnlyList<int>.Empty, (l, i) => l.Add(i));
        var branches = Enumerable.Range(1, 3)
            .Select(b => Enumerable.Range(0, 100).Aggregate(full, (l, i) => l.Add((b * 1000) + i)))
            .ToList();
        AppendOnlyList<int> late = full.Add(-1);

        for (int b = 1; b <= 3; b++)
        {
            Assert.Equal([.. Enumerable.Range(0, 64), .. Enumerable.Range(b * 1000, 100)], branches[b - 1]);
            Assert.Equal((b * 1000) + 99, branches[b - 1][163]);
            Assert.Equal(40, branches[b - 1][40]);
        }

        Assert.Equal([.. Enumerable.Range(0, 64), -1], late);
        Assert.Equal(Enumerable.Range(0, 64), full);
    }

    [Fact]
    public void A_long_history_reads_back_in_order_across_chunks()
    {
        AppendOnlyList<int> list = Enumerable.Range(0, 1000).Aggregate(AppendOnlyList<int>.Empty, (l, i) => l.Add(i));
        AppendOnlyList<int> branch = Enumerable.Range(0, 40).Aggregate(AppendOnlyList<int>.Empty, (l, i) => l.Add(i)).Add(-1);

        Assert.Equal(Enumerable.Range(0, 1000), list);
        Assert.Equal(999, list[999]);
        Assert.Equal(32, list[32]);
        Assert.Equal([.. Enumerable.Range(0, 40), -1], branch);
    }

    [Fact]
    public void Concurrent_appends_to_one_version_each_see_their_own_item()
    {
        AppendOnlyList<int> start = Enumerable.Range(0, 5).Aggregate(AppendOnlyList<int>.Empty, (list, i) => list.Add(i));
        AppendOnlyList<int>[] results = new AppendOnlyList<int>[64];

        Parallel.For(0, results.Length, i => results[i] = start.Add(100 + i));

        for (int i = 0; i < results.Length; i++)
        {
            Assert.Equal([0, 1, 2, 3, 4, 100 + i], results[i]);
        }
    }

    [Fact]
    public void Appending_to_an_older_version_after_a_newer_one_grew_twice_leaves_every_version_intact()
    {
        AppendOnlyList<string> a = AppendOnlyList<string>.Empty.Add("a");
        AppendOnlyList<string> ab = a.Add("b");
        AppendOnlyList<string> abc = ab.Add("c");

        AppendOnlyList<string> ad = a.Add("d");

        Assert.Equal(["a", "b"], ab);
        Assert.Equal(["a", "b", "c"], abc);
        Assert.Equal(["a", "d"], ad);
        Assert.Equal("b", abc[1]);
    }

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
