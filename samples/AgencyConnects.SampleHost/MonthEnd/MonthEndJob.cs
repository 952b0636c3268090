using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AgencyConnects.Domain;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Json;
using AgencyConnects.Domain.MonthEnd;
using AgencyConnects.SampleHost.Storage;
using NodaTime;
using Npgsql;

namespace AgencyConnects.SampleHost.MonthEnd;

/// <summary>How a month-end run goes.</summary>
public sealed record MonthEndOptions
{
    /// <summary>Now: every billing period ending at or before it is closed.</summary>
    public required Instant At { get; init; }

    /// <summary>Workers in this process. On PostgreSQL they claim chunks side by side; on SQLite (one writer) they take turns.</summary>
    public int Workers { get; init; } = 1;

    /// <summary>Accounts per chunk: one transaction, and the bound on the job's memory.</summary>
    public int ChunkSize { get; init; } = 1000;

    /// <summary>How often an account that a request changed meanwhile is tried again in one run before it is left for the next.</summary>
    public int ConflictAttempts { get; init; } = 5;

    /// <summary>The JSON contract of events and snapshots.</summary>
    public AccountEventJson Json { get; init; } = AccountEventJson.Default;

    /// <summary>
    /// A seam for the tests, empty in a host: called with a chunk's streams after it is closed and before it is written
    /// (on SQLite outside the write lock, so a request may write meanwhile; on PostgreSQL inside the chunk's transaction,
    /// which holds its accounts' stream rows).
    /// </summary>
    public Func<IReadOnlyList<string>, CancellationToken, Task>? BeforeWrite { get; init; }

    /// <summary>A seam for the tests: the process dies (<see cref="Environment.FailFast(string)"/>) before it commits its chunk of this number (1 is its first).</summary>
    public int? FailBeforeCommitOfChunk { get; init; }
}

/// <summary>One chunk done, as the job reports it while running.</summary>
/// <param name="Worker">The worker that did it (1 is the first).</param>
/// <param name="Chunk">Its number in this process.</param>
/// <param name="Accounts">Accounts it claimed.</param>
/// <param name="Closed">Of those, closed and written.</param>
/// <param name="Skipped">Of those, skipped (see <see cref="MonthEndSummary.Skipped"/>).</param>
/// <param name="Conflicts">Of those, changed by a request meanwhile and left for a later chunk.</param>
/// <param name="Done">Accounts done so far in this process (closed, written or skipped).</param>
/// <param name="Due">Accounts due when the run began (every process's).</param>
/// <param name="Elapsed">Time since the run began.</param>
public sealed record MonthEndProgress(int Worker, int Chunk, int Accounts, int Closed, int Skipped, int Conflicts, long Done, long Due, TimeSpan Elapsed)
{
    /// <summary>Accounts done per second so far.</summary>
    public double Rate => Elapsed > TimeSpan.Zero ? Done / Elapsed.TotalSeconds : 0;

    /// <summary>The time left at this rate for what was due at the start (other processes' work counted as this one's).</summary>
    public TimeSpan? Left => Rate > 0 ? TimeSpan.FromSeconds(Math.Max(0, Due - Done) / Rate) : null;
}

/// <summary>What a month-end run did in this process.</summary>
/// <param name="At">The instant it closed to.</param>
/// <param name="Workers">Its workers.</param>
/// <param name="Due">Accounts due when it began (for every process).</param>
/// <param name="Closed">Accounts it closed: their new snapshot, events and ledger rows committed.</param>
/// <param name="Stamped">Accounts it only stamped with their period end (a snapshot written before that column existed, with nothing due).</param>
/// <param name="PeriodsClosed">Billing periods closed over all accounts.</param>
/// <param name="Expired">Connects expired.</param>
/// <param name="Forfeited">Connects forfeited above the rollover cap.</param>
/// <param name="Granted">Connects granted as the new periods' allotments.</param>
/// <param name="Fees">Fees billed, by currency code.</param>
/// <param name="FeeLines">Fee lines billed.</param>
/// <param name="Skipped">Accounts not closed, by the code of the library's reason (<c>AgencyIsClosed</c>: its period end is set to never, so no run reads it again).</param>
/// <param name="Conflicts">Times a chunk found an account changed by a request since it read it; the account was tried again.</param>
/// <param name="ConflictsLeft">Accounts still changing after <see cref="MonthEndOptions.ConflictAttempts"/> tries: left for the next run.</param>
/// <param name="StillDue">Accounts due when it ended: left by it (conflicts, skipped) or held by a request at that moment; the next run takes them.</param>
/// <param name="Chunks">Chunks committed.</param>
/// <param name="Elapsed">How long it took.</param>
public sealed record MonthEndSummary(
    Instant At, int Workers, long Due, long Closed, long Stamped, long PeriodsClosed, long Expired, long Forfeited, long Granted,
    IReadOnlyDictionary<string, decimal> Fees, long FeeLines, IReadOnlyDictionary<string, long> Skipped, long Conflicts, long ConflictsLeft,
    long StillDue, int Chunks, TimeSpan Elapsed)
{
    /// <summary>One line of <c>key=value</c> pairs, for logs and scripts.</summary>
    public string ToLogLine()
        => string.Create(
            CultureInfo.InvariantCulture,
            $"month-end done: at={At} workers={Workers} due={Due} closed={Closed} stamped={Stamped} periods={PeriodsClosed} expired={Expired} "
            + $"forfeited={Forfeited} granted={Granted} fees={string.Join(',', Fees.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Value:F2} {f.Key}"))} "
            + $"fee_lines={FeeLines} skipped={Skipped.Values.Sum()} conflicts={Conflicts} conflicts_left={ConflictsLeft} still_due={StillDue} "
            + $"chunks={Chunks} seconds={Elapsed.TotalSeconds:F2}");
}

/// <summary>
/// The month-end job over the database (DOMAIN §3, §8): reads the due accounts (<c>snapshots.period_end &lt;= at</c>,
/// by its index) a chunk at a time, closes each chunk through the library, and writes each chunk back in one
/// transaction: per account, the stream's new version (conditional on the version read), the new snapshot with its next
/// period end, the close's events under (stream, version), and its ledger rows.
/// </summary>
/// <remarks>
/// <para><b>Exactly once.</b> An account is due while its period end is at or before the instant; its close moves the
/// period end past it in the same transaction as the events, so a committed close is never read again and an
/// uncommitted one left nothing. Killing the job at any point loses at most the open chunks, which are still due, and
/// running it again does them; running it twice finds nothing due. The stream's version is the guard against a request
/// that wrote meanwhile: the write is conditional on the version read, so such an account is never overwritten; it is
/// read again in a later chunk (up to <see cref="MonthEndOptions.ConflictAttempts"/> times) or left for the next run.</para>
/// <para><b>Workers.</b> On PostgreSQL a chunk is claimed by locking its accounts' stream rows
/// (<c>SELECT … FOR UPDATE OF streams SKIP LOCKED LIMIT n</c>), the lock a request takes first too: workers and
/// processes never claim one account twice, never wait for each other, and a request on a claimed account waits for
/// the chunk's commit and then sees the closed account. On SQLite, one writer at a time, workers take turns (a chunk is
/// read, closed outside the write lock, then written with <c>BEGIN IMMEDIATE</c>), so more than one adds nothing.</para>
/// </remarks>
public static class MonthEndJob
{
    public static async Task<MonthEndSummary> RunAsync(
        Database database, MonthEndOptions options, IProgress<MonthEndProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Workers, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ChunkSize, 1);
        await Migrator.MigrateAsync(database, cancellationToken).ConfigureAwait(false);
        var clock = Stopwatch.StartNew();
        long due = await CountDueAsync(database, options.At, cancellationToken).ConfigureAwait(false);
        var run = new Run(due, clock, options.ConflictAttempts);
        using SemaphoreSlim? turn = database.Engine == "Postgres" ? null : new SemaphoreSlim(1, 1);
        await Task.WhenAll(Enumerable.Range(1, options.Workers).Select(
            worker => Task.Run(() => WorkAsync(database, options, run, worker, turn, progress, cancellationToken), cancellationToken))).ConfigureAwait(false);
        long stillDue = await CountDueAsync(database, options.At, cancellationToken).ConfigureAwait(false);
        return run.Summary(options, stillDue, clock.Elapsed);
    }

    /// <summary>Accounts whose current period ended at or before <paramref name="at"/>.</summary>
    public static async Task<long> CountDueAsync(Database database, Instant at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using DbConnection connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using DbCommand count = database.Command(connection, null, "SELECT count(*) FROM snapshots WHERE period_end <= @at").With("at", database.ToDb(at));
        return Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    private static async Task WorkAsync(
        Database database, MonthEndOptions options, Run run, int worker, SemaphoreSlim? turn, IProgress<MonthEndProgress>? progress,
        CancellationToken cancellationToken)
    {
        AccountEventJson json = options.Json;
        await using DbConnection connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using IChunkStore store = connection is NpgsqlConnection postgres
            ? new PostgresChunkStore(postgres)
            : new SqliteChunkStore(database, connection);
        var writes = new List<AccountWrite>();
        var snapshots = new List<AccountSnapshot>();
        var readRows = new List<ClaimedAccount>();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (turn is not null)
            {
                await turn.WaitAsync(cancellationToken).ConfigureAwait(false);
            }

            try
            {
                IReadOnlyList<ClaimedAccount>? claimed = await store.ClaimAsync(options.At, options.ChunkSize, run.Excluded(), cancellationToken).ConfigureAwait(false);
                if (claimed is null)
                {
                    await store.RollbackAsync().ConfigureAwait(false);
                    return; // nothing due is left that another worker or a request does not hold
                }

                if (claimed.Count == 0)
                {
                    await store.RollbackAsync().ConfigureAwait(false);
                    continue; // every account locked was closed by another worker meanwhile
                }

                writes.Clear();
                snapshots.Clear();
                readRows.Clear();
                var skipped = new List<(string Stream, string Reason, bool Exclude)>();
                var conflicts = new List<string>();
                foreach (ClaimedAccount row in claimed)
                {
                    if (row.Version != row.StreamVersion)
                    {
                        conflicts.Add(row.Stream); // the snapshot read is not the stream's latest: read it again in a later chunk
                    }
                    else if (!json.ReadSnapshot(row.Body).TryGetSuccess(out AccountSnapshot? snapshot, out JsonContractError? unreadable))
                    {
                        skipped.Add((row.Stream, unreadable.Code, true));
                    }
                    else
                    {
                        snapshots.Add(snapshot);
                        readRows.Add(row);
                    }
                }

                // The library closes the chunk: each account as CloseElapsedPeriods would, or left out with the reason.
                MonthEndChunk chunk = MonthEndChunk.Close(options.At, snapshots, json.Catalogs, json.Zones);
                for (int i = 0; i < chunk.Count; i++)
                {
                    ClaimedAccount row = readRows[i];
                    if (!chunk.Result(i).TryGetSuccess(out MonthEndClosed? closed, out DomainError? why))
                    {
                        if (why is AgencyIsClosed)
                        {
                            writes.Add(new AccountWrite(row.Stream, row.Version, row.Version, null, null) { NeverDue = true });
                        }

                        skipped.Add((row.Stream, why.Code, why is not AgencyIsClosed));
                    }
                    else if (closed.NextCloseAt <= options.At)
                    {
                        skipped.Add((row.Stream, "StillDueAfterClose", true)); // cannot happen; never loop on it
                    }
                    else
                    {
                        writes.Add(AccountWrite.Of(row, closed, json));
                    }
                }

                if (options.BeforeWrite is { } beforeWrite)
                {
                    await beforeWrite([.. writes.Select(w => w.Stream)], cancellationToken).ConfigureAwait(false);
                }

                IReadOnlySet<string> written = writes.Count == 0
                    ? new HashSet<string>()
                    : await store.WriteAsync(writes, cancellationToken).ConfigureAwait(false);
                if (run.NextChunk() == options.FailBeforeCommitOfChunk)
                {
                    Environment.FailFast($"month-end: failing before the commit of chunk {options.FailBeforeCommitOfChunk}, as asked (a test of the job's restart)");
                }

                await store.CommitAsync(cancellationToken).ConfigureAwait(false);
                foreach (AccountWrite write in writes.Where(w => !written.Contains(w.Stream)))
                {
                    conflicts.Add(write.Stream);
                }

                MonthEndProgress done = run.Record(worker, claimed.Count, writes, written, skipped, conflicts);
                progress?.Report(done);
            }
            catch
            {
                await store.RollbackAsync().ConfigureAwait(false);
                throw;
            }
            finally
            {
                turn?.Release();
            }
        }
    }

    /// <summary>The counts of one run, shared by its workers.</summary>
    private sealed class Run(long due, Stopwatch clock, int conflictAttempts)
    {
        private readonly Lock _lock = new();
        private readonly HashSet<string> _excluded = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _conflictsOf = new(StringComparer.Ordinal);
        private readonly Dictionary<string, decimal> _fees = new(StringComparer.Ordinal);
        private readonly Dictionary<string, long> _skipped = new(StringComparer.Ordinal);
        private string[] _excludedArray = [];
        private long _closed, _stamped, _periods, _expired, _forfeited, _granted, _feeLines, _conflicts, _conflictsLeft, _done;
        private int _chunks, _started;

        public string[] Excluded()
        {
            lock (_lock)
            {
                return _excludedArray;
            }
        }

        public int NextChunk() => Interlocked.Increment(ref _started);

        public MonthEndProgress Record(
            int worker, int accounts, List<AccountWrite> writes, IReadOnlySet<string> written, List<(string Stream, string Reason, bool Exclude)> skipped,
            List<string> conflicts)
        {
            lock (_lock)
            {
                int closed = 0;
                foreach (AccountWrite write in writes.Where(w => written.Contains(w.Stream) && !w.NeverDue))
                {
                    if (write.Events.Count == 0)
                    {
                        _stamped++;
                        continue;
                    }

                    closed++;
                    _periods += write.Outcome.PeriodsClosed;
                    _expired += write.Outcome.Expired;
                    _forfeited += write.Outcome.Forfeited;
                    _granted += write.Outcome.Granted;
                    foreach ((string currency, decimal amount) in write.Fees)
                    {
                        _fees[currency] = _fees.GetValueOrDefault(currency) + amount;
                        _feeLines++;
                    }
                }

                _closed += closed;
                int skips = 0;
                foreach ((string stream, string reason, bool exclude) in skipped)
                {
                    if (exclude || written.Contains(stream))
                    {
                        _skipped[reason] = _skipped.GetValueOrDefault(reason) + 1;
                        skips++;
                    }

                    if (exclude)
                    {
                        _excluded.Add(stream);
                    }
                }

                foreach (string stream in conflicts)
                {
                    _conflicts++;
                    int attempts = _conflictsOf[stream] = _conflictsOf.GetValueOrDefault(stream) + 1;
                    if (attempts >= conflictAttempts && _excluded.Add(stream))
                    {
                        _conflictsLeft++;
                    }
                }

                if (skipped.Any(s => s.Exclude) || conflicts.Count > 0)
                {
                    _excludedArray = [.. _excluded];
                }

                _chunks++;
                _done += writes.Count(w => written.Contains(w.Stream) && !w.NeverDue) + skips;
                return new MonthEndProgress(worker, _chunks, accounts, closed, skips, conflicts.Count, _done, due, clock.Elapsed);
            }
        }

        public MonthEndSummary Summary(MonthEndOptions options, long stillDue, TimeSpan elapsed)
        {
            lock (_lock)
            {
                return new MonthEndSummary(
                    options.At, options.Workers, due, _closed, _stamped, _periods, _expired, _forfeited, _granted,
                    new Dictionary<string, decimal>(_fees, StringComparer.Ordinal), _feeLines, new Dictionary<string, long>(_skipped, StringComparer.Ordinal),
                    _conflicts, _conflictsLeft, stillDue, _chunks, elapsed);
            }
        }
    }
}

/// <summary>A due account as a chunk claimed it: its snapshot's version and JSON, and its stream's version.</summary>
internal readonly record struct ClaimedAccount(string Stream, long Version, long StreamVersion, string Body);

/// <summary>What the job writes for one account: the version it read and the new one, the new snapshot and period end, the events and ledger rows.</summary>
internal sealed class AccountWrite(string stream, long fromVersion, long toVersion, Instant? periodEnd, string? snapshot)
{
    public string Stream { get; } = stream;

    public long FromVersion { get; } = fromVersion;

    public long ToVersion { get; } = toVersion;

    /// <summary>The end of the new current period; null for a closed agency (never due).</summary>
    public Instant? PeriodEnd { get; } = periodEnd;

    /// <summary>The new snapshot's JSON; null to keep the stored one (a closed agency: only its period end changes).</summary>
    public string? Snapshot { get; } = snapshot;

    /// <summary>A closed agency: only its period end is written (null), so no run reads it again.</summary>
    public bool NeverDue { get; init; }

    public List<StoredEvent> Events { get; } = [];

    public List<StoredLedgerRow> Ledger { get; } = [];

    public List<(string Currency, decimal Amount)> Fees { get; } = [];

    public MonthEndOutcome Outcome { get; private init; }

    public static AccountWrite Of(ClaimedAccount row, MonthEndClosed closed, AccountEventJson json)
    {
        IReadOnlyList<AccountEvent> events = closed.Events;
        if (closed.Snapshot.Version != row.Version + events.Count)
        {
            throw new InvalidOperationException($"The close of {row.Stream} gave version {closed.Snapshot.Version}, not {row.Version} plus its {events.Count} events.");
        }

        var write = new AccountWrite(row.Stream, row.Version, closed.Snapshot.Version, closed.NextCloseAt, json.WriteSnapshot(closed.Snapshot)) { Outcome = closed.Outcome };
        foreach (AccountEvent accountEvent in events)
        {
            write.Events.Add(new StoredEvent(accountEvent.GetType().Name, json.Write(accountEvent), accountEvent.At));
            foreach (Domain.Pool.LedgerEntry entry in AccountHistory.LedgerEntriesOf(accountEvent))
            {
                write.Ledger.Add(StoredLedgerRow.Of(entry));
            }

            if (accountEvent is FeeCharged fee)
            {
                write.Fees.Add((fee.Line.Amount.Currency.Code, fee.Line.Amount.Amount));
            }
        }

        return write;
    }
}

/// <summary>One worker's access to the database: claim a chunk, write it, commit (or roll back).</summary>
internal interface IChunkStore : IAsyncDisposable
{
    /// <summary>The next chunk of due accounts; null when none is left to claim, empty when those claimed were closed meanwhile by another worker.</summary>
    Task<IReadOnlyList<ClaimedAccount>?> ClaimAsync(Instant at, int limit, string[] excluded, CancellationToken cancellationToken);

    /// <summary>Writes the chunk (not yet committed); the streams written, the others having moved past the version read.</summary>
    Task<IReadOnlySet<string>> WriteAsync(IReadOnlyList<AccountWrite> writes, CancellationToken cancellationToken);

    Task CommitAsync(CancellationToken cancellationToken);

    Task RollbackAsync();
}
