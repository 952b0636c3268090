using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using AgencyConnects.SampleHost.MonthEnd;
using AgencyConnects.SampleHost.Storage.Postgres;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using NodaTime;
using Npgsql;
using NpgsqlTypes;

namespace AgencyConnects.Domain.Benchmarks.Database;

/// <summary>
/// The month end over PostgreSQL (issue #17): the sample host's job against the least a database can do and against the
/// job's own write set written by bulk SQL alone. Needs <c>AGENCYCONNECTS_POSTGRES</c> (a connection string).
/// </summary>
/// <remarks>
/// <para>Outside the timing: the sample host's <see cref="Seeder"/> seeds a template database once per account count
/// (kept on the server between runs); each iteration runs on a fresh file copy of it (<c>CREATE DATABASE … TEMPLATE</c>),
/// so every iteration closes the same due accounts on the same physical tables, with the server's caches as the copy
/// leaves them. <see cref="SqlBulk"/>'s rows are computed before the runs (<see cref="PreparedWriteSet"/>).</para>
/// <para>Timed: only the method's database work on its copy, and for <see cref="Job"/> the whole job in this process.</para>
/// </remarks>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 3)]
[Config(typeof(DatabaseBenchmarkConfig))]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "Each iteration's connections are disposed by its cleanup.")]
public class DatabaseMonthEndBenchmarks
{
    private const string Staging = """
        CREATE TEMP TABLE bulk_accounts (
            stream_id text NOT NULL, from_version bigint NOT NULL, to_version bigint NOT NULL, period_end timestamptz NULL, body json NULL
        ) ON COMMIT DROP;
        CREATE TEMP TABLE bulk_events (
            stream_id text NOT NULL, version bigint NOT NULL, type text NOT NULL, body json NOT NULL, at timestamptz NOT NULL
        ) ON COMMIT DROP;
        CREATE TEMP TABLE bulk_ledger (
            stream_id text NOT NULL, position bigint NOT NULL, kind text NOT NULL, quantity integer NOT NULL, delta bigint NOT NULL,
            at timestamptz NOT NULL, actor_id text NULL, proposal_id text NULL, member_id text NULL, is_boost boolean NOT NULL, submitter_id text NULL
        ) ON COMMIT DROP;
        """;

    private static readonly Instant s_at = Seeder.DemoAt;

    private string _server = string.Empty;
    private string _template = string.Empty;
    private string _run = string.Empty;
    private long _due;
    private PreparedWriteSet? _prepared;
    private PostgresDatabase? _database;
    private NpgsqlConnection? _connection;
    private string _ran = string.Empty;
    private long _residentBefore;
    private int _iteration;

    /// <summary>Agencies seeded (about 98 % of them due: the rest are closed agencies).</summary>
    [ParamsSource(nameof(AccountCounts))]
    public int Accounts { get; set; }

    /// <summary>100,000 and 1,000,000, or <c>AGENCYCONNECTS_BENCH_ACCOUNTS</c>.</summary>
    public static IEnumerable<int> AccountCounts() => BenchmarkDatabases.AccountCounts();

    /// <summary>Seeds the template unless the server has it.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _server = BenchmarkDatabases.PostgresConnectionString();
        _template = PostgresBenchmarkDatabase.TemplateName(Accounts);
        _run = _template + "_run";
        _due = PostgresBenchmarkDatabase.EnsureTemplateAsync(_server, Accounts).GetAwaiter().GetResult();
    }

    /// <summary>Seeds the template unless the server has it, and computes the write set unless it is on disk.</summary>
    [GlobalSetup(Target = nameof(SqlBulk))]
    public void SetupBulk()
    {
        Setup();
        _prepared = PreparedWriteSet.EnsureAsync(_server, _template, Accounts, s_at).GetAwaiter().GetResult();
        if (_prepared.Accounts != _due)
        {
            throw new InvalidOperationException($"The prepared write set has {_prepared.Accounts} accounts, the template {_due} due.");
        }
    }

    /// <summary>A fresh copy of the template, and a connection to it for the SQL methods (the job opens its own).</summary>
    [IterationSetup]
    public void IterationSetup()
    {
        PostgresBenchmarkDatabase.RecreateAsync(_server, _run, _template).GetAwaiter().GetResult();
        _database = new PostgresDatabase(PostgresBenchmarkDatabase.ConnectionString(_server, _run, pooling: true));
        _connection = new NpgsqlConnection(PostgresBenchmarkDatabase.ConnectionString(_server, _run));
        _connection.Open();
        _residentBefore = BenchmarkDatabases.ResetPeakWorkingSet();
    }

    /// <summary>Records the peak working set, checks nothing is left due (but for the floor), drops the copy.</summary>
    [IterationCleanup]
    public void IterationCleanup()
    {
        BenchmarkDatabases.RecordPeakWorkingSet($"{nameof(DatabaseMonthEndBenchmarks)}.{_ran}", Accounts, _residentBefore, _iteration++ == 0);
        if (_ran != nameof(SqlFloor))
        {
            using var left = new NpgsqlCommand("SELECT count(*) FROM snapshots WHERE period_end <= @at", _connection);
            left.Parameters.Add(new NpgsqlParameter("at", NpgsqlDbType.TimestampTz) { Value = s_at.ToDateTimeUtc() });
            long stillDue = (long)left.ExecuteScalar()!;
            if (stillDue != 0)
            {
                throw new InvalidOperationException($"{_ran} left {stillDue} accounts due.");
            }
        }

        _connection!.Dispose();
        _database!.DisposeAsync().AsTask().GetAwaiter().GetResult();
        PostgresBenchmarkDatabase.DropAsync(_server, _run).GetAwaiter().GetResult();
    }

    /// <summary>
    /// The floor: one statement that does only the Classic rollover arithmetic of the due accounts and writes it back
    /// into their snapshot rows (<c>balance</c>: Agency Plus keeps at most 160 and gets 80; a Basic balance is written
    /// back as it is). It writes a new version of every due snapshot row, as the job does, and nothing else.
    /// </summary>
    [Benchmark(Baseline = true)]
    public long SqlFloor()
    {
        _ran = nameof(SqlFloor);
        using var floor = new NpgsqlCommand(
            "UPDATE snapshots SET balance = CASE WHEN plus THEN least(balance, 160) + 80 ELSE balance END WHERE period_end <= @at", _connection);
        floor.Parameters.Add(new NpgsqlParameter("at", NpgsqlDbType.TimestampTz) { Value = s_at.ToDateTimeUtc() });
        long updated = floor.ExecuteNonQuery();
        return updated == _due ? updated : throw new InvalidOperationException($"The floor updated {updated} rows, not {_due}.");
    }

    /// <summary>
    /// The job's write set by bulk SQL alone, in one transaction: the prepared rows streamed as they are by binary
    /// <c>COPY</c> into three temporary staging tables (analyzed), then the streams' versions (conditional on the version
    /// read, as the job's), the snapshots (body, version, period end), the events and the ledger rows, set-based.
    /// </summary>
    [Benchmark]
    public long SqlBulk() => SqlBulkAsync().GetAwaiter().GetResult();

    /// <summary>The sample host's month-end job, one worker, chunks of 1,000 (its default).</summary>
    [Benchmark]
    public long Job() => RunJob(nameof(Job), 1);

    /// <summary>The sample host's month-end job, two workers (this machine's cores), chunks of 1,000.</summary>
    [Benchmark]
    public long JobParallel() => RunJob(nameof(JobParallel), 2);

    private long RunJob(string name, int workers)
    {
        _ran = name;
        MonthEndSummary summary = MonthEndJob.RunAsync(_database!, new MonthEndOptions { At = s_at, Workers = workers }).GetAwaiter().GetResult();
        long done = summary.Closed + summary.Skipped.GetValueOrDefault("AgencyIsClosed");
        return done == _due && summary.StillDue == 0
            ? summary.Closed
            : throw new InvalidOperationException($"The job closed {summary.Closed} of {_due} due accounts: {summary.ToLogLine()}");
    }

    private async Task<long> SqlBulkAsync()
    {
        _ran = nameof(SqlBulk);
        PreparedWriteSet prepared = _prepared!;
        NpgsqlConnection connection = _connection!;
        await using NpgsqlTransaction transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
        await ExecuteAsync(connection, Staging).ConfigureAwait(false);
        await CopyAsync(connection, "COPY bulk_accounts (stream_id, from_version, to_version, period_end, body) FROM STDIN (FORMAT BINARY)", prepared.AccountsFile)
            .ConfigureAwait(false);
        await CopyAsync(connection, "COPY bulk_events (stream_id, version, type, body, at) FROM STDIN (FORMAT BINARY)", prepared.EventsFile).ConfigureAwait(false);
        await CopyAsync(
            connection,
            "COPY bulk_ledger (stream_id, position, kind, quantity, delta, at, actor_id, proposal_id, member_id, is_boost, submitter_id) FROM STDIN (FORMAT BINARY)",
            prepared.LedgerFile).ConfigureAwait(false);
        await ExecuteAsync(connection, "ANALYZE bulk_accounts, bulk_events, bulk_ledger").ConfigureAwait(false);
        long streams = await ExecuteAsync(
            connection,
            "UPDATE streams t SET version = a.to_version FROM bulk_accounts a WHERE t.stream_id = a.stream_id AND t.version = a.from_version").ConfigureAwait(false);
        long snapshots = await ExecuteAsync(
            connection,
            "UPDATE snapshots s SET version = a.to_version, body = coalesce(a.body, s.body), period_end = a.period_end FROM bulk_accounts a WHERE s.stream_id = a.stream_id")
            .ConfigureAwait(false);
        long events = await ExecuteAsync(
            connection,
            "INSERT INTO events (stream_id, version, type, body, at) SELECT stream_id, version, type, body, at FROM bulk_events ORDER BY stream_id, version")
            .ConfigureAwait(false);
        long ledger = await ExecuteAsync(
            connection,
            """
            INSERT INTO ledger (stream_id, position, kind, quantity, delta, at, actor_id, proposal_id, member_id, is_boost, submitter_id)
            SELECT stream_id, position, kind, quantity, delta, at, actor_id, proposal_id, member_id, is_boost, submitter_id FROM bulk_ledger
            """).ConfigureAwait(false);
        await transaction.CommitAsync().ConfigureAwait(false);
        return streams == prepared.Accounts && snapshots == prepared.Accounts && events == prepared.Events && ledger == prepared.Ledger
            ? streams
            : throw new InvalidOperationException(
                $"The bulk month end wrote {streams} streams, {snapshots} snapshots, {events} events, {ledger} ledger rows; prepared: {prepared.Accounts}, {prepared.Events}, {prepared.Ledger}.");
    }

    private static async Task<long> ExecuteAsync(NpgsqlConnection connection, string sql)
    {
#pragma warning disable CA2100 // Every statement is a constant of this class.
        await using var command = new NpgsqlCommand(sql, connection);
#pragma warning restore CA2100
        return await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    private static async Task CopyAsync(NpgsqlConnection connection, string copy, string file)
    {
        await using FileStream input = new(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        await using Stream target = await connection.BeginRawBinaryCopyAsync(copy).ConfigureAwait(false);
        await input.CopyToAsync(target).ConfigureAwait(false);
    }
}

/// <summary>
/// The database benchmarks' settings: the peak working set as a column, and time to build the generated project with
/// the sample host on a busy 2-core machine (the default gives up after 2 minutes).
/// </summary>
public sealed class DatabaseBenchmarkConfig : ManualConfig
{
    public DatabaseBenchmarkConfig()
    {
        AddColumn(new PeakWorkingSetColumn());
        WithBuildTimeout(TimeSpan.FromMinutes(15));
    }
}
