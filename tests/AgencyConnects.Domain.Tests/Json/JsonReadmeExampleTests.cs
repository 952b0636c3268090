using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Json;
using AgencyConnects.Domain.Membership;
using AgencyConnects.Domain.Values;
using NodaTime;
using Xunit;

namespace AgencyConnects.Domain.Tests.Json;

/// <summary>The JSON example of both READMEs is this file's <see cref="Example"/>, to the letter, and it runs as they say.</summary>
public sealed class JsonReadmeExampleTests
{
    [Fact]
    public void The_JSON_example_replays_an_agency_from_its_documents()
    {
        PersonId olivia = PersonId.Create("olivia").AsT0;
        Instant now = Instant.FromUtc(2025, 1, 10, 9, 0);
        Updated<AgencyAccount> created = AgencyAccount.Create(AgencyId.Create("acme").AsT0, olivia, now, AgencyDirectory.Empty).AsT0;
        Updated<AgencyAccount> upgraded = created.Account.UpgradeToPlus(olivia, now).AsT0;
        Updated<AgencyAccount> bought = upgraded.Account.BuyConnects(olivia, Connects.Create(20).AsT0, RequestKey.Create("order-1").AsT0, now).AsT0;
        List<AccountEvent> history = [.. created.Events, .. upgraded.Events, .. bought.Events];

        (AgencyAccount agency, ImmutableArray<AccountEvent> again) = Example(history);

        Assert.Equal(bought.Account.Balance, agency.Balance);
        Assert.Equal(bought.Account.Version, agency.Version);
        Assert.Equal(history, again);
    }

    [Theory]
    [InlineData("README.md")]
    [InlineData("src/AgencyConnects.Domain.Json/README.md")]
    public void The_README_shows_the_example_exactly(string readme)
    {
        string root = RepositoryRoot();
        string[] source = File.ReadAllLines(Path.Combine(root, "tests", "AgencyConnects.Domain.Tests", "Json", "JsonReadmeExampleTests.cs"));
        string example = string.Join('\n', source
            .SkipWhile(line => line.Trim() != "// README:begin").Skip(1)
            .TakeWhile(line => line.Trim() != "// README:end")
            .Select(line => line.Length >= 8 ? line[8..] : line.TrimStart()));
        string text = File.ReadAllText(Path.Combine(root, readme)).Replace("\r\n", "\n", StringComparison.Ordinal);

        Assert.False(string.IsNullOrWhiteSpace(example));
        Assert.Contains(example, text, StringComparison.Ordinal);
    }

    private static (AgencyAccount Agency, ImmutableArray<AccountEvent> Again) Example(IReadOnlyList<AccountEvent> history)
    {
        // README:begin
        AccountEventJson json = AccountEventJson.Default; // the shipped catalogs and TZDB; or new AccountEventJson(catalogs, zones)
        List<string> rows = [.. history.Select(json.Write)]; // {"type":"AgencyCreated","schema":1,"at":"2025-01-10T09:00:00Z",…}
        byte[] batch = json.WriteLines(history); // or many at once: newline-delimited JSON (WriteArray: a JSON array)

        var events = new List<AccountEvent>();
        foreach (string row in rows)
        {
            if (!json.Read(row).TryGetSuccess(out AccountEvent? read, out JsonContractError? error))
            {
                throw new InvalidDataException($"{error.Code} at {error.Path}: {error.Message}"); // Read itself never throws
            }

            events.Add(read);
        }

        AgencyAccount agency = AgencyAccount.Replay(events); // equals the live account
        ImmutableArray<AccountEvent> again = json.ReadLines(batch).SuccessOrThrow();
        // README:end
        return (agency, again);
    }

    /// <summary>The folder of the solution, above the test binaries (source paths are mapped away in CI builds).</summary>
    public static string RepositoryRoot()
    {
        string? directory = AppContext.BaseDirectory;
        while (directory is not null && !File.Exists(Path.Combine(directory, "AgencyConnects.Domain.sln")))
        {
            directory = Path.GetDirectoryName(directory);
        }

        return directory ?? throw new InvalidOperationException("The repository root was not found.");
    }
}
