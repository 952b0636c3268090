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
            Arb.From(Gen.ListOf(Gen.Zip(Gen.Choose(0, 1000), Gen.Choose(-50, 50)))),
            steps =>
            {
                var versions = new List<(AppendOnlyList<int> List, List<int> Expected)> { (AppendOnlyList<int>.Empty, []) };
                foreach ((int pick, int value) in steps)
                {
                    (AppendOnlyList<int> list, List<int> expected) = versions[pick % versions.Count];
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
