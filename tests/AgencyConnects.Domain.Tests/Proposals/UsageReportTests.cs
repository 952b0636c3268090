using System;
using System.Linq;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Pool;
using AgencyConnects.Domain.Proposals;
using AgencyConnects.Domain.Tests.Lifecycle;
using NodaTime;
using Xunit;
using static AgencyConnects.Domain.Tests.Proposals.ProposalTestAgency;
using static AgencyConnects.Domain.Tests.TestData;

namespace AgencyConnects.Domain.Tests.Proposals;

public class UsageReportTests
{
    /// <summary>
    /// At(1) Bella submits p1 for Ben (6 + 10); At(2) Ben submits p2 for himself (4); At(3) Olivia submits p3 for Fiona
    /// (2 + 5); At(4) p1 is outbid (10 back); At(5) p3's job is cancelled (7 back). Olivia also buys 20 at At(3).
    /// </summary>
    private static Given.Story<AgencyAccount> Team()
        => PlusStory()
            .Submit(Bella, Ben, "p1", 6, 10, At(1))
            .Submit(Ben, Ben, "p2", 4, 0, At(2))
            .Submit(Olivia, Fiona, "p3", 2, 5, At(3))
            .Then(a => a.BuyConnects(Olivia, C(20), Key("buy"), At(3)).AsT0)
            .Then(a => a.RecordOutcome(Proposal("p1"), ProposalOutcome.Outbid, At(4)).AsT0)
            .Then(a => a.RecordOutcome(Proposal("p3"), ProposalOutcome.JobCancelled, At(5)).AsT0);

    private static (long Spent, long Refunded) LedgerSums(AccountHistory agency, Instant from, Instant to)
    {
        LedgerEntry[] inRange = agency.Ledger.Where(e => e.At >= from && e.At < to).ToArray();
        return (
            inRange.Where(e => e.Kind == LedgerEntryKind.Spent).Sum(e => (long)e.Quantity.Value),
            inRange.Where(e => e.Kind == LedgerEntryKind.Refunded).Sum(e => (long)e.Quantity.Value));
    }

    [Fact]
    public void Each_person_is_reported_as_assignee_and_as_submitter_ordered_by_person()
    {
        UsageReport report = Team().History.Usage(Start, At(60));

        Assert.Equal(
            new[]
            {
                new MemberUsage(Bella, SpentAsAssignee: 0, RefundedAsAssignee: 0, SpentAsSubmitter: 16, RefundedAsSubmitter: 10),
                new MemberUsage(Ben, SpentAsAssignee: 20, RefundedAsAssignee: 10, SpentAsSubmitter: 4, RefundedAsSubmitter: 0),
                new MemberUsage(Fiona, SpentAsAssignee: 7, RefundedAsAssignee: 7, SpentAsSubmitter: 0, RefundedAsSubmitter: 0),
                new MemberUsage(Olivia, SpentAsAssignee: 0, RefundedAsAssignee: 0, SpentAsSubmitter: 7, RefundedAsSubmitter: 7),
            },
            report.Members);
        Assert.Equal(27, report.TotalSpent);
        Assert.Equal(17, report.TotalRefunded);
        Assert.Equal(Start, report.From);
        Assert.Equal(At(60), report.To);
    }

    [Fact]
    public void Team_totals_equal_the_ledger_spending_and_refunds_over_the_same_range()
    {
        AccountHistory agency = Team().History;

        foreach ((Instant from, Instant to) in new[] { (Start, At(60)), (At(2), At(5)), (At(4), At(6)), (At(1), At(2)) })
        {
            UsageReport report = agency.Usage(from, to);
            (long spent, long refunded) = LedgerSums(agency, from, to);

            Assert.Equal(spent, report.TotalSpent);
            Assert.Equal(refunded, report.TotalRefunded);
            Assert.Equal(spent, report.Members.Sum(m => m.SpentAsAssignee));
            Assert.Equal(spent, report.Members.Sum(m => m.SpentAsSubmitter));
            Assert.Equal(refunded, report.Members.Sum(m => m.RefundedAsAssignee));
            Assert.Equal(refunded, report.Members.Sum(m => m.RefundedAsSubmitter));
        }
    }

    [Fact]
    public void The_start_of_the_range_is_included_and_its_end_excluded()
    {
        AccountHistory agency = Team().History;

        UsageReport report = agency.Usage(At(2), At(4));

        // p2 (At(2), 4) and p3 (At(3), 7) are in; p1's spending (At(1)) and its outbid refund (At(4)) are out.
        Assert.Equal(11, report.TotalSpent);
        Assert.Equal(0, report.TotalRefunded);
        Assert.Equal(
            new[]
            {
                new MemberUsage(Ben, 4, 0, 4, 0),
                new MemberUsage(Fiona, 7, 0, 0, 0),
                new MemberUsage(Olivia, 0, 0, 7, 0),
            },
            report.Members);

        UsageReport justAfter = agency.Usage(At(2) + Duration.Epsilon, At(4) + Duration.Epsilon);
        Assert.Equal(7, justAfter.TotalSpent);
        Assert.Equal(10, justAfter.TotalRefunded);
    }

    [Fact]
    public void An_empty_or_reversed_range_reports_nothing()
    {
        AccountHistory agency = Team().History;

        foreach (UsageReport report in new[] { agency.Usage(At(1), At(1)), agency.Usage(At(5), At(1)) })
        {
            Assert.Empty(report.Members);
            Assert.Equal(0, report.TotalSpent);
            Assert.Equal(0, report.TotalRefunded);
        }
    }

    [Fact]
    public void Grants_and_purchases_are_not_usage()
    {
        AccountHistory agency = PlusStory().Then(a => a.BuyConnects(Olivia, C(20), Key("buy"), At(1)).AsT0).History;

        UsageReport report = agency.Usage(Start, At(60));

        Assert.Empty(report.Members);
        Assert.Equal(0, report.TotalSpent);
        Assert.Equal(0, report.TotalRefunded);
    }

    [Fact]
    public void Usage_spans_periods_and_survives_month_end()
    {
        AccountHistory agency = Team().Submit(Ben, Ben, "p4", 3, 0, Utc(2025, 2, 12)).Submit(Ben, Ben, "p5", 1, 0, Utc(2025, 3, 12)).History;

        Assert.Equal(30, agency.Usage(Start, Utc(2025, 3, 1)).TotalSpent);
        Assert.Equal(4, agency.Usage(Utc(2025, 2, 10), Utc(2025, 4, 1)).TotalSpent);
        Assert.Equal(new MemberUsage(Ben, 24, 10, 8, 0), agency.Usage(Start, Utc(2025, 4, 1)).Members.Single(m => m.Person == Ben));
    }

    [Fact]
    public void A_history_of_a_null_event_stream_or_event_throws_ArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => AccountHistory.Of(null!));
        Assert.Throws<ArgumentNullException>(() => AccountHistory.For(null!));
        Assert.Throws<ArgumentNullException>(() => AccountHistory.LedgerEntriesOf(null!));
        Assert.Throws<ArgumentNullException>(() => AccountHistory.BillLineOf(null!));
        Assert.Throws<ArgumentNullException>(() => Team().History.Apply(null!));
        Assert.Throws<ArgumentNullException>(() => Team().History.Bill((DateInterval)null!));
    }
}
