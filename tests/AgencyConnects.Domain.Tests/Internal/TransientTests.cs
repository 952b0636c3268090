using System;
using System.Collections.Generic;
using System.Linq;
using AgencyConnects.Domain.Internal;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;
using Xunit;

namespace AgencyConnects.Domain.Tests.Internal;

/// <summary>
/// The transient side of the persistent structures (an <see cref="EditToken"/> lets a builder change in place what it
/// owns): over random operation sequences they match plain collections, and every version handed out when a token is
/// dropped stays as it was however the next token changes the structure after it.
/// </summary>
public class TransientTests
{
    // Hashes that collide outright, share every slot but the last level's, or part at one level only (as PersistentMapTests).
    private static readonly int[] Hashes =
    [
        0, 1, 31, 32, 1 << 10, 1 << 25, 1 << 30, int.MinValue, int.MinValue | (1 << 30), -1, int.MaxValue,
        0x55555555, 0x2AAAAAAA, 0x12345678, 0x12345679, 0x02345678,
    ];

    private static Config Runs(int quick) => Config.QuickThrowOnFailure.WithMaxTest(PropertyRuns.Or(quick));

    private static Gen<List<(int Op, int Id, int Value)>> Steps(int ids, int length)
        => Gen.Choose(0, length).SelectMany(n => Gen.ListOf(
            from op in Gen.Choose(0, 19)
            from id in Gen.Choose(0, ids - 1)
            from value in Gen.Choose(-50, 50)
            select (op, id, value)).Select(steps => steps.Take(n).ToList()));

    [Fact]
    public void A_transient_map_matches_a_dictionary_and_the_versions_it_handed_out_never_change()
        => Check.One(Runs(300), Prop.ForAll(Arb.From(Steps(96, 400)), steps =>
        {
            var edit = new EditToken();
            PersistentMap<Key, int> map = PersistentMap<Key, int>.Empty;
            var expected = new Dictionary<Key, int>();
            var frozen = new List<(PersistentMap<Key, int> Map, Dictionary<Key, int> Expected)>();
            foreach ((int op, int id, int value) in steps)
            {
                var key = new Key(id, Hashes[id % Hashes.Length]);
                switch (op)
                {
                    case < 7:
                        map = map.SetItem(key, value, edit);
                        expected[key] = value;
                        break;
                    case < 10:
                        if (expected.TryAdd(key, value))
                        {
                            map = map.Add(key, value, edit);
                        }
                        else
                        {
                            PersistentMap<Key, int> current = map;
                            Assert.Throws<ArgumentException>(() => current.Add(key, value, edit));
                        }

                        break;
                    case < 12:
                        map = map.TryAdd(key, value, edit, out bool added);
                        Assert.Equal(expected.TryAdd(key, value), added);
                        break;
                    case < 17:
                        map = map.Remove(key, edit);
                        expected.Remove(key);
                        break;
                    case 17:
                        // Hand the version out: the token is dropped, a new one takes over.
                        frozen.Add((map, new Dictionary<Key, int>(expected)));
                        edit = new EditToken();
                        break;
                    case 18:
                        // A change without a token, on the newest version, as a live operation after a replay makes.
                        frozen.Add((map, new Dictionary<Key, int>(expected)));
                        map = map.SetItem(key, value);
                        expected[key] = value;
                        edit = new EditToken();
                        break;
                    default:
                        Assert.Equal(expected.TryGetValue(key, out int found), map.TryGetValue(key, out int actual));
                        Assert.Equal(found, actual);
                        break;
                }

                Assert.Equal(expected.Count, map.Count);
            }

            Matches(expected, map);
            foreach ((PersistentMap<Key, int> version, Dictionary<Key, int> then) in frozen)
            {
                Matches(then, version);
            }
        }));

    /// <summary>
    /// A map of a thousand keys and more, as a builder's maps grow during a replay, with well-spread hashes (and a few
    /// that collide outright or part only at the last level): its nodes are many and dense, so a builder expands them,
    /// and every step (fresh keys in, the oldest out, random sets, adds and removes) is checked against a dictionary.
    /// The versions handed out on the way must never change, whatever the next token or a change without a token does
    /// after them, and a change without a token to such a version must copy its expanded nodes compressed.
    /// </summary>
    [Fact]
    public void A_large_churning_transient_map_matches_a_dictionary_and_the_versions_it_handed_out_never_change()
        => Check.One(Runs(8), Prop.ForAll(Arb.From(ChurnPlans()), plan =>
        {
            (int fill, (int Op, int Pick, int Value)[] steps) = plan;
            var edit = new EditToken();
            PersistentMap<Key, int> map = PersistentMap<Key, int>.Empty;
            var expected = new Dictionary<Key, int>();
            var arrived = new Queue<Key>();
            var frozen = new List<(PersistentMap<Key, int> Map, Dictionary<Key, int> Expected)>();
            int next = 0;
            for (; next < fill; next++)
            {
                map = map.Add(Spread(next), next, edit);
                expected.Add(Spread(next), next);
                arrived.Enqueue(Spread(next));
            }

            Same(expected, map, lookups: true);
            Assert.True(map.CountExpandedNodes() > 0, "a builder's large map has expanded nodes");
            int aside = -1;
            bool written = true; // whether the map changed under the current token
            foreach ((int op, int pick, int value) in steps)
            {
                Key key = Spread(pick % next); // a key added before, present or removed since
                switch (op)
                {
                    case < 30:
                        // A fresh key, as each event brings one.
                        key = Spread(next++);
                        if (op % 3 == 0)
                        {
                            map = map.Add(key, value, edit);
                        }
                        else if (op % 3 == 1)
                        {
                            map = map.SetItem(key, value, edit);
                        }
                        else
                        {
                            map = map.TryAdd(key, value, edit, out bool added);
                            Assert.True(added);
                        }

                        expected.Add(key, value);
                        written = true;
                        arrived.Enqueue(key);
                        break;
                    case < 58:
                        // The oldest key goes (it may have gone already), as retention drops it.
                        if (arrived.TryDequeue(out Key oldest))
                        {
                            key = oldest;
                            map = map.Remove(key, edit);
                            written |= expected.Remove(key);
                        }

                        break;
                    case < 70:
                        map = map.SetItem(key, value, edit);
                        expected[key] = value;
                        written = true;
                        break;
                    case < 78:
                        map = map.Remove(key, edit);
                        written |= expected.Remove(key);
                        break;
                    case < 83:
                        if (expected.ContainsKey(key))
                        {
                            PersistentMap<Key, int> current = map;
                            Assert.Throws<ArgumentException>(() => current.Add(key, value, edit));
                            Assert.Same(map, map.TryAdd(key, value, edit, out bool added));
                            Assert.False(added);
                        }

                        break;
                    case < 96:
                        Assert.Equal(expected.TryGetValue(key, out int found), map.TryGetValue(key, out int actual));
                        Assert.Equal(found, actual);
                        break;
                    case < 98:
                        // Hand the version out; changes without a token to it make other versions, checked as they are made.
                        frozen.Add((map, new Dictionary<Key, int>(expected)));
                        edit = new EditToken();
                        Key gone = Spread(pick % next / 2);
                        int expandedBefore = map.CountExpandedNodes();
                        PersistentMap<Key, int> changed = map.SetItem(key, value).Remove(gone).Add(Spread(aside), value);
                        var then = new Dictionary<Key, int>(expected) { [key] = value };
                        then.Remove(gone);
                        then.Add(Spread(aside--), value);
                        Same(then, changed, lookups: true);

                        // The root, copied under the token since it last changed, is expanded; without a token it is copied compressed.
                        int expandedAfter = changed.CountExpandedNodes();
                        Assert.True(written ? expandedAfter < expandedBefore : expandedAfter <= expandedBefore, "a change without a token copies expanded nodes compressed");
                        frozen.Add((changed, then));
                        written = false;
                        break;

                    default:
                        // A change without a token to the newest version, as a live operation after a replay makes.
                        frozen.Add((map, new Dictionary<Key, int>(expected)));
                        map = map.SetItem(key, value);
                        expected[key] = value;
                        edit = new EditToken();
                        written = false;
                        break;
                }

                Assert.Equal(expected.Count, map.Count);
                Assert.Equal(expected.TryGetValue(key, out int now), map.TryGetValue(key, out int got));
                Assert.Equal(now, got);
                Same(expected, map);
            }

            Same(expected, map, lookups: true);
            foreach ((PersistentMap<Key, int> version, Dictionary<Key, int> then) in frozen)
            {
                Same(then, version, lookups: true);
            }
        }));

    [Fact]
    public void A_transient_retained_map_matches_the_persistent_one_and_a_model()
        => Check.One(Runs(300), Prop.ForAll(Arb.From(Steps(80, 300)), steps =>
        {
            Instant start = Instant.FromUtc(2026, 1, 1, 0, 0);
            Duration retention = Duration.FromMinutes(30);
            var edit = new EditToken();
            RetainedMap<int, int> transient = RetainedMap<int, int>.Empty;
            RetainedMap<int, int> persistent = RetainedMap<int, int>.Empty;
            var model = new List<(int Key, int Value, Instant Until)>();
            var frozen = new List<(RetainedMap<int, int> Map, List<(int, int, Instant)> Entries)>();
            Instant now = start;
            foreach ((int op, int id, int value) in steps)
            {
                now = now.Plus(Duration.FromMinutes(Math.Abs(value) % 4));
                if (op < 11)
                {
                    transient = transient.Add(id, value, now + retention, edit);
                    persistent = persistent.Add(id, value, now + retention);
                    if (!model.Exists(entry => entry.Key == id))
                    {
                        model.Add((id, value, now + retention));
                    }
                }
                else if (op < 18)
                {
                    transient = transient.Prune(now, edit);
                    persistent = persistent.Prune(now);
                    model.RemoveAll(entry => entry.Until <= now);
                }
                else
                {
                    frozen.Add((transient, [.. model]));
                    edit = new EditToken();
                }

                Assert.Equal(model, transient.Entries.ToList());
                Assert.Equal(model, persistent.Entries.ToList());
                Assert.Equal(model.Count, transient.Count);
                Assert.Equal(model.Exists(entry => entry.Key == id && now < entry.Until), transient.TryGetValue(id, now, out _));
                Assert.Equal(transient.Contains(id), persistent.Contains(id));
            }

            foreach ((RetainedMap<int, int> version, List<(int, int, Instant)> then) in frozen)
            {
                Assert.Equal(then, version.Entries.ToList());
                Assert.Equal(then.Count, version.Count);
            }
        }));

    [Fact]
    public void A_long_run_of_a_retained_map_reuses_its_chunks_and_never_changes_a_version_it_handed_out()
        => Check.One(Runs(40), Prop.ForAll(Arb.From(Gen.Choose(0, 3_000).SelectMany(n => Gen.ArrayOf(Gen.Choose(0, 99)).Select(ops => (n, ops)))), run =>
        {
            // Thousands of adds and prunes (a window of 40 to 200 entries), so chunks are dropped, used again and the
            // array of chunks fills its holes; versions are handed out at random, then changed by a new token and
            // without one, and must stay as they were.
            (int steps, int[] dice) = run;
            Instant start = Instant.FromUtc(2026, 1, 1, 0, 0);
            Duration retention = Duration.FromMinutes(100);
            var edit = new EditToken();
            RetainedMap<int, int> map = RetainedMap<int, int>.Empty;
            var model = new List<(int Key, int Value, Instant Until)>();
            var frozen = new List<(RetainedMap<int, int> Map, List<(int, int, Instant)> Entries)>();
            Instant now = start;
            for (int step = 0; step < steps; step++)
            {
                int die = dice.Length == 0 ? step % 100 : dice[step % dice.Length];
                now = now.Plus(Duration.FromMinutes(die % 3));
                int key = (step * 7) + (die % 5); // mostly new keys, now and then one still kept
                map = map.Add(key, step, now + retention, edit);
                if (!model.Exists(entry => entry.Key == key))
                {
                    model.Add((key, step, now + retention));
                }

                if (die < 60)
                {
                    map = map.Prune(now, edit);
                    model.RemoveAll(entry => entry.Until <= now);
                }

                if (die >= 98)
                {
                    frozen.Add((map, [.. model]));
                    edit = new EditToken();
                    RetainedMap<int, int> changed = map.Add(-step - 1, 0, now + retention).Prune(now + Duration.FromMinutes(50));
                    Assert.DoesNotContain(changed.Entries, entry => entry.Until <= now + Duration.FromMinutes(50));

                    // The new token's first change drops entries (often a whole chunk) before it adds any.
                    now = now.Plus(Duration.FromMinutes(step % 60));
                    map = map.Prune(now, edit);
                    model.RemoveAll(entry => entry.Until <= now);
                }
            }

            map = map.Prune(now, edit);
            model.RemoveAll(entry => entry.Until <= now);
            Assert.Equal(model, map.Entries.ToList());
            Assert.Equal(model.Count, map.Count);
            foreach ((int key, int value, Instant until) in model)
            {
                Assert.True(map.TryGetValue(key, now, out int found));
                Assert.Equal(value, found);
                Assert.False(map.TryGetValue(key, until, out _));
            }

            foreach ((RetainedMap<int, int> version, List<(int, int, Instant)> then) in frozen)
            {
                Assert.Equal(then, version.Entries.ToList());
                Assert.Equal(then.Count, version.Count);
            }
        }));

    [Fact]
    public void A_transient_ordered_map_keeps_the_order_keys_were_first_added()
        => Check.One(Runs(300), Prop.ForAll(Arb.From(Steps(40, 200)), steps =>
        {
            var edit = new EditToken();
            OrderedMap<int, int> map = OrderedMap<int, int>.Empty;
            var model = new List<KeyValuePair<int, int>>();
            var frozen = new List<(OrderedMap<int, int> Map, List<KeyValuePair<int, int>> Entries)>();
            foreach ((int op, int id, int value) in steps)
            {
                int index = model.FindIndex(pair => pair.Key == id);
                if (op < 8 && index < 0)
                {
                    map = map.Add(id, value, op < 4 ? edit : null);
                    model.Add(new(id, value));
                }
                else if (op < 12)
                {
                    map = map.SetItem(id, value, edit);
                    if (index < 0)
                    {
                        model.Add(new(id, value));
                    }
                    else
                    {
                        model[index] = new(id, value);
                    }
                }
                else if (op < 17)
                {
                    map = map.Remove(id, edit);
                    model.RemoveAll(pair => pair.Key == id);
                }
                else
                {
                    frozen.Add((map, [.. model]));
                    edit = new EditToken();
                }

                Assert.Equal(model, map.ToList());
                Assert.Equal(model.Select(pair => pair.Key), map.Keys);
                Assert.Equal(model.Select(pair => pair.Value), map.Values);
                Assert.Equal(model.Count, map.Count);
            }

            foreach ((OrderedMap<int, int> version, List<KeyValuePair<int, int>> then) in frozen)
            {
                Assert.Equal(then, version.ToList());
            }
        }));

    /// <summary>A fill of a thousand keys and more, then a run of churning steps (an operation, a key to pick, a value).</summary>
    private static Gen<(int Fill, (int Op, int Pick, int Value)[] Steps)> ChurnPlans()
        => from fill in Gen.Choose(1000, 2500)
           from length in Gen.Choose(300, 1200)
           from steps in Gen.ArrayOf(
               from op in Gen.Choose(0, 99)
               from pick in Gen.Choose(0, int.MaxValue)
               from value in Gen.Choose(-1000, 1000)
               select (op, pick, value),
               length)
           select (fill, steps);

    /// <summary>
    /// The key of <paramref name="id"/>, its hash spread over every level; one id in 37 collides outright with the
    /// id before it, and one in 41 shares every slot with it but the last level's.
    /// </summary>
    private static Key Spread(int id)
    {
        static int Mix(int id)
        {
            uint hash = unchecked((uint)id * 0x9E3779B1u);
            hash ^= hash >> 15;
            hash = unchecked(hash * 0x85EBCA6Bu);
            return unchecked((int)(hash ^ (hash >> 13)));
        }

        return id switch
        {
            > 0 when id % 37 == 0 => new Key(id, Mix(id - 1)),
            > 0 when id % 41 == 0 => new Key(id, Mix(id - 1) ^ (1 << 30)),
            _ => new Key(id, Mix(id)),
        };
    }

    /// <summary>The map holds what the dictionary holds: its count, its entries enumerated as a set (each once), and with <paramref name="lookups"/> each key's value looked up.</summary>
    private static void Same(Dictionary<Key, int> expected, PersistentMap<Key, int> map, bool lookups = false)
    {
        Assert.Equal(expected.Count, map.Count);
        var seen = new HashSet<Key>();
        foreach (KeyValuePair<Key, int> pair in map)
        {
            Assert.True(seen.Add(pair.Key), "each key is enumerated once");
            Assert.True(expected.TryGetValue(pair.Key, out int value) && value == pair.Value, "an enumerated entry is expected");
        }

        Assert.Equal(expected.Count, seen.Count);
        foreach (KeyValuePair<Key, int> pair in lookups ? expected : [])
        {
            Assert.True(map.TryGetValue(pair.Key, out int value) && value == pair.Value, "a key's value is found");
        }
    }

    private static void Matches(Dictionary<Key, int> expected, PersistentMap<Key, int> map)
    {
        Assert.Equal(expected.Count, map.Count);
        Assert.Equal(expected, map.ToDictionary());
        foreach (KeyValuePair<Key, int> pair in expected)
        {
            Assert.Equal(pair.Value, map[pair.Key]);
        }

        for (int id = 0; id < 96; id++)
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
