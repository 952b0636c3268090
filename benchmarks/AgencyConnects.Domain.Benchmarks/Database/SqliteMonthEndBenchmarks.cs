using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Threading.Tasks;
using AgencyConnects.SampleHost.MonthEnd;
using AgencyConnects.SampleHost.Storage.Sqlite;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.Data.Sqlite;
using NodaTime;

namespace AgencyConnects.Domain.Benchmarks.Database;

/// <summary>
/// The sample host's month-end job on its embedded default, SQLite (one writer: one worker). Outside the timing the
/// <see cref="Seeder"/> seeds a database file once per account count (kept in the temporary folder between runs), and each
/// iteration runs on a fresh copy of the file; the job is what is timed.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 3)]
[Config(typeof(DatabaseBenchmarkConfig))]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "Each iteration's database is disposed by its cleanup.")]
public class SqliteMonthEndBenchmarks
{
    private static readonly Instant s_at = Seeder.DemoAt;

    private string _seeded = string.Empty;
    private string _run = string.Empty;
    private long _due;
    private SqliteDatabase? _database;
    private long _residentBefore;
    private int _iteration;

    /// <summary>Agencies seeded.</summary>
    [ParamsSource(nameof(AccountCounts))]
    public int Accounts { get; set; }

    /// <summary>100,000 and 1,000,000, or <c>AGENCYCONNECTS_BENCH_ACCOUNTS</c>.</summary>
    public static IEnumerable<int> AccountCounts() => BenchmarkDatabases.AccountCounts();

    /// <summary>Seeds the database file unless it is there.</summary>
    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    /// <summary>A fresh copy of the seeded file.</summary>
    [IterationSetup]
    public void IterationSetup()
    {
        DeleteRun();
        File.Copy(_seeded, _run);
        _database = new SqliteDatabase($"Data Source={_run}");
        _residentBefore = BenchmarkDatabases.ResetPeakWorkingSet();
    }

    /// <summary>Records the peak working set and removes the copy.</summary>
    [IterationCleanup]
    public void IterationCleanup()
    {
        BenchmarkDatabases.RecordPeakWorkingSet($"{nameof(SqliteMonthEndBenchmarks)}.{nameof(Job)}", Accounts, _residentBefore, _iteration++ == 0);
        _database!.DisposeAsync().AsTask().GetAwaiter().GetResult();
        DeleteRun();
    }

    /// <summary>The month-end job, one worker, chunks of 1,000 (its default).</summary>
    [Benchmark]
    public long Job()
    {
        MonthEndSummary summary = MonthEndJob.RunAsync(_database!, new MonthEndOptions { At = s_at, Workers = 1 }).GetAwaiter().GetResult();
        return summary.Closed == _due && summary.StillDue == 0
            ? summary.Closed
            : throw new InvalidOperationException($"The job closed {summary.Closed} of {_due} due accounts: {summary.ToLogLine()}");
    }

    private async Task SetupAsync()
    {
        string folder = Path.Combine(BenchmarkDatabases.Folder, string.Create(CultureInfo.InvariantCulture, $"sqlite-{Accounts}-{BenchmarkDatabases.SeedIdentity}"));
        Directory.CreateDirectory(folder);
        _seeded = Path.Combine(folder, "seeded.db");
        _run = Path.Combine(folder, "run.db");
        string ready = Path.Combine(folder, "ready");
        if (File.Exists(ready))
        {
            _due = long.Parse(await File.ReadAllTextAsync(ready).ConfigureAwait(false), CultureInfo.InvariantCulture);
            return;
        }

        foreach (string file in new[] { _seeded, _seeded + "-wal", _seeded + "-shm" })
        {
            File.Delete(file);
        }

        SeedSummary summary;
        await using (var database = new SqliteDatabase($"Data Source={_seeded}"))
        {
            summary = await Seeder.SeedAsync(database, Accounts).ConfigureAwait(false);
        }

        // One file, no write-ahead log beside it: what a copy takes whole.
        await using (var connection = new SqliteConnection($"Data Source={_seeded};Pooling=False"))
        {
            await connection.OpenAsync().ConfigureAwait(false);
            await using SqliteCommand checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE); ANALYZE;";
            await checkpoint.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        SqliteConnection.ClearAllPools();
        _due = summary.Due;
        await File.WriteAllTextAsync(ready, _due.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"// seeded {summary.Agencies} agencies into SQLite in {summary.Elapsed.TotalSeconds:F1} s, {summary.Due} due"));
    }

    private void DeleteRun()
    {
        foreach (string file in new[] { _run, _run + "-wal", _run + "-shm" })
        {
            File.Delete(file);
        }
    }
}
