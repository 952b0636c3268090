using System.Linq;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Membership;
using AgencyConnects.Domain.Pool;
using AgencyConnects.Domain.Proposals;
using AgencyConnects.Domain.Tests.Lifecycle;
using AgencyConnects.Domain.Values;
using NodaTime;
using Xunit;
using static AgencyConnects.Domain.Tests.Proposals.ProposalTestAgency;
using static AgencyConnects.Domain.Tests.TestData;

namespace AgencyConnects.Domain.Tests.Proposals;

public class RecordOutcomeTests
{
    /// <summary>Bella submitted p1 for Ben: cost 6, boost 10; 64 Connects left.</summary>
    private static Lifecycle.Given.Story<AgencyAccount> WithProposal(int cost = 6, int boost = 10) => PlusStory().Submit(Bella, Ben, "p1", cost, boost, At(1));

    private static Updated<AgencyAccount> Record(AgencyAccount agency, ProposalOutcome outcome, Instant at)
        => agency.RecordOutcome(Proposal("p1"), outcome, at).AsT0;

    [Theory]
    [InlineData(ProposalOutcome.Withdrawn)]
    [InlineData(ProposalOutcome.Declined)]
    [InlineData(ProposalOutcome.Expired)]
    [InlineData(ProposalOutcome.HiredElsewhere)]
    [InlineData(ProposalOutcome.Hired)]
    public void Outcomes_without_refund_close_the_proposal_and_give_nothing_back(ProposalOutcome outcome)
    {
        Lifecycle.Given.Story<AgencyAccount> agency = WithProposal();

        Updated<AgencyAccount> recorded = Record(agency, outcome, At(2));

        Assert.Equal(new AccountEvent[] { new ProposalOutcomeRecorded(At(2), null, Proposal("p1"), outcome, C(0), null, Ben, Bella) }, recorded.Events);
        Assert.Equal(
            new Proposal(Proposal("p1"), Bella, Ben, C(6), C(10), At(1), ProposalStatus.Closed, outcome, C(0), BoostRefunded: false),
            agency.Then(_ => recorded).History.Proposals[Proposal("p1")]);
        Assert.Equal(C(64), recorded.Account.Balance);
        Assert.Empty(recorded.Entries());
        Assert.Equal(agency.Account.Pool.Lots.AsEnumerable(), recorded.Account.Pool.Lots);
        Assert.Equal(0, recorded.Account.OpenProposalsAssignedTo(Ben));
    }

    [Theory]
    [InlineData(ProposalOutcome.JobCancelled)]
    [InlineData(ProposalOutcome.JobRemoved)]
    public void A_cancelled_or_removed_job_gives_back_cost_and_boost_as_one_refund_entry_and_one_refund_lot(ProposalOutcome outcome)
    {
        Lifecycle.Given.Story<AgencyAccount> agency = WithProposal();

        Updated<AgencyAccount> recorded = Record(agency, outcome, At(2));

        Assert.Equal(new AccountEvent[] { new ProposalOutcomeRecorded(At(2), null, Proposal("p1"), outcome, C(16), null, Ben, Bella) }, recorded.Events);
        Assert.Equal(
            new Proposal(Proposal("p1"), Bella, Ben, C(6), C(10), At(1), ProposalStatus.Closed, outcome, C(16), BoostRefunded: true),
            agency.Then(_ => recorded).History.Proposals[Proposal("p1")]);
        Assert.Equal(C(80), recorded.Account.Balance);
        LedgerEntry refund = Assert.Single(recorded.Entries());
        Assert.Equal(new LedgerEntry(LedgerEntryKind.Refunded, C(16), At(2), null, Proposal("p1"), Ben, IsBoost: false, Submitter: Bella), refund);
        Assert.Equal(new Lot(LotSource.Refund, C(16), At(2), null), Assert.Single(recorded.Account.Pool.Lots, lot => lot.Source == LotSource.Refund));
        Assert.Equal(0, recorded.Account.OpenProposalsAssignedTo(Ben));
    }

    [Fact]
    public void Outbid_gives_back_the_boost_only_and_the_proposal_stays_open()
    {
        Lifecycle.Given.Story<AgencyAccount> agency = WithProposal();

        Updated<AgencyAccount> recorded = Record(agency, ProposalOutcome.Outbid, At(2));

        Assert.Equal(new AccountEvent[] { new ProposalOutcomeRecorded(At(2), null, Proposal("p1"), ProposalOutcome.Outbid, C(10), null, Ben, Bella) }, recorded.Events);
        Assert.Equal(
            new Proposal(Proposal("p1"), Bella, Ben, C(6), C(10), At(1), ProposalStatus.Open, null, C(10), BoostRefunded: true),
            agency.Then(_ => recorded).History.Proposals[Proposal("p1")]);
        Assert.Equal(C(74), recorded.Account.Balance);
        LedgerEntry refund = Assert.Single(recorded.Entries());
        Assert.Equal(new LedgerEntry(LedgerEntryKind.Refunded, C(10), At(2), null, Proposal("p1"), Ben, IsBoost: true, Submitter: Bella), refund);
        Assert.Equal(new Lot(LotSource.Refund, C(10), At(2), null), Assert.Single(recorded.Account.Pool.Lots, lot => lot.Source == LotSource.Refund));
        Assert.Equal(1, recorded.Account.OpenProposalsAssignedTo(Ben));
    }

    [Theory]
    [InlineData(ProposalOutcome.JobCancelled)]
    [InlineData(ProposalOutcome.JobRemoved)]
    public void Outbid_then_a_cancelled_job_gives_back_only_the_cost_never_more_than_it_cost(ProposalOutcome outcome)
    {
        Lifecycle.Given.Story<AgencyAccount> agency = WithProposal().Then(a => Record(a, ProposalOutcome.Outbid, At(2)));

        Updated<AgencyAccount> recorded = Record(agency, outcome, At(3));

        Assert.Equal(C(6), Assert.IsType<ProposalOutcomeRecorded>(Assert.Single(recorded.Events)).Refund);
        Proposal proposal = agency.Then(_ => recorded).History.Proposals[Proposal("p1")];
        Assert.Equal(C(16), proposal.Refunded);
        Assert.Equal(ProposalStatus.Closed, proposal.Status);
        Assert.Equal(outcome, proposal.Outcome);
        Assert.Equal(C(80), recorded.Account.Balance);
        Assert.Equal(
            new LedgerEntry(LedgerEntryKind.Refunded, C(6), At(3), null, Proposal("p1"), Ben, IsBoost: false, Submitter: Bella),
            recorded.Entries()[^1]);
        long spent = agency.Then(_ => recorded).History.Ledger.Where(e => e.Proposal == Proposal("p1") && e.Kind == LedgerEntryKind.Spent).Sum(e => (long)e.Quantity.Value);
        long refunded = agency.Then(_ => recorded).History.Ledger.Where(e => e.Proposal == Proposal("p1") && e.Kind == LedgerEntryKind.Refunded).Sum(e => (long)e.Quantity.Value);
        Assert.Equal(16, spent);
        Assert.Equal(16, refunded);
    }

    [Fact]
    public void Outbid_then_declined_gives_back_nothing_more()
    {
        Lifecycle.Given.Story<AgencyAccount> agency = WithProposal().Then(a => Record(a, ProposalOutcome.Outbid, At(2)));

        Updated<AgencyAccount> recorded = Record(agency, ProposalOutcome.Declined, At(3));

        Assert.Equal(C(10), agency.Then(_ => recorded).History.Proposals[Proposal("p1")].Refunded);
        Assert.Equal(C(74), recorded.Account.Balance);
        Assert.Equal(ProposalStatus.Closed, agency.Then(_ => recorded).History.Proposals[Proposal("p1")].Status);
    }

    [Fact]
    public void A_cancelled_job_without_boost_gives_back_the_cost()
    {
        Lifecycle.Given.Story<AgencyAccount> agency = WithProposal(cost: 6, boost: 0);
        Updated<AgencyAccount> recorded = Record(agency, ProposalOutcome.JobCancelled, At(2));

        Assert.Equal(C(6), agency.Then(_ => recorded).History.Proposals[Proposal("p1")].Refunded);
        Assert.False(agency.Then(_ => recorded).History.Proposals[Proposal("p1")].BoostRefunded);
        Assert.Equal(C(80), recorded.Account.Balance);
    }

    [Fact]
    public void A_cancelled_job_that_cost_nothing_gives_back_nothing_and_adds_no_entry()
    {
        Lifecycle.Given.Story<AgencyAccount> agency = WithProposal(cost: 0, boost: 0);

        Updated<AgencyAccount> recorded = Record(agency, ProposalOutcome.JobCancelled, At(2));

        Assert.Empty(recorded.Entries());
        Assert.Equal(ProposalStatus.Closed, agency.Then(_ => recorded).History.Proposals[Proposal("p1")].Status);
    }

    [Fact]
    public void Outbid_without_a_boost_has_no_boost_to_refund()
    {
        var result = WithProposal(cost: 6, boost: 0).Account.RecordOutcome(Proposal("p1"), ProposalOutcome.Outbid, At(2));

        Assert.Equal(new NoBoostToRefund(Proposal("p1")), result.AsT5);
    }

    [Fact]
    public void Outbid_twice_has_no_boost_to_refund_the_second_time()
    {
        Lifecycle.Given.Story<AgencyAccount> agency = WithProposal().Then(a => Record(a, ProposalOutcome.Outbid, At(2)));

        var result = agency.Account.RecordOutcome(Proposal("p1"), ProposalOutcome.Outbid, At(3));

        Assert.Equal(new NoBoostToRefund(Proposal("p1")), result.AsT5);
        Assert.Equal(C(74), agency.Account.Balance);
    }

    [Theory]
    [InlineData(ProposalOutcome.Hired, ProposalOutcome.JobCancelled)]
    [InlineData(ProposalOutcome.Declined, ProposalOutcome.Outbid)]
    [InlineData(ProposalOutcome.JobCancelled, ProposalOutcome.JobCancelled)]
    [InlineData(ProposalOutcome.JobRemoved, ProposalOutcome.JobCancelled)]
    [InlineData(ProposalOutcome.Withdrawn, ProposalOutcome.Hired)]
    public void A_closed_proposal_accepts_no_further_outcome_and_is_refunded_at_most_once(ProposalOutcome first, ProposalOutcome second)
    {
        AgencyAccount agency = Record(WithProposal(), first, At(2)).Account;

        var result = agency.RecordOutcome(Proposal("p1"), second, At(3));

        Assert.Equal(new ProposalAlreadyClosed(Proposal("p1"), first), result.AsT4);
    }

    [Theory]
    [InlineData(ProposalOutcome.JobCancelled, 16)]
    [InlineData(ProposalOutcome.JobRemoved, 16)]
    [InlineData(ProposalOutcome.Outbid, 10)]
    public void A_refund_the_balance_cannot_hold_is_a_named_overflow_not_a_crash(ProposalOutcome outcome, int refund)
    {
        // Bought up to the largest balance after submitting: the refund would not fit.
        AgencyAccount agency = WithProposal().Account.BuyConnects(Olivia, C(int.MaxValue - 64), Key("buy"), At(2)).AsT0.Account;
        Assert.Equal(Connects.MaxValue, agency.Balance);

        var result = agency.RecordOutcome(Proposal("p1"), outcome, At(3));

        Assert.Equal(new ConnectsOverflow(Connects.MaxValue, C(refund)), result.AsT6);
        Assert.Equal(ProposalStatus.Open, agency.Proposals[Proposal("p1")].Status);
        Assert.True(agency.RecordOutcome(Proposal("p1"), ProposalOutcome.Declined, At(3)).IsT0);
    }

    [Fact]
    public void An_undefined_outcome_is_an_UndefinedValue_not_a_closed_proposal()
    {
        Lifecycle.Given.Story<AgencyAccount> agency = WithProposal();

        var result = agency.Account.RecordOutcome(Proposal("p1"), (ProposalOutcome)42, At(2));

        Assert.Equal(new UndefinedValue("outcome", nameof(ProposalOutcome), 42), result.AsT2);
        Assert.Equal(ProposalStatus.Open, agency.Account.Proposals[Proposal("p1")].Status);
    }

    [Fact]
    public void An_unknown_proposal_is_not_found()
    {
        var result = WithProposal().Account.RecordOutcome(Proposal("p9"), ProposalOutcome.JobCancelled, At(2));

        Assert.Equal(new ProposalNotFound(Proposal("p9")), result.AsT3);
    }

    [Fact]
    public void An_instant_before_the_last_change_is_refused()
    {
        Lifecycle.Given.Story<AgencyAccount> agency = WithProposal();
        Instant earlier = At(1) - Duration.Epsilon;

        var result = agency.Account.RecordOutcome(Proposal("p1"), ProposalOutcome.JobCancelled, earlier);

        Assert.Equal(new InstantBeforeLastChange(earlier, At(1)), result.AsT2);
    }

    [Fact]
    public void A_closed_agency_accepts_no_outcome()
    {
        AgencyAccount agency = Created().Account.UpgradeToPlus(Olivia, Start).AsT0.Account.Submit(Olivia, Olivia, "p1", 1, 0, At(1));
        agency = agency.Withdraw(Olivia, Proposal("p1"), At(2)).AsT0.Account.Close(Olivia, At(3)).AsT0.Account;

        var result = agency.RecordOutcome(Proposal("p1"), ProposalOutcome.JobRemoved, At(4));

        Assert.Equal(new AgencyIsClosed(Acme), result.AsT1);
    }

    [Fact]
    public void A_refund_after_a_period_close_comes_after_the_close_and_is_carried_like_any_lot()
    {
        Lifecycle.Given.Story<AgencyAccount> agency = WithProposal();
        Instant nextPeriod = Utc(2025, 2, 10, 12);

        Updated<AgencyAccount> recorded = Record(agency, ProposalOutcome.JobCancelled, nextPeriod);

        Assert.IsType<PeriodClosed>(recorded.Events[0]);
        Assert.IsType<ProposalOutcomeRecorded>(recorded.Events[^1]);
        // 64 carried over, 80 granted, 16 refunded.
        Assert.Equal(C(160), recorded.Account.Balance);
        Assert.Equal(recorded.Account.Balance.Value, agency.Then(_ => recorded).History.Ledger.Sum(e => e.Delta));
    }

    [Fact]
    public void Open_proposals_block_removing_their_assignee_until_closed()
    {
        AgencyAccount agency = Plus().Submit(Bella, Ben, "p1", 6, 10, At(1)).Submit(Ben, Ben, "p2", 1, 0, At(2));

        Assert.Equal(new MemberHasOpenProposals(Ben, 2), agency.RemoveMember(Olivia, Ben, At(3)).AsT6);
        Assert.Equal(new MemberHasOpenProposals(Ben, 2), agency.RemoveMember(Ben, Ben, At(3)).AsT6);

        agency = agency.RecordOutcome(Proposal("p1"), ProposalOutcome.Outbid, At(4)).AsT0.Account;
        Assert.Equal(new MemberHasOpenProposals(Ben, 2), agency.RemoveMember(Olivia, Ben, At(5)).AsT6);

        agency = agency.Withdraw(Ben, Proposal("p2"), At(6)).AsT0.Account;
        Assert.Equal(new MemberHasOpenProposals(Ben, 1), agency.RemoveMember(Olivia, Ben, At(7)).AsT6);

        agency = agency.RecordOutcome(Proposal("p1"), ProposalOutcome.Hired, At(8)).AsT0.Account;
        AgencyAccount removed = agency.RemoveMember(Olivia, Ben, At(9)).AsT0.Account;
        Assert.False(removed.Members.ContainsKey(Ben));
    }

    [Fact]
    public void Open_proposals_of_a_submitter_do_not_block_removing_them()
    {
        AgencyAccount agency = Plus().Submit(Bella, Ben, "p1", 6, 10, At(1));

        Assert.True(agency.RemoveMember(Olivia, Bella, At(2)).IsT0);
    }
}
