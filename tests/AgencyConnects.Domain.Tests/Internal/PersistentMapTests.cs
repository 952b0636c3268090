using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using AgencyConnects.Domain.Internal;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace AgencyConnects.Domain.Tests.Internal;

public class PersistentMapTests
{
    // Hashes chosen to collide outright (several ids share each), to share every slot but the last level's
    // (they differ only in the top two bits), or to part at one level only.
    private static readonly int[] Hashes =
    [
        0, 1, 31, 32, 1 << 10, 1 << 25, 1 << 30, int.MinValue, int.MinValue | (1 << 30), -1, int.MaxValue,
        0x55555555, 0x2AAAAAAA, 0x12345678, 0x12345679, 0x02345678,
    ];

    [Fact]
    public void The_empty_map_holds_nothing()
    {
        PersistentMap<string, int> empty = PersistentMap<string, int>.Empty;

        Assert.True(empty.IsEmpty);
        Assert.Empty(empty);
        Assert.Empty(empty.Keys);
        Assert.Empty(empty.Values);
        Assert.False(empty.ContainsKey("a"));
        Assert.False(empty.TryGetValue("a", out _));
        Assert.Throws<KeyNotFoundException>(() => empty["a"]);
    }

    [Fact]
    public void Setting_and_adding_leave_the_version_they_came_from_unchanged()
    {
        PersistentMap<string, int> one = PersistentMap<string, int>.Empty.Add("a", 1);
        PersistentMap<string, int> two = one.Add("b", 2);
        PersistentMap<string, int> replaced = two.SetItem("a", 10);
        PersistentMap<string, int> set = replaced.SetItem("c", 3);

        Assert.Equal(new Dictionary<string, int> { ["a"] = 1 }, one.ToDictionary());
        Assert.Equal(new Dictionary<string, int> { ["a"] = 1, ["b"] = 2 }, two.ToDictionary());
        Assert.Equal(new Dictionary<string, int> { ["a"] = 10, ["b"] = 2 }, replaced.ToDictionary());
        Assert.Equal(new Dictionary<string, int> { ["a"] = 10, ["b"] = 2, ["c"] = 3 }, set.ToDictionary());
        Assert.Equal(new[] { 1, 2, 2, 3 }, new[] { one.Count, two.Count, replaced.Count, set.Count });
        Assert.Equal(10, set["a"]);
    }

    [Fact]
    public void Adding_a_key_already_present_throws_and_changes_nothing()
    {
        PersistentMap<Key, int> map = PersistentMap<Key, int>.Empty.Add(new Key(1, 7), 1).Add(new Key(2, 7), 2).Add(new Key(3, 8), 3);

        Assert.Throws<ArgumentException>(() => map.Add(new Key(1, 7), 9));
        Assert.Throws<ArgumentException>(() => map.Add(new Key(2, 7), 9));
        Assert.Throws<ArgumentException>(() => map.Add(new Key(3, 8), 9));
        Assert.Equal(3, map.Count);
        Assert.Equal([1, 2, 3], map.Values.Order());
    }

    [Fact]
    public void Keys_with_equal_hashes_are_all_kept_apart()
    {
        PersistentMap<Key, int> map = PersistentMap<Key, int>.Empty;
        for (int id = 0; id < 20; id++)
        {
            map = map.Add(new Key(id, 12345), id);
        }

        PersistentMap<Key, int> replaced = map.SetItem(new Key(7, 12345), 700);

        Assert.Equal(20, map.Count);
        Assert.All(Enumerable.Range(0, 20), id => Assert.Equal(id, map[new Key(id, 12345)]));
        Assert.Equal(700, replaced[new Key(7, 12345)]);
        Assert.Equal(7, map[new Key(7, 12345)]);
        Assert.False(map.ContainsKey(new Key(20, 12345)));
        Assert.False(map.ContainsKey(new Key(3, 54321)));
    }

    [Fact]
    public void A_key_reaching_a_collision_node_with_another_hash_parts_from_it()
    {
        // Hash 1 << 25 shares slot 0 with hash 0 at every level but the sixth.
        PersistentMap<Key, int> collided = PersistentMap<Key, int>.Empty.Add(new Key(1, 0), 1).Add(new Key(2, 0), 2);
        PersistentMap<Key, int> parted = collided.Add(new Key(3, 1 << 25), 3).Add(new Key(4, int.MinValue), 4);
        PersistentMap<Key, int> again = parted.Add(new Key(5, 0), 5).Add(new Key(6, 1 << 25), 6);

        Assert.Equal(new Dictionary<Key, int> { [new(1, 0)] = 1, [new(2, 0)] = 2 }, collided.ToDictionary());
        Assert.Equal(
            new Dictionary<Key, int> { [new(1, 0)] = 1, [new(2, 0)] = 2, [new(3, 1 << 25)] = 3, [new(4, int.MinValue)] = 4 },
            parted.ToDictionary());
        Assert.Equal(6, again.Count);
        Assert.Equal(Enumerable.Range(1, 6), again.Values.Order());
    }

    [Fact]
    public void A_hundred_thousand_keys_read_back()
    {
        var expected = new Dictionary<string, int>();
        PersistentMap<string, int> map = PersistentMap<string, int>.Empty;
        for (int i = 0; i < 100_000; i++)
        {
            string key = "key-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            map = map.Add(key, i);
            expected.Add(key, i);
        }

        PersistentMap<string, int> updated = map.SetItem("key-500", -1);

        Assert.Equal(100_000, map.Count);
        Assert.Equal(expected, map.ToDictionary());
        Assert.All(expected, pair => Assert.Equal(pair.Value, map[pair.Key]));
        Assert.Equal(-1, updated["key-500"]);
        Assert.Equal(500, map["key-500"]);
        Assert.False(map.ContainsKey("key-100000"));
    }

    [Fact]
    public void Many_threads_read_one_version_alike()
    {
        PersistentMap<int, int> map = Enumerable.Range(0, 5000).Aggregate(PersistentMap<int, int>.Empty, (m, i) => m.Add(i, i * 2));
        bool[] ok = new bool[64];

        Parallel.For(0, ok.Length, t => ok[t] = Enumerable.Range(0, 5000).All(i => map.TryGetValue(i, out int v) && v == i * 2) && map.Keys.Count() == 5000);

        Assert.DoesNotContain(false, ok);
    }

    [Fact]
    public void Removing_every_key_in_any_order_leaves_an_empty_map_that_takes_keys_again()
    {
        PersistentMap<Key, int> map = PersistentMap<Key, int>.Empty;
        for (int id = 0; id < 64; id++)
        {
            map = map.Add(new Key(id, Hashes[id % Hashes.Length]), id);
        }

        foreach (int id in Enumerable.Range(0, 64).OrderBy(i => (i * 37) % 64))
        {
            map = map.Remove(new Key(id, Hashes[id % Hashes.Length]));
        }

        Assert.True(map.IsEmpty);
        Assert.Empty(map);
        Assert.Equal(7, map.Add(new Key(1, Hashes[1]), 7)[new Key(1, Hashes[1])]);
    }

    [Fact]
    public void Any_tree_of_versions_matches_plain_dictionaries()
    {
        // Each step changes (or looks up in) a random earlier version; every version is checked against its own
        // dictionary after every step, so a change that leaked into a shared node would show in an older version.
        Gen<(int Op, int Pick, int Id, int Value)> step =
            from op in Gen.Choose(0, 9)
            from pick in Gen.Choose(0, 1000)
            from id in Gen.Choose(0, 63)
            from value in Gen.Choose(-50, 50)
            select (op, pick, id, value);
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(PropertyRuns.Or(200)), Prop.ForAll(
            Arb.From(Gen.Choose(0, 150).SelectMany(n => Gen.ListOf(step).Select(steps => steps.Take(n).ToList()))),
            steps =>
            {
                var versions = new List<(PersistentMap<Key, int> Map, Dictionary<Key, int> Expected)> { (PersistentMap<Key, int>.Empty, []) };
                foreach ((int op, int pick, int id, int value) in steps)
                {
                    // Mostly change the newest version, sometimes an older one.
                    int chosen = pick % 4 == 0 ? pick % versions.Count : versions.Count - 1;
                    (PersistentMap<Key, int> map, Dictionary<Key, int> expected) = versions[chosen];
                    var key = new Key(id, Hashes[id % Hashes.Length]);
                    Assert.Equal(expected.TryGetValue(key, out int found), map.TryGetValue(key, out int actual));
                    Assert.Equal(found, actual);
                    if (op < 4)
                    {
                        versions.Add((map.SetItem(key, value), new Dictionary<Key, int>(expected) { [key] = value }));
                    }
                    else if (op < 8)
                    {
                        if (expected.ContainsKey(key))
                        {
                            Assert.Throws<ArgumentException>(() => map.Add(key, value));
                        }
                        else
                        {
                            versions.Add((map.Add(key, value), new Dictionary<Key, int>(expected) { [key] = value }));
                        }
                    }
                    else if (op == 8)
                    {
                        PersistentMap<Key, int> removed = map.Remove(key);
                        if (!expected.ContainsKey(key))
                        {
                            Assert.Same(map, removed);
                        }

                        var without = new Dictionary<Key, int>(expected);
                        without.Remove(key);
                        versions.Add((removed, without));
                    }

                    Matches(versions[^1].Expected, versions[^1].Map);
                }

                foreach ((PersistentMap<Key, int> map, Dictionary<Key, int> expected) in versions)
                {
                    Matches(expected, map);
                }
            }));
    }

    private static void Matches(Dictionary<Key, int> expected, PersistentMap<Key, int> map)
    {
        Assert.Equal(expected.Count, map.Count);
        Assert.Equal(expected.Count == 0, map.IsEmpty);
        Assert.Equal(expected.Count, map.Keys.Count());
        Assert.Equal(expected, map.ToDictionary());
        Assert.Equal(expected.Keys.ToHashSet(), map.Keys.ToHashSet());
        Assert.Equal(expected.Values.Order(), map.Values.Order());
        foreach (KeyValuePair<Key, int> pair in expected)
        {
            Assert.True(map.ContainsKey(pair.Key));
            Assert.Equal(pair.Value, map[pair.Key]);
        }

        for (int id = 0; id < 64; id++)
        {
            var key = new Key(id, Hashes[id % Hashes.Length]);
            Assert.Equal(expected.ContainsKey(key), map.ContainsKey(key));
        }
    }

    /// <summary>A key whose hash the test chooses: keys with equal hashes differ by <see cref="Id"/>.</summary>
    private readonly record struct Key(int Id, int Hash)
    {
        public bool Equals(Key other) => Id == other.Id && Hash == other.Hash;

        public override int GetHashCode() => Hash;
    }
}
