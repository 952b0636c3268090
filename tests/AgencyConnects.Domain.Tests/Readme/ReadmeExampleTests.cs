using System;
using System.IO;
using System.Linq;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Membership;
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
        (AgencyAccount agency, string purchase) = Example();

        Assert.Equal("Bought 20 Connects for 20.00 USD", purchase);
        Assert.Equal(Connects.Create(180).AsT0, agency.Balance);
        Assert.Equal(60.00m, agency.Bill(Instant.MinValue, Instant.MaxValue).Total.Amount);
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

    private static (AgencyAccount Agency, string Purchase) Example()
    {
        // README:begin
        PersonId olivia = PersonId.Create("olivia").AsT0;
        Instant now = Instant.FromUtc(2025, 1, 10, 9, 0); // the host passes the time in; the library never reads a clock
        AgencyDirectory directory = AgencyDirectory.Empty; // who owns which agency, across agencies

        Updated<AgencyAccount> created = AgencyAccount.Create(AgencyId.Create("acme").AsT0, olivia, now, directory).AsT0;
        directory = directory.Apply(created);
        AgencyAccount agency = created.Account.UpgradeToPlus(olivia, now).AsT0.Account; // $20.00 charged, 80 Connects granted

        var result = agency.BuyConnects(olivia, Connects.Create(20).AsT0, RequestKey.Create("order-1").AsT0, now);
        string purchase = result.Match(
            bought => $"Bought {bought.Line.Quantity} for {bought.Line.Amount}",
            closed => "The agency is closed",
            invalid => $"Invalid {invalid.Parameter}: {invalid}", // e.g. an instant before the last change
            notAuthorized => $"{notAuthorized.Person} may not buy Connects",
            plan => $"{plan.Plan} cannot buy Connects",
            quantity => $"{quantity.Requested} cannot be bought",
            conflict => $"Request {conflict.Request} was used for another purchase",
            overflow => "The balance would overflow",
            money => "The price would overflow");
        agency = result.AsT0.Account; // 100 Connects

        // Month end: 100 unused Connects carry over (the cap is 160), 80 are granted, the next $20.00 fee is billed.
        agency = agency.CloseElapsedPeriods(Instant.FromUtc(2025, 2, 10, 0, 0)).AsT0.Account; // 180 Connects
        // README:end
        return (agency, purchase);
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
