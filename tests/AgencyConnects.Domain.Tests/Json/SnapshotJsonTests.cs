using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Billing;
using AgencyConnects.Domain.Json;
using AgencyConnects.Domain.Membership;
using AgencyConnects.Domain.Plans;
using AgencyConnects.Domain.Pool;
using AgencyConnects.Domain.Proposals;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;
using Xunit;
using static AgencyConnects.Domain.Tests.TestData;

namespace AgencyConnects.Domain.Tests.Json;

/// <summary>The account snapshot's JSON form: its golden document, round trips over random histories, and its errors.</summary>
public sealed class SnapshotJsonTests
{
    private static readonly AccountEventJson s_json = JsonHistory.Json;

    private static Config Runs(int quick) => Config.QuickThrowOnFailure.WithMaxTest(PropertyRuns.Or(quick));

    /// <summary>A snapshot with every field used, written out so the document does not follow the core's code.</summary>
    public static AccountSnapshot Sample { get; } = new()
    {
        Kind = AccountKind.Agency,
        Agency = Agency("acme"),
        Principal = Person("olivia"),
        IsClosed = false,
        Catalog = "Current",
        Zone = "Europe/Paris",
        Policy = MonthEndPolicy.FirstOfNextMonth,
        RequestRetention = Duration.FromHours(24),
        Plan = Plan.AgencyPlus,
        Anchor = new LocalDate(2025, 1, 31),
        PeriodIndex = 1,
        PendingChange = (PlanChangeScheduled)SampleEvents.ByTag["PlanChangeScheduled"],
        Lots =
        [
            new Lot(LotSource.CarriedOver, C(160), Instant.FromUtc(2025, 1, 30, 23, 0), null),
            new Lot(LotSource.Purchase, C(40), Instant.FromUtc(2025, 2, 3, 14, 5), Instant.FromUtc(2026, 2, 3, 13, 5)),
        ],
        Members =
        [
            new Member(Person("olivia"), Permissions.All, MembershipKind.Exclusive, Instant.FromUtc(2025, 1, 31, 8, 30)),
            new Member(Person("bruno"), Permissions.Freelancer, MembershipKind.NonExclusive, Instant.FromUtc(2025, 2, 1, 8, 30)),
        ],
        OpenProposals = [((ProposalSubmitted)SampleEvents.ByTag["ProposalSubmitted"]).Proposal],
        Requests = [SampleEvents.ByTag["ConnectsBought"], SampleEvents.ByTag["ProposalSubmitted"]],
        ClosedProposals = [new ClosedProposal(Proposal("job-7"), ProposalOutcome.Declined, Instant.FromUtc(2025, 2, 2, 10, 0))],
        Version = 42,
        LastChangedAt = Instant.FromUtc(2025, 2, 3, 14, 5),
    };

    private static string GoldenFile => Path.Combine(GoldenDocumentTests.GoldenFolder(), "AccountSnapshot.json");

    [Fact]
    public void The_golden_snapshot_reads_as_its_snapshot()
        => Assert.Equal(Sample, AccountEventJson.Default.ReadSnapshot(File.ReadAllText(GoldenFile).TrimEnd('\n')).SuccessOrThrow());

    [Fact]
    public void Writing_the_snapshot_gives_its_golden_document_byte_for_byte()
    {
        string written = AccountEventJson.Default.WriteSnapshot(Sample);
        if (Environment.GetEnvironmentVariable(GoldenDocumentTests.UpdateVariable) == "1")
        {
            File.WriteAllText(GoldenFile, written + "\n");
        }

        Assert.Equal(File.ReadAllText(GoldenFile).ReplaceLineEndings("\n").TrimEnd('\n'), written);
    }

    [Fact]
    public void Every_snapshot_written_and_read_back_is_equal_and_loads_as_the_live_account()
        => Check.One(Runs(100), Prop.ForAll(Arb.From(JsonHistory.Any(40)), history =>
        {
            (List<AccountEvent> events, object live) = history.Build();
            AccountSnapshot snapshot = ((ConnectsAccount)live).ToSnapshot();

            AccountSnapshot read = s_json.ReadSnapshot(s_json.WriteSnapshotUtf8(snapshot)).SuccessOrThrow();

            Assert.Equal(snapshot, read);
            JsonAccounts.AssertSame(live, JsonAccounts.Load(read, [], s_json));
        }));

    [Fact]
    public void An_account_loaded_from_a_JSON_snapshot_and_the_JSON_events_after_it_equals_the_live_account()
        => Check.One(Runs(100), Prop.ForAll(Arb.From(JsonHistory.Any(40).SelectMany(h => Gen.Choose(1, 1000).Select(cut => (h, cut)))), c =>
        {
            (List<AccountEvent> events, object live) = c.h.Build();
            int cut = c.cut % events.Count + 1;
            AccountSnapshot early = ((ConnectsAccount)JsonAccounts.Replay(events.GetRange(0, cut))).ToSnapshot();

            AccountSnapshot read = s_json.ReadSnapshot(s_json.WriteSnapshot(early)).SuccessOrThrow();
            var after = s_json.ReadLines(s_json.WriteLines(events.Skip(cut))).SuccessOrThrow();

            JsonAccounts.AssertSame(live, JsonAccounts.Load(read, after, s_json));
        }));

    [Theory]
    [InlineData("\"catalog\":\"Current\"", "\"catalog\":\"Legacy\"", "UnknownCatalogName", "$.catalog")]
    [InlineData("\"zone\":\"Europe/Paris\"", "\"zone\":\"Mars/Base\"", "UnknownTimeZoneId", "$.zone")]
    [InlineData("\"version\":42", "\"version\":0", "InvalidValue", "$.version")]
    [InlineData("\"periodIndex\":1", "\"periodIndex\":-1", "InvalidValue", "$.periodIndex")]
    [InlineData("\"quantity\":160", "\"quantity\":-160", "InvalidValue", "$.lots[0].quantity")]
    [InlineData("\"quantity\":160", "\"quantity\":0", "InvalidValue", "$.lots[0].quantity")]
    [InlineData("\"source\":\"CarriedOver\"", "\"source\":\"Gift\"", "InvalidValue", "$.lots[0].source")]
    [InlineData("\"quantity\":40,\"expiresAt\"", "\"quantity\":-40,\"expiresAt\"", "InvalidValue", "$.requests[0].quantity")]
    [InlineData("\"request\":\"submit-1\"", "\"request\":\"submit-1\",\"extra\":1", "UnexpectedField", "$.requests[1].extra")]
    [InlineData("\"type\":\"PlanChangeScheduled\"", "\"type\":\"PlanChanged\"", "UnexpectedField", "$.pendingChange.actor")]
    [InlineData("\"person\":\"bruno\"", "\"person\":\"\"", "InvalidValue", "$.members[1].person")]
    [InlineData("\"outcome\":\"Declined\"", "\"outcome\":\"Outbid\"", "InvalidValue", "$.closedProposals[0].outcome")]
    [InlineData("\"lastChangedAt\":\"2025-02-03T14:05:00Z\"", "\"lastChangedAt\":null", "MissingField", "$.lastChangedAt")]
    [InlineData("\"requestRetention\":\"1:00:00:00\"", "\"requestRetention\":\"a day\"", "InvalidValue", "$.requestRetention")]
    [InlineData("\"requestRetention\":\"1:00:00:00\"", "\"requestRetention\":86400", "WrongJsonType", "$.requestRetention")]
    [InlineData("\"lots\":[", "\"lots\":[null,", "WrongJsonType", "$.lots[0]")]
    [InlineData("\"requests\":[", "\"requests\":[7,", "WrongJsonType", "$.requests[0]")]
    public void A_bad_snapshot_is_a_named_error_with_its_path(string text, string replacement, string code, string path)
    {
        string golden = AccountEventJson.Default.WriteSnapshot(Sample);
        Assert.Contains(text, golden, StringComparison.Ordinal);

        JsonContractError error = AccountEventJson.Default.ReadSnapshot(golden.Replace(text, replacement, StringComparison.Ordinal)).AsT1;

        Assert.Equal((code, path), (error.Code, error.Path));
    }

    [Fact]
    public void An_event_is_not_a_snapshot()
        => Assert.Equal(new UnknownTypeTag("$.type", "ConnectsExpired"), AccountEventJson.Default.ReadSnapshot(AccountEventJson.Default.Write(SampleEvents.ByTag["ConnectsExpired"])).AsT1);

    [Fact]
    public void A_snapshot_is_not_an_event()
        => Assert.Equal(new UnknownTypeTag("$.type", "AccountSnapshot"), AccountEventJson.Default.Read(AccountEventJson.Default.WriteSnapshot(Sample)).AsT1);
}
