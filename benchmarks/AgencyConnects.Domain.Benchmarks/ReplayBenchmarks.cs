using System.Collections.Generic;
using AgencyConnects.Domain.Accounts;
using BenchmarkDotNet.Attributes;

namespace AgencyConnects.Domain.Benchmarks;

/// <summary>Rebuilding an agency from its events (median and minimum shown too: on a shared machine the mean moves with the load).</summary>
[MemoryDiagnoser]
[MedianColumn]
[MinColumn]
public class ReplayBenchmarks
{
    private List<AccountEvent> _events = [];

    /// <summary>How many events to replay.</summary>
    [Params(1_000_000)]
    public int Events { get; set; }

    /// <summary>Records the history once, through the public operations.</summary>
    [GlobalSetup]
    public void Setup()
    {
        // Each round of history adds one or two events per ledger entry; ask for enough entries, then trim.
        List<AccountEvent> events = BenchmarkAgencies.WithHistory(Events).Events;
        _events = events.GetRange(0, Events);
    }

    /// <summary>Replays every event from empty.</summary>
    [Benchmark]
    public AgencyAccount Replay() => AgencyAccount.Replay(_events);
}
