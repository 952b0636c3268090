using System;
using System.Globalization;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Membership;
using AgencyConnects.Domain.Values;
using BenchmarkDotNet.Attributes;
using NodaTime;

namespace AgencyConnects.Domain.Benchmarks;

/// <summary>
/// The month end of stored accounts, from snapshots to snapshots and events: <see cref="MonthEndChunk"/> over a chunk,
/// against loading, closing and snapshotting each account on its own (the baseline). Small agencies, as most are: an
/// owner and, on Plus, up to four members and up to three lots, anchors over the month.
/// </summary>
[MemoryDiagnoser]
public class MonthEndChunkBenchmarks
{
    private AccountSnapshot[] _snapshots = [];
    private Instant _at;

    /// <summary>How many accounts the chunk holds.</summary>
    [Params(1_000)]
    public int Accounts { get; set; }

    /// <summary>Builds the agencies through the public operations, each opened on a different day of one month.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20261201);
        PersonId owner = BenchmarkAgencies.Owner;
        _snapshots = new AccountSnapshot[Accounts];
        for (int i = 0; i < Accounts; i++)
        {
            Instant at = BenchmarkAgencies.Start.Plus(Duration.FromMinutes(random.Next(28 * 24 * 60)));
            AgencyId id = AgencyId.Create("agency-" + i.ToString(CultureInfo.InvariantCulture)).AsT0;
            AgencyAccount agency = AgencyAccount.Create(id, owner, at, AgencyDirectory.Empty).AsT0.Account;
            if (random.Next(10) < 8)
            {
                agency = agency.UpgradeToPlus(owner, at).AsT0.Account;
                for (int lot = random.Next(3); lot > 0; lot--)
                {
                    at = at.Plus(Duration.FromHours(1));
                    agency = agency.BuyConnects(owner, Connects.Create(40).AsT0, RequestKey.Create($"buy-{i}-{lot}").AsT0, at).AsT0.Account;
                }

                for (int member = random.Next(5); member > 0; member--)
                {
                    at = at.Plus(Duration.FromMinutes(1));
                    agency = agency.AddMember(owner, PersonId.Create($"m-{i}-{member}").AsT0, Permissions.Freelancer, MembershipKind.NonExclusive, at, AgencyDirectory.Empty).AsT0.Account;
                }
            }

            _snapshots[i] = agency.ToSnapshot();
        }

        // Every account's first period has ended: each closes one period.
        _at = BenchmarkAgencies.Start.Plus(Duration.FromDays(35));

        // Both ways must do the same work.
        if (OneByOne() is int one && Chunk() is int chunk && one != chunk)
        {
            throw new InvalidOperationException($"One by one gave {one} events, the chunk {chunk}.");
        }
    }

    /// <summary>Each account on its own: load from the snapshot, close, take the snapshot; the events are the close's.</summary>
    [Benchmark(Baseline = true)]
    public int OneByOne()
    {
        int events = 0;
        foreach (AccountSnapshot snapshot in _snapshots)
        {
            Updated<AgencyAccount> closed = AgencyAccount.Load(snapshot, []).AsT0.CloseElapsedPeriods(_at).AsT0;
            events += closed.Events.Length + (closed.Account.ToSnapshot().Version > 0 ? 0 : 1);
        }

        return events;
    }

    /// <summary>The chunk: one batch close, then every account's snapshot and events.</summary>
    [Benchmark]
    public int Chunk()
    {
        MonthEndChunk chunk = MonthEndChunk.Close(_at, _snapshots);
        int events = 0;
        for (int i = 0; i < chunk.Count; i++)
        {
            MonthEndClosed closed = chunk.Result(i).AsT0;
            events += closed.Events.Count + (closed.Snapshot.Version > 0 ? 0 : 1);
        }

        return events;
    }
}
