using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using AgencyConnects.Domain;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Json;
using AgencyConnects.Domain.Plans;
using AgencyConnects.Domain.Values;
using AgencyConnects.SampleHost.MonthEnd;
using AgencyConnects.SampleHost.Storage;
using AgencyConnects.SampleHost.Tests.Infrastructure;
using NodaTime;
using NodaTime.Testing;
using Xunit;

namespace AgencyConnects.SampleHost.Tests;

/// <summary>
/// The seed command and the month-end job over a real database: seeded agencies are what the host would have stored;
/// the job closes each due account exactly once, whether it runs once, twice, is killed and run again, or races a
/// request. Each test has a database of its own.
/// </summary>
public abstract class MonthEndJobTests
{
    protected static readonly Instant At = Seeder.DemoAt;

    protected static readonly AccountEventJson Json = AccountEventJson.Default;

    protected abstract string Engine { get; }

    [Fact]
    public async Task Seeded_agencies_are_the_rows_the_host_would_have_written_and_the_host_operates_on_them()
    {
        await using JobDatabase db = await JobDatabase.CreateAsync(Engine);
        SeedSummary seeded = await Seeder.SeedAsync(db.Database, 450, seed: 7);

        Assert.Equal(450, await db.ScalarAsync("SELECT count(*) FROM streams"));
        Assert.Equal(450, await db.ScalarAsync("SELECT count(*) FROM snapshots"));
        Assert.Equal(seeded.Events, await db.ScalarAsync("SELECT count(*) FROM events"));
        Assert.Equal(seeded.LedgerRows, await db.ScalarAsync("SELECT count(*) FROM ledger"));
        Assert.Equal(seeded.Memberships, await db.ScalarAsync("SELECT count(*) FROM memberships"));
        Assert.Equal(seeded.Due, await MonthEndJob.CountDueAsync(db.Database, At));
        await AssertEveryAccountIsItsEventsAsync(db, seeded.Agencies);

        // A spread: both plans, both catalogs, several zones, closed agencies, members, proposals.
        List<AccountSnapshot> snapshots = await SnapshotsAsync(db);
        Assert.Contains(snapshots, s => s.Plan == Plan.AgencyPlus);
        Assert.Contains(snapshots, s => s.Plan == Plan.AgencyBasic);
        Assert.Contains(snapshots, s => s.IsClosed);
        Assert.Contains(snapshots, s => s.Members.Length > 1);
        Assert.Contains(snapshots, s => s.OpenProposals.Length > 0);
        Assert.Contains(snapshots, s => s.PendingChange is not null);
        Assert.Equal(2, snapshots.Select(s => s.Catalog).Distinct().Count());
        Assert.True(snapshots.Select(s => s.Zone).Distinct().Count() >= 10);
        Assert.Equal(snapshots.Count(s => !s.IsClosed), seeded.Due);

        // The host's own path loads and changes them: a purchase on each open Plus agency.
        var clock = new FakeClock(At);
        AccountStore store = db.Store(clock);
        int bought = 0;
        foreach (AccountSnapshot snapshot in snapshots.Where(s => s.Plan == Plan.AgencyPlus && !s.IsClosed && s.PendingChange is null).Take(25))
        {
            Stored<AgencyAccount> stored = await store.UpdateAgencyAsync(
                snapshot.Agency!.Value, [snapshot.Principal],
                (account, _, now) => account.BuyConnects(account.Owner, Connects.Create(10).AsT0, RequestKey.Create("seed-test").AsT0, now)
                    .TryGetSuccess(out ConnectsPurchase<AgencyAccount>? ok, out DomainError? error) ? ok : error);
            Assert.True(stored.Status == StoreStatus.Done, $"{snapshot.Agency}: {stored.Status} {stored.Error}");
            bought++;
        }

        Assert.Equal(25, bought);
    }

    [Fact]
    public async Task The_job_closes_each_due_account_once_with_its_events_ledger_and_snapshot_and_a_second_run_changes_nothing()
    {
        await using JobDatabase db = await JobDatabase.CreateAsync(Engine);
        SeedSummary seeded = await Seeder.SeedAsync(db.Database, 1200, seed: 3);
        long granted = await db.ScalarAsync("SELECT sum(delta) FROM ledger WHERE kind = 'Granted'");
        long forfeited = await db.ScalarAsync("SELECT -sum(delta) FROM ledger WHERE kind = 'Forfeited'");
        long periods = await db.ScalarAsync("SELECT count(*) FROM events WHERE type = 'PeriodClosed'");
        long fees = await db.ScalarAsync("SELECT count(*) FROM events WHERE type = 'FeeCharged'");

        MonthEndSummary first = await MonthEndJob.RunAsync(db.Database, new MonthEndOptions { At = At, ChunkSize = 150, Workers = 2 });

        Assert.Equal(seeded.Due, first.Due);
        Assert.Equal(seeded.Due, first.Closed);
        Assert.Equal(0, first.StillDue);
        Assert.Empty(first.Skipped);
        Assert.Equal(0, first.Conflicts);
        Assert.Equal(first.Granted, await db.ScalarAsync("SELECT sum(delta) FROM ledger WHERE kind = 'Granted'") - granted);
        Assert.Equal(first.Forfeited, await db.ScalarAsync("SELECT -sum(delta) FROM ledger WHERE kind = 'Forfeited'") - forfeited);
        Assert.Equal(first.PeriodsClosed, await db.ScalarAsync("SELECT count(*) FROM events WHERE type = 'PeriodClosed'") - periods);
        Assert.Equal(first.FeeLines, await db.ScalarAsync("SELECT count(*) FROM events WHERE type = 'FeeCharged'") - fees);
        Assert.True(first.PeriodsClosed >= first.Closed);
        Assert.True(first.Granted > 0 && first.FeeLines > 0);
        Assert.Equal(first.FeeLines * 20.00m, first.Fees["USD"]); // every fee of both catalogs is Agency Plus's $20.00
        await AssertEveryAccountIsItsEventsAsync(db, seeded.Agencies);
        string fingerprint = await db.FingerprintAsync();

        MonthEndSummary second = await MonthEndJob.RunAsync(db.Database, new MonthEndOptions { At = At, ChunkSize = 150, Workers = 2 });

        Assert.Equal((0L, 0L, 0L, 0), (second.Due, second.Closed, second.StillDue, second.Chunks));
        Assert.Equal(fingerprint, await db.FingerprintAsync());
    }

    [Fact]
    public async Task A_job_killed_inside_a_transaction_and_between_chunks_then_run_again_ends_exactly_as_an_uninterrupted_run()
    {
        await using JobDatabase killed = await JobDatabase.CreateAsync(Engine);
        await using JobDatabase reference = await JobDatabase.CreateAsync(Engine);
        SeedSummary seeded = await Seeder.SeedAsync(killed.Database, 1500, seed: 5);
        await Seeder.SeedAsync(reference.Database, 1500, seed: 5);
        Assert.Equal(await reference.FingerprintAsync(), await killed.FingerprintAsync());
        MonthEndSummary uninterrupted = await MonthEndJob.RunAsync(reference.Database, new MonthEndOptions { At = At, ChunkSize = 100 });
        Assert.Equal(seeded.Due, uninterrupted.Closed);

        // 1. The process dies inside the transaction of its fourth chunk: the three before it stay, the fourth is gone.
        await using (JobProcess crash = JobProcess.Start(killed, "month-end", "--at", At.ToString(), "--chunk", "100", "--fail-before-commit", "4"))
        {
            Assert.NotEqual(0, await crash.WaitAsync());
            Assert.Equal(3, crash.Lines.Count(l => l.StartsWith("chunk ", StringComparison.Ordinal)));
        }

        Assert.Equal(seeded.Due - 300, await MonthEndJob.CountDueAsync(killed.Database, At));

        // 2. Killed (SIGKILL) once it has reported two more chunks, at whatever point it is then.
        long beforeKill = await MonthEndJob.CountDueAsync(killed.Database, At);
        await using (JobProcess kill = JobProcess.Start(killed, "month-end", "--at", At.ToString(), "--chunk", "100"))
        {
            int chunks = 0;
            Assert.True(await kill.ReadUntilAsync(l => l.StartsWith("chunk ", StringComparison.Ordinal) && ++chunks == 2));
            await kill.KillAsync();
        }

        long afterKill = await MonthEndJob.CountDueAsync(killed.Database, At);
        Assert.InRange(afterKill, 1, beforeKill - 200);

        // 3. Run again: it finishes the work, and the database is the uninterrupted run's, row for row.
        await using (JobProcess rerun = JobProcess.Start(killed, "month-end", "--at", At.ToString(), "--chunk", "100"))
        {
            Assert.Equal(0, await rerun.WaitAsync());
            Assert.Equal(afterKill, rerun.Count("closed"));
            Assert.Equal(0, rerun.Count("still_due"));
        }

        Assert.Equal(await reference.FingerprintAsync(), await killed.FingerprintAsync());
        Assert.Equal(
            await reference.RowsAsync("SELECT kind, sum(delta), count(*) FROM ledger GROUP BY kind ORDER BY kind"),
            await killed.RowsAsync("SELECT kind, sum(delta), count(*) FROM ledger GROUP BY kind ORDER BY kind"));
    }

    [Fact]
    public async Task A_request_racing_the_job_on_an_account_of_its_chunk_is_never_overwritten_and_the_account_is_closed_once()
    {
        await using JobDatabase db = await JobDatabase.CreateAsync(Engine);
        SeedSummary seeded = await Seeder.SeedAsync(db.Database, 300, seed: 11);
        Dictionary<string, AccountSnapshot> before = (await SnapshotsAsync(db)).ToDictionary(s => AccountStore.AgencyStream(s.Agency!.Value));
        var clock = new FakeClock(At);
        AccountStore store = db.Store(clock);
        string? raced = null;
        Task<Stored<AgencyAccount>>? request = null;

        MonthEndSummary summary = await MonthEndJob.RunAsync(db.Database, new MonthEndOptions
        {
            At = At,
            ChunkSize = 100,
            BeforeWrite = async (streams, _) =>
            {
                if (raced is not null)
                {
                    return;
                }

                // The chunk is read and closed; a purchase arrives for one of its Plus agencies before it is written.
                raced = streams.First(s => before[s].Plan == Plan.AgencyPlus);
                AccountSnapshot snapshot = before[raced];
                clock.Reset(snapshot.LastChangedAt);
                request = store.UpdateAgencyAsync(
                    snapshot.Agency!.Value, [snapshot.Principal],
                    (account, _, now) => account.BuyConnects(account.Owner, Connects.Create(30).AsT0, RequestKey.Create("raced").AsT0, now)
                        .TryGetSuccess(out ConnectsPurchase<AgencyAccount>? ok, out DomainError? error) ? ok : error,
                    System.Threading.CancellationToken.None);
                if (Engine == "Sqlite")
                {
                    await request; // SQLite: the chunk holds no lock while it is closed, so the request commits first
                }
            },
        });

        Assert.NotNull(raced);
        Assert.Equal(StoreStatus.Done, (await request!).Status);
        Assert.Equal(seeded.Due, summary.Closed);
        Assert.Equal(0, summary.StillDue);
        AccountSnapshot original = before[raced];
        AgencyAccount loaded = AgencyAccount.Load(original, []).SuccessOrThrow();
        List<string> types = await db.RowsAsync(
            "SELECT type FROM events WHERE stream_id = @stream AND version > @version ORDER BY version", ("stream", raced), ("version", original.Version));
        AgencyAccount expected;
        if (Engine == "Sqlite")
        {
            // The request won: the job's write of that account found a newer version, wrote nothing of it, and closed
            // it again from the request's state in a later chunk.
            Assert.Equal(1, summary.Conflicts);
            Updated<AgencyAccount> purchase = loaded.BuyConnects(loaded.Owner, Connects.Create(30).AsT0, RequestKey.Create("raced").AsT0, original.LastChangedAt).SuccessOrThrow();
            expected = purchase.Account.CloseElapsedPeriods(At).SuccessOrThrow().Account;
            Assert.Equal("ConnectsBought", types[0]);
            Assert.Contains("PeriodClosed", types.Skip(1));
        }
        else
        {
            // The chunk holds the account's stream row: the request waited for the commit and bought on the closed account.
            Assert.Equal(0, summary.Conflicts);
            AgencyAccount closed = loaded.CloseElapsedPeriods(At).SuccessOrThrow().Account;
            expected = closed.BuyConnects(closed.Owner, Connects.Create(30).AsT0, RequestKey.Create("raced").AsT0, closed.LastChangedAt).SuccessOrThrow().Account;
            Assert.Equal("PeriodClosed", types[0]);
            Assert.Equal("ConnectsBought", types[^1]);
        }

        Assert.Equal(1, types.Count(t => t == "ConnectsBought"));
        Assert.Equal(expected.ToSnapshot(), (await SnapshotsAsync(db)).Single(s => AccountStore.AgencyStream(s.Agency!.Value) == raced));
        Assert.Equal(expected.Version, await db.ScalarAsync("SELECT version FROM streams WHERE stream_id = @stream", ("stream", raced)));
        await AssertEveryAccountIsItsEventsAsync(db, seeded.Agencies);
    }

    [Fact]
    public async Task Snapshots_stored_before_the_period_end_column_are_stamped_once_and_a_closed_agency_is_never_read_again()
    {
        await using JobDatabase db = await JobDatabase.CreateAsync(Engine);
        await Migrator.MigrateAsync(db.Database);
        var clock = new FakeClock(Instant.FromUtc(2025, 1, 10, 9, 0));
        AccountStore store = db.Store(clock);
        await CreateAsync("early", "olivia"); // billed from 10 January: two periods end by 15 March
        await CreateAsync("shut", "liam");
        Assert.Equal(StoreStatus.Done, (await store.UpdateAgencyAsync(Agency("shut"), [Person("liam")], (a, _, now) => Ok(a.Close(a.Owner, now)))).Status);
        clock.Reset(Instant.FromUtc(2025, 3, 10, 9, 0));
        await CreateAsync("late", "emma"); // billed from 10 March: nothing due on 15 March
        Assert.Equal(1, await MonthEndJob.CountDueAsync(db.Database, At)); // the host wrote each period end: only "early" is due

        // As migration 003 leaves the snapshots it finds: due at once, their period end unknown.
        await using (System.Data.Common.DbConnection connection = await db.Database.OpenAsync(default))
        await using (System.Data.Common.DbCommand update = db.Database.Command(connection, null, "UPDATE snapshots SET period_end = @epoch").With("epoch", db.Database.ToDb(Instant.FromUnixTimeTicks(0))))
        {
            Assert.Equal(3, await update.ExecuteNonQueryAsync());
        }

        MonthEndSummary first = await MonthEndJob.RunAsync(db.Database, new MonthEndOptions { At = At });
        MonthEndSummary second = await MonthEndJob.RunAsync(db.Database, new MonthEndOptions { At = At });

        Assert.Equal((3L, 1L, 1L, 2L, 0L), (first.Due, first.Closed, first.Stamped, first.PeriodsClosed, first.StillDue));
        Assert.Equal(new Dictionary<string, long> { ["AgencyIsClosed"] = 1 }, first.Skipped);
        Assert.Equal((0L, 0L, 0), (second.Due, second.Closed, second.Chunks));
        Assert.Equal(
            [
                $"agency/early|{db.Database.ToDb(Instant.FromUtc(2025, 4, 10, 0, 0))}",
                $"agency/late|{db.Database.ToDb(Instant.FromUtc(2025, 4, 10, 0, 0))}",
                "agency/shut|null",
            ],
            await db.RowsAsync("SELECT stream_id, period_end FROM snapshots ORDER BY stream_id"));
        await AssertEveryAccountIsItsEventsAsync(db, 3);

        async Task CreateAsync(string agency, string owner)
            => Assert.Equal(StoreStatus.Done, (await store.CreateAgencyAsync(
                Agency(agency), Person(owner), (directory, now) => Ok(AgencyAccount.Create(Agency(agency), Person(owner), now, directory)))).Status);
    }

    private static AgencyId Agency(string id) => AgencyId.Create(id).AsT0;

    private static PersonId Person(string id) => PersonId.Create(id).AsT0;

    private static Outcome<AgencyAccount> Ok<T1, T2, T3, T4>(OneOf.OneOf<Updated<AgencyAccount>, T1, T2, T3, T4> result)
        where T1 : DomainError
        where T2 : DomainError
        where T3 : DomainError
        where T4 : DomainError
        => result.TryGetSuccess(out Updated<AgencyAccount>? ok, out DomainError? error) ? ok : error;

    private static Outcome<AgencyAccount> Ok<T1, T2, T3, T4, T5>(OneOf.OneOf<Updated<AgencyAccount>, T1, T2, T3, T4, T5> result)
        where T1 : DomainError
        where T2 : DomainError
        where T3 : DomainError
        where T4 : DomainError
        where T5 : DomainError
        => result.TryGetSuccess(out Updated<AgencyAccount>? ok, out DomainError? error) ? ok : error;

    /// <summary>Every account's stored snapshot is the replay of its stored events, and its period end is its current period's.</summary>
    protected static async Task AssertEveryAccountIsItsEventsAsync(JobDatabase db, int accounts)
    {
        Dictionary<string, List<AccountEvent>> events = [];
        foreach (string row in await db.RowsAsync("SELECT stream_id, body FROM events ORDER BY stream_id, version"))
        {
            int bar = row.IndexOf('|', StringComparison.Ordinal);
            string stream = row[..bar];
            if (!events.TryGetValue(stream, out List<AccountEvent>? list))
            {
                events[stream] = list = [];
            }

            list.Add(Json.Read(row[(bar + 1)..]).SuccessOrThrow());
        }

        List<string> snapshots = await db.RowsAsync("SELECT s.stream_id, t.version, s.version, s.body FROM snapshots s JOIN streams t ON t.stream_id = s.stream_id");
        Assert.Equal(accounts, snapshots.Count);
        foreach (string row in snapshots)
        {
            string[] parts = row.Split('|', 4);
            AgencyAccount replayed = AgencyAccount.Replay(events[parts[0]]);
            Assert.Equal(replayed.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), parts[1]);
            Assert.Equal(parts[1], parts[2]);
            Assert.Equal(replayed.ToSnapshot(), Json.ReadSnapshot(parts[3]).SuccessOrThrow());
            Assert.Equal(AccountHistory.Of(events[parts[0]]).Ledger.Count, (int)await db.ScalarAsync("SELECT count(*) FROM ledger WHERE stream_id = @stream", ("stream", parts[0])));
        }

        Assert.Equal(0, await db.ScalarAsync("SELECT count(*) FROM snapshots s JOIN agencies a ON 'agency/' || a.agency_id = s.stream_id WHERE (a.closed_at IS NULL) = (s.period_end IS NULL)"));
    }

    protected static async Task<List<AccountSnapshot>> SnapshotsAsync(JobDatabase db)
        => [.. (await db.RowsAsync("SELECT body FROM snapshots ORDER BY stream_id")).Select(b => Json.ReadSnapshot(b).SuccessOrThrow())];
}

public sealed class SqliteMonthEndJobTests : MonthEndJobTests
{
    protected override string Engine => "Sqlite";
}

public sealed class PostgresMonthEndJobTests : MonthEndJobTests
{
    protected override string Engine => "Postgres";

    [Fact]
    public async Task An_account_a_request_holds_is_skipped_reported_still_due_and_closed_by_the_next_run()
    {
        await using JobDatabase db = await JobDatabase.CreateAsync(Engine);
        SeedSummary seeded = await Seeder.SeedAsync(db.Database, 200, seed: 13);
        AccountSnapshot held = (await SnapshotsAsync(db)).First(s => s.Plan == Plan.AgencyPlus && s.PendingChange is null);
        string stream = AccountStore.AgencyStream(held.Agency!.Value);
        var inside = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var faults = new StoreFaults
        {
            AfterEventsInserted = async (_, _, s) =>
            {
                if (s == stream)
                {
                    inside.SetResult();
                    await release.Task;
                }
            },
        };
        AccountStore store = db.Store(new FakeClock(held.LastChangedAt), faults);
        Task<Stored<AgencyAccount>> request = store.UpdateAgencyAsync(
            held.Agency.Value, [held.Principal],
            (account, _, now) => account.BuyConnects(account.Owner, Connects.Create(20).AsT0, RequestKey.Create("held").AsT0, now)
                .TryGetSuccess(out ConnectsPurchase<AgencyAccount>? ok, out DomainError? error) ? ok : error);
        await inside.Task.WaitAsync(TimeSpan.FromMinutes(1)); // the request is inside its transaction, holding the account's stream row

        MonthEndSummary first = await MonthEndJob.RunAsync(db.Database, new MonthEndOptions { At = At, ChunkSize = 50, Workers = 2 });

        Assert.Equal((seeded.Due - 1, 1L, 0L), (first.Closed, first.StillDue, first.Conflicts));
        release.SetResult();
        Assert.Equal(StoreStatus.Done, (await request).Status);

        MonthEndSummary second = await MonthEndJob.RunAsync(db.Database, new MonthEndOptions { At = At, ChunkSize = 50 });

        Assert.Equal((1L, 1L, 0L), (second.Due, second.Closed, second.StillDue));
        AgencyAccount loaded = AgencyAccount.Load(held, []).SuccessOrThrow();
        AgencyAccount expected = loaded.BuyConnects(loaded.Owner, Connects.Create(20).AsT0, RequestKey.Create("held").AsT0, held.LastChangedAt).SuccessOrThrow()
            .Account.CloseElapsedPeriods(At).SuccessOrThrow().Account;
        Assert.Equal(expected.ToSnapshot(), (await SnapshotsAsync(db)).Single(s => s.Agency == held.Agency));
        await AssertEveryAccountIsItsEventsAsync(db, seeded.Agencies);
    }

    [Fact]
    public async Task Four_job_processes_over_twenty_thousand_agencies_close_each_exactly_once()
    {
        await using JobDatabase db = await JobDatabase.CreateAsync(Engine);
        SeedSummary seeded = await Seeder.SeedAsync(db.Database, 20_000, seed: 4);
        Dictionary<string, (long Version, string Body)> before = (await db.RowsAsync("SELECT stream_id, version, body FROM snapshots WHERE period_end IS NOT NULL"))
            .Select(r => r.Split('|', 3)).ToDictionary(p => p[0], p => (long.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture), p[2]));
        long events = await db.ScalarAsync("SELECT count(*) FROM events");

        JobProcess[] jobs = [.. Enumerable.Range(0, 4).Select(_ => JobProcess.Start(db, "month-end", "--at", At.ToString(), "--chunk", "250"))];
        int[] codes = await Task.WhenAll(jobs.Select(j => j.WaitAsync()));

        Assert.All(codes, c => Assert.Equal(0, c));
        long[] closed = [.. jobs.Select(j => j.Count("closed"))];
        Assert.Equal(seeded.Due, closed.Sum());
        Assert.All(jobs, j => Assert.Equal(0, j.Count("conflicts")));
        Assert.Equal(0, await MonthEndJob.CountDueAsync(db.Database, At));

        // Each account exactly as one close of its seeded state gives (the one-account path: Load, CloseElapsedPeriods):
        // its version, its snapshot, its events.
        long expectedEvents = 0;
        Dictionary<string, (long Version, string Body)> after = (await db.RowsAsync("SELECT stream_id, version, body FROM snapshots WHERE period_end IS NOT NULL"))
            .Select(r => r.Split('|', 3)).ToDictionary(p => p[0], p => (long.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture), p[2]));
        Assert.Equal(seeded.Due, before.Count);
        foreach ((string stream, (long version, string body)) in before)
        {
            Updated<AgencyAccount> close = AgencyAccount.Load(Json.ReadSnapshot(body).SuccessOrThrow(), []).SuccessOrThrow().CloseElapsedPeriods(At).SuccessOrThrow();
            expectedEvents += close.Events.Length;
            Assert.Equal(version + close.Events.Length, after[stream].Version);
            Assert.Equal(Json.WriteSnapshot(close.Account.ToSnapshot()), after[stream].Body);
        }

        Assert.Equal(events + expectedEvents, await db.ScalarAsync("SELECT count(*) FROM events"));
        Assert.Equal(0, await db.ScalarAsync("SELECT count(*) FROM streams t JOIN snapshots s ON s.stream_id = t.stream_id WHERE t.version <> s.version"));
    }
}

/// <summary>What a person sees of the job: a line rewritten in place on a terminal, a line per chunk when redirected, and the summary.</summary>
public sealed class MonthEndDisplayTests
{
    [Fact]
    public void On_a_terminal_progress_is_one_line_rewritten_in_place_with_the_rate_and_the_time_left_at_most_ten_times_a_second()
    {
        var output = new System.IO.StringWriter();
        var progress = new Commands.ConsoleProgress(terminal: true, output);

        progress.Report(new MonthEndProgress(1, 1, 1000, 1000, 0, 0, 1000, 4000, TimeSpan.FromSeconds(2)));
        progress.Report(new MonthEndProgress(2, 2, 1000, 1000, 0, 0, 2000, 4000, TimeSpan.FromSeconds(2.05))); // 50 ms later: not drawn
        progress.Report(new MonthEndProgress(1, 3, 1000, 1000, 0, 0, 3000, 4000, TimeSpan.FromSeconds(3)));
        progress.Finish();

        Assert.Equal(
            "\r  1,000 / 4,000 accounts (25.0 %), 500/s, 0:00:06 left   \r  3,000 / 4,000 accounts (75.0 %), 1,000/s, 0:00:01 left   " + Environment.NewLine,
            output.ToString());
    }

    [Fact]
    public void Redirected_progress_is_a_plain_line_per_chunk()
    {
        var output = new System.IO.StringWriter();
        var progress = new Commands.ConsoleProgress(terminal: false, output);

        progress.Report(new MonthEndProgress(2, 7, 1000, 990, 4, 6, 7000, 10_000, TimeSpan.FromSeconds(2)));
        progress.Finish();

        Assert.Equal("chunk 7 worker 2: 1000 accounts, 990 closed, 4 skipped, 6 conflicts; 7000 done of 10000 due, 3500/s" + Environment.NewLine, output.ToString());
    }

    [Fact]
    public void The_summary_names_what_was_closed_the_Connects_moved_the_fees_what_was_skipped_and_why_and_what_is_left()
    {
        var summary = new MonthEndSummary(
            Instant.FromUtc(2025, 3, 15, 0, 0), 2, Due: 1010, Closed: 1000, Stamped: 0, PeriodsClosed: 1400, Expired: 30, Forfeited: 700, Granted: 48_000,
            new Dictionary<string, decimal> { ["USD"] = 12_000m }, FeeLines: 600, new Dictionary<string, long> { ["AgencyIsClosed"] = 4, ["UnknownCatalog"] = 1 },
            Conflicts: 7, ConflictsLeft: 1, StillDue: 5, Chunks: 2, TimeSpan.FromSeconds(4));

        string text = Commands.Describe(summary);

        Assert.StartsWith("closed 1,000 accounts (1,400 periods) in 4.0 s, 250 accounts/s, 2 chunks", text, StringComparison.Ordinal);
        Assert.Contains("  Connects granted           48,000", text, StringComparison.Ordinal);
        Assert.Contains("  Connects forfeited            700", text, StringComparison.Ordinal);
        Assert.Contains("  Connects expired               30", text, StringComparison.Ordinal);
        Assert.Contains("  fees billed             12,000.00 USD", text, StringComparison.Ordinal);
        Assert.Contains("  skipped                         4 AgencyIsClosed (never read again)", text, StringComparison.Ordinal);
        Assert.Contains("  skipped                         1 UnknownCatalog (left as it is)", text, StringComparison.Ordinal);
        Assert.Contains("  conflicts                       7 (a request wrote first; tried again, 1 left for the next run)", text, StringComparison.Ordinal);
        Assert.EndsWith("  still due                       5 (run the job again to take them)", text, StringComparison.Ordinal);
        Assert.Equal(
            "month-end done: at=2025-03-15T00:00:00Z workers=2 due=1010 closed=1000 stamped=0 periods=1400 expired=30 forfeited=700 granted=48000 "
            + "fees=12000.00 USD fee_lines=600 skipped=5 conflicts=7 conflicts_left=1 still_due=5 chunks=2 seconds=4.00",
            summary.ToLogLine());
    }
}
