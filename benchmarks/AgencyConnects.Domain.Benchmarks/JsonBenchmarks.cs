using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Json;
using BenchmarkDotNet.Attributes;

namespace AgencyConnects.Domain.Benchmarks;

/// <summary>
/// Writing and reading 100,000 typical events as JSON (<see cref="TypicalHistory"/>), against replaying the same events
/// in memory (the baseline): the target is that reading and replaying JSON costs at most twice the replay alone.
/// </summary>
[MemoryDiagnoser]
public class JsonBenchmarks
{
    private readonly AccountEventJson _json = AccountEventJson.Default;
    private List<AccountEvent> _events = [];
    private byte[] _lines = [];
    private byte[][] _rows = [];

    /// <summary>How many events.</summary>
    [Params(100_000)]
    public int Events { get; set; }

    /// <summary>Records the history once, and its JSON.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _events = TypicalHistory.Events(Events);
        _lines = _json.WriteLines(_events);
        _rows = [.. _events.ConvertAll(_json.WriteUtf8)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"// JSON: {Events} events, {_lines.Length} bytes as NDJSON, {(double)_lines.Length / Events:F1} bytes per event (newline included)"));
    }

    /// <summary>Replays the events from memory: the baseline.</summary>
    [Benchmark(Baseline = true)]
    public AgencyAccount ReplayInMemory() => AgencyAccount.Replay(_events);

    /// <summary>Writes every event, one call and one byte array each (a row per event).</summary>
    [Benchmark]
    public int WriteEachEvent()
    {
        int bytes = 0;
        foreach (AccountEvent accountEvent in _events)
        {
            bytes += _json.WriteUtf8(accountEvent).Length;
        }

        return bytes;
    }

    /// <summary>Writes every event as one newline-delimited batch.</summary>
    [Benchmark]
    public byte[] WriteLines() => _json.WriteLines(_events);

    /// <summary>Reads every event, one call each (a row per event).</summary>
    [Benchmark]
    public int ReadEachEvent()
    {
        int read = 0;
        foreach (byte[] row in _rows)
        {
            read += _json.Read(row).IsT0 ? 1 : 0;
        }

        return read;
    }

    /// <summary>Reads every event from one newline-delimited batch.</summary>
    [Benchmark]
    public ImmutableArray<AccountEvent> ReadLines() => _json.ReadLines(_lines).AsT0;

    /// <summary>Reads the batch, then replays the events read: what loading an account from JSON costs, all events held at once.</summary>
    [Benchmark]
    public AgencyAccount ReadLinesAndReplay() => AgencyAccount.Replay(_json.ReadLines(_lines).AsT0);

    /// <summary>Replays the events as they are read from a stream of lines, as a host reading its storage would: no list of events is held.</summary>
    [Benchmark]
    public AgencyAccount ReadEachLineAndReplay()
    {
        using var stream = new MemoryStream(_lines, writable: false);
        return AgencyAccount.Replay(_json.ReadEachLine(stream).Select(result => result.AsT0));
    }
}
