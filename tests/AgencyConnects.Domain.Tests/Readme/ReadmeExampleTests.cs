using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Membership;
using AgencyConnects.Domain.Pool;
using AgencyConnects.Domain.Values;
using NodaTime;
using Xunit;

namespace AgencyConnects.Domain.Tests.Readme;

/// <summary>The README's usage example is this file's <see cref="Example"/>, to the letter, and it runs as the README says.</summary>
public class ReadmeExampleTests
{
    [Fact]
    public void The_usage_example_runs_as_the_README_says()
    {
        (AgencyAccount agency, AccountHistory history, Bill january, string? refused) = Example();

        Assert.Null(refused);
        Assert.Equal(Connects.Create(180).AsT0, agency.Balance);
        Assert.Equal(40.00m, january.Total.Amount);
        Assert.Equal(60.00m, history.Bill(Instant.MinValue, Instant.MaxValue).Total.Amount);
        Assert.Equal(agency.Balance.Value, history.Ledger.Sum(entry => entry.Delta));
    }

    [Fact]
    public void The_README_shows_the_example_exactly()
    {
        string[] source = File.ReadAllLines(Path.Combine(RepositoryRoot(), "tests", "AgencyConnects.Domain.Tests", "Readme", "ReadmeExampleTests.cs"));
        string example = string.Join('\n', source
            .SkipWhile(line => line.Trim() != "// README:begin").Skip(1)
            .TakeWhile(line => line.Trim() != "// README:end")
            .Select(line => line.Length >= 8 ? line[8..] : line.TrimStart()));
        string readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md")).Replace("\r\n", "\n", StringComparison.Ordinal);

        Assert.False(string.IsNullOrWhiteSpace(example));
        Assert.Contains(example, readme, StringComparison.Ordinal);
    }

    private static (AgencyAccount Agency, AccountHistory History, Bill January, string? Refused) Example()
    {
        // README:begin
        PersonId olivia = PersonId.Create("olivia").AsT0;
        Instant now = Instant.FromUtc(2025, 1, 10, 9, 0); // the host passes the time in; the library never reads a clock
        AgencyDirectory directory = AgencyDirectory.Empty; // who owns which agency, across agencies

        var created = AgencyAccount.Create(AgencyId.Create("acme").AsT0, olivia, now, directory).SuccessOrThrow();
        var upgraded = created.Account.UpgradeToPlus(olivia, now).SuccessOrThrow(); // $20.00 charged, 80 Connects granted
        directory = directory.Apply(created).Apply(upgraded);

        var result = upgraded.Account.BuyConnects(olivia, Connects.Create(20).AsT0, RequestKey.Create("order-1").AsT0, now);
        if (!result.TryGetSuccess(out var bought, out DomainError? error))
        {
            return Refused(error); // error.Code ("NotAuthorized", ...) and error.Message map to an HTTP problem
        }

        // Month end: 100 unused Connects carry over (the cap is 160), 80 are granted, the next $20.00 fee is billed.
        var closed = bought.Account.CloseElapsedPeriods(Instant.FromUtc(2025, 2, 10, 0, 0)).SuccessOrThrow(); // 180 Connects
        List<AccountEvent> events = [.. created.Events, .. upgraded.Events, .. bought.Events, .. closed.Events]; // the host stores these
        AccountHistory history = AccountHistory.Of(events); // ledger, bills and usage are projections of the events
        Bill january = history.Bill(new DateInterval(new LocalDate(2025, 1, 1), new LocalDate(2025, 1, 31))); // $40.00
        // README:end
        return (closed.Account, history, january, null);
    }

    private static (AgencyAccount Agency, AccountHistory History, Bill January, string? Refused) Refused(DomainError error)
        => (default!, default!, default!, error.Code);

    [Fact]
    public void The_storage_example_runs_as_the_README_says()
    {
        (AgencyAccount loaded, AgencyAccount live) = StorageExample();

        Assert.Equal(live.Version, loaded.Version);
        Assert.Equal(live.Balance, loaded.Balance);
        Assert.Equal(live.ToSnapshot(), loaded.ToSnapshot());
    }

    [Fact]
    public void The_README_shows_the_storage_example_exactly()
    {
        string[] source = File.ReadAllLines(Path.Combine(RepositoryRoot(), "tests", "AgencyConnects.Domain.Tests", "Readme", "ReadmeExampleTests.cs"));
        string example = string.Join('\n', source
            .SkipWhile(line => line.Trim() != "// README:store-begin").Skip(1)
            .TakeWhile(line => line.Trim() != "// README:store-end")
            .Select(line => line.Length >= 8 ? line[8..] : line.TrimStart()));
        string readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md")).Replace("\r\n", "\n", StringComparison.Ordinal);

        Assert.False(string.IsNullOrWhiteSpace(example));
        Assert.Contains(example, readme, StringComparison.Ordinal);
    }

    private static (AgencyAccount Loaded, AgencyAccount Live) StorageExample()
    {
        PersonId olivia = PersonId.Create("olivia").AsT0;
        Instant now = Instant.FromUtc(2025, 1, 10, 9, 0);
        var created = AgencyAccount.Create(AgencyId.Create("acme").AsT0, olivia, now, AgencyDirectory.Empty).SuccessOrThrow();
        AccountSnapshot storedSnapshot = created.Account.ToSnapshot();
        List<AccountEvent> storedEventsAfter = [];
        // README:store-begin
        // Load: the latest snapshot, then the events stored after its version.
        AgencyAccount agency = AgencyAccount.Load(storedSnapshot, storedEventsAfter).SuccessOrThrow();

        var change = agency.UpgradeToPlus(olivia, now.Plus(Duration.FromHours(1))).SuccessOrThrow();

        // Save, in one transaction: the events under (stream, version), a new snapshot when it is due, the ledger rows.
        storedEventsAfter.AddRange(change.Events); // the unique (stream, version) key is the concurrency check
        AccountSnapshot snapshot = change.Account.ToSnapshot(); // bounded by what is live, however old the agency
        IEnumerable<LedgerEntry> ledgerRows = change.Events.SelectMany(e => AccountHistory.LedgerEntriesOf(e));
        // README:store-end
        Assert.Equal(LedgerEntryKind.Granted, Assert.Single(ledgerRows).Kind);
        return (AgencyAccount.Load(snapshot, []).SuccessOrThrow(), change.Account);
    }

    [Fact]
    public void The_month_end_example_runs_as_the_README_says()
    {
        PersonId olivia = PersonId.Create("olivia").AsT0;
        Instant opened = Instant.FromUtc(2025, 1, 10, 9, 0);
        AgencyAccount acme = AgencyAccount.Create(AgencyId.Create("acme").AsT0, olivia, opened, AgencyDirectory.Empty).SuccessOrThrow().Account
            .UpgradeToPlus(olivia, opened).SuccessOrThrow().Account;
        AgencyAccount gone = AgencyAccount.Create(AgencyId.Create("gone").AsT0, olivia, opened, AgencyDirectory.Empty).SuccessOrThrow().Account
            .Close(olivia, opened).SuccessOrThrow().Account;
        Instant now = Instant.FromUtc(2025, 2, 10, 0, 0);

        (List<string> skipped, FakeStore store) = MonthEndExample(now, [acme.ToSnapshot(), gone.ToSnapshot()]);

        Assert.Equal(["AgencyIsClosed"], skipped);
        Updated<AgencyAccount> expected = acme.CloseElapsedPeriods(now).SuccessOrThrow();
        (AccountSnapshot snapshot, IReadOnlyList<AccountEvent> events, Instant nextCloseAt) = Assert.Single(store.Saved);
        Assert.Equal(expected.Account.ToSnapshot(), snapshot);
        Assert.Equal<AccountEvent>(expected.Events, events);
        Assert.Equal(Instant.FromUtc(2025, 3, 10, 0, 0), nextCloseAt);
    }

    [Fact]
    public void The_README_shows_the_month_end_example_exactly()
    {
        string[] source = File.ReadAllLines(Path.Combine(RepositoryRoot(), "tests", "AgencyConnects.Domain.Tests", "Readme", "ReadmeExampleTests.cs"));
        string example = string.Join('\n', source
            .SkipWhile(line => line.Trim() != "// README:month-end-begin").Skip(1)
            .TakeWhile(line => line.Trim() != "// README:month-end-end")
            .Select(line => line.Length >= 8 ? line[8..] : line.TrimStart()));
        string readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md")).Replace("\r\n", "\n", StringComparison.Ordinal);

        Assert.False(string.IsNullOrWhiteSpace(example));
        Assert.Contains(example, readme, StringComparison.Ordinal);
    }

    private static (List<string> Skipped, FakeStore Store) MonthEndExample(Instant now, AccountSnapshot[] dueSnapshots)
    {
        List<string> skipped = [];
        FakeStore store = new();
        // README:month-end-begin
        MonthEndChunk chunk = MonthEndChunk.Close(now, dueSnapshots); // agencies and freelancers, any registered catalogs
        for (int i = 0; i < chunk.Count; i++)
        {
            if (!chunk.Result(i).TryGetSuccess(out MonthEndClosed? closed, out DomainError? why))
            {
                skipped.Add(why.Code); // left out, with the error loading and closing it would give ("AgencyIsClosed", ...)
                continue;
            }

            // In one transaction: the events after the snapshot's version (the concurrency check), the snapshot, the due index.
            store.Save(closed.Snapshot, closed.Events, closed.NextCloseAt); // closed.Outcome sums the Connects it moved
        }
        // README:month-end-end
        return (skipped, store);
    }

    /// <summary>What the month-end example writes, kept.</summary>
    private sealed class FakeStore
    {
        public List<(AccountSnapshot Snapshot, IReadOnlyList<AccountEvent> Events, Instant NextCloseAt)> Saved { get; } = [];

        public void Save(AccountSnapshot snapshot, IReadOnlyList<AccountEvent> events, Instant nextCloseAt) => Saved.Add((snapshot, events, nextCloseAt));
    }

    private static string RepositoryRoot()
    {
        string? directory = AppContext.BaseDirectory;
        while (directory is not null && !File.Exists(Path.Combine(directory, "AgencyConnects.Domain.sln")))
        {
            directory = Path.GetDirectoryName(directory);
        }

        return directory ?? throw new InvalidOperationException("The repository root was not found.");
    }
}
