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
}
