using System.Linq;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Membership;
using AgencyConnects.Domain.Plans;
using AgencyConnects.Domain.Pool;
using AgencyConnects.Domain.Proposals;
using AgencyConnects.Domain.Tests.Lifecycle;
using NodaTime;
using Xunit;
using static AgencyConnects.Domain.Tests.Proposals.ProposalTestAgency;
using static AgencyConnects.Domain.Tests.TestData;

namespace AgencyConnects.Domain.Tests.Proposals;

public class AgencySubmitProposalTests
{
    [Fact]
    public void Cost_and_boost_are_two_spent_entries_naming_submitter_assignee_and_proposal()
    {
        AgencyAccount agency = Plus();

        ProposalSubmission<AgencyAccount> submitted = agency
            .SubmitProposal(Bella, Ben, Proposal("p1"), C(6), C(10), Key("k1"), At(5)).AsT0;

        var expected = new Proposal(Proposal("p1"), Bella, Ben, C(6), C(10), At(5));
        Assert.Equal(expected, submitted.Proposal);
        Assert.False(submitted.IsRepeat);
        Assert.Equal(new AccountEvent[] { new ProposalSubmitted(At(5), expected, Key("k1")) }, submitted.Events);
        AgencyAccount after = submitted.Account;
        Assert.Equal(C(64), after.Balance);
        Assert.Equal(
            new[]
            {
                new LedgerEntry(LedgerEntryKind.Spent, C(6), At(5), Bella, Proposal("p1"), Ben, IsBoost: false, Submitter: Bella),
                new LedgerEntry(LedgerEntryKind.Spent, C(10), At(5), Bella, Proposal("p1"), Ben, IsBoost: true, Submitter: Bella),
            },
            submitted.Entries());
        Assert.Equal(expected, after.Proposals[Proposal("p1")]);
        Assert.Equal(1, after.OpenProposalsAssignedTo(Ben));
        Assert.Equal(0, after.OpenProposalsAssignedTo(Bella));
        Assert.Equal(agency.Version + 1, after.Version);
        Assert.Equal(At(5), after.LastChangedAt);
    }

    [Fact]
    public void A_proposal_without_boost_spends_its_cost_in_one_entry()
    {
        ProposalSubmission<AgencyAccount> submitted = Plus().SubmitProposal(Ben, Ben, Proposal("p1"), C(4), C(0), Key("key-p1"), At(1)).AsT0;
        AgencyAccount after = submitted.Account;

        LedgerEntry spent = Assert.Single(submitted.Entries());
        Assert.Equal(new LedgerEntry(LedgerEntryKind.Spent, C(4), At(1), Ben, Proposal("p1"), Ben, IsBoost: false, Submitter: Ben), spent);
        Assert.Equal(C(76), after.Balance);
    }

    [Fact]
    public void A_proposal_that_costs_nothing_adds_no_ledger_entry_but_is_recorded_and_open()
    {
        ProposalSubmission<AgencyAccount> submitted = Plus().SubmitProposal(Ben, Ben, Proposal("p1"), C(0), C(0), Key("key-p1"), At(1)).AsT0;
        AgencyAccount after = submitted.Account;

        Assert.Empty(submitted.Entries());
        Assert.Equal(C(80), after.Balance);
        Assert.Equal(ProposalStatus.Open, after.Proposals[Proposal("p1")].Status);
        Assert.Equal(1, after.OpenProposalsAssignedTo(Ben));
    }

    [Theory]
    [InlineData("bella", "ben")]
    [InlineData("bella", "fiona")]
    [InlineData("bella", "olivia")]
    [InlineData("fiona", "ben")]
    [InlineData("fiona", "fiona")]
    [InlineData("olivia", "ben")]
    [InlineData("olivia", "olivia")]
    [InlineData("ben", "ben")]
    public void A_business_manager_submits_for_any_freelancer_member_and_a_freelancer_for_themselves(string submitter, string assignee)
    {
        AgencyAccount agency = Plus();

        var result = agency.SubmitProposal(Person(submitter), Person(assignee), Proposal("p1"), C(2), C(1), Key("k1"), At(1));

        Proposal proposal = result.AsT0.Proposal;
        Assert.Equal(Person(submitter), proposal.Submitter);
        Assert.Equal(Person(assignee), proposal.Assignee);
        Assert.Equal(C(77), result.AsT0.Account.Balance);
        Assert.Equal(1, result.AsT0.Account.OpenProposalsAssignedTo(Person(assignee)));
    }

    [Theory]
    [InlineData("zed", "ben", "zed", Permissions.BusinessManager)] // not a member, for someone else
    [InlineData("zed", "zed", "zed", Permissions.Freelancer)] // not a member, for themselves
    [InlineData("ben", "fiona", "ben", Permissions.BusinessManager)] // a freelancer for someone else
    [InlineData("ada", "ben", "ada", Permissions.BusinessManager)] // an admin is not a business manager
    [InlineData("nora", "ben", "nora", Permissions.BusinessManager)]
    [InlineData("ada", "ada", "ada", Permissions.Freelancer)] // for themselves without the Freelancer permission
    [InlineData("nora", "nora", "nora", Permissions.Freelancer)]
    [InlineData("bella", "bella", "bella", Permissions.Freelancer)] // a business manager cannot be assigned without Freelancer
    [InlineData("bella", "nora", "nora", Permissions.Freelancer)] // the assignee lacks Freelancer
    [InlineData("olivia", "ada", "ada", Permissions.Freelancer)]
    public void Anyone_else_is_refused_naming_the_person_and_the_permission_they_lack(
        string submitter, string assignee, string refused, Permissions required)
    {
        AgencyAccount agency = Plus();

        var result = agency.SubmitProposal(Person(submitter), Person(assignee), Proposal("p1"), C(2), C(1), Key("k1"), At(1));

        Assert.Equal(new NotAuthorized(Person(refused), required), result.AsT3);
        Assert.Empty(agency.Proposals);
    }

    [Fact]
    public void A_removed_member_can_no_longer_be_assigned_proposals()
    {
        AgencyAccount agency = Plus().RemoveMember(Olivia, Ben, At(1)).AsT0.Account;

        var result = agency.SubmitProposal(Bella, Ben, Proposal("p1"), C(2), C(0), Key("k1"), At(2));

        Assert.Equal(new NotAMember(Ben), result.AsT3);
    }

    [Fact]
    public void An_assignee_who_is_no_member_is_named_as_not_a_member_not_as_lacking_a_permission()
    {
        AgencyAccount agency = Plus();

        var result = agency.SubmitProposal(Bella, Person("zed"), Proposal("p1"), C(2), C(1), Key("k1"), At(1));

        Assert.Equal(new NotAMember(Person("zed")), result.AsT3);
        Assert.Equal("NotAMember", result.Error!.Code);
        Assert.Empty(agency.Proposals);
    }

    [Fact]
    public void A_closed_agency_accepts_no_proposal()
    {
        AgencyAccount closed = Created().Account.Close(Olivia, At(1)).AsT0.Account;

        var result = closed.SubmitProposal(Olivia, Olivia, Proposal("p1"), C(0), C(0), Key("k1"), At(2));

        Assert.Equal(new AgencyIsClosed(Acme), result.AsT1);
    }

    [Fact]
    public void An_instant_before_the_last_change_is_refused()
    {
        AgencyAccount agency = Plus().Submit(Ben, Ben, "p1", 1, 0, At(10));
        Instant earlier = At(10) - Duration.Epsilon;

        var result = agency.SubmitProposal(Ben, Ben, Proposal("p2"), C(1), C(0), Key("k2"), earlier);

        Assert.Equal(new InstantBeforeLastChange(earlier, At(10)), result.AsT2);
    }

    [Fact]
    public void An_instant_equal_to_the_last_change_is_accepted()
    {
        AgencyAccount agency = Plus().Submit(Ben, Ben, "p1", 1, 0, At(10));

        Assert.True(agency.SubmitProposal(Ben, Ben, Proposal("p2"), C(1), C(0), Key("k2"), At(10)).IsT0);
    }

    [Fact]
    public void Agency_Basic_refuses_a_proposal_that_costs_Connects_even_with_Connects_in_the_pool()
    {
        // Plus, then a failed payment: Agency Basic with the 80 Connects frozen.
        AgencyAccount frozen = Created().Account.UpgradeToPlus(Olivia, Start).AsT0.Account.RecordFailedPayment(At(1)).AsT0.Account;
        Assert.Equal(Plan.AgencyBasic, frozen.Plan);
        Assert.Equal(C(80), frozen.Balance);

        var cost = frozen.SubmitProposal(Olivia, Olivia, Proposal("p1"), C(1), C(0), Key("k1"), At(2));
        var boostOnly = frozen.SubmitProposal(Olivia, Olivia, Proposal("p1"), C(0), C(1), Key("k1"), At(2));

        Assert.Equal(new PlanDoesNotAllow(Plan.AgencyBasic, PlanActions.SpendConnects), cost.AsT4);
        Assert.Equal(new PlanDoesNotAllow(Plan.AgencyBasic, PlanActions.SpendConnects), boostOnly.AsT4);
    }

    [Fact]
    public void Agency_Basic_accepts_a_proposal_that_costs_nothing()
    {
        AgencyAccount basic = Created().Account;

        var result = basic.SubmitProposal(Olivia, Olivia, Proposal("p1"), C(0), C(0), Key("k1"), At(2));

        Assert.Equal(new Proposal(Proposal("p1"), Olivia, Olivia, C(0), C(0), At(2)), result.AsT0.Proposal);
        Assert.Equal(1, result.AsT0.Account.OpenProposalsAssignedTo(Olivia));
        Assert.Equal(C(0), result.AsT0.Account.Balance);
    }

    [Theory]
    [InlineData(7, 0)]
    [InlineData(0, 51)]
    [InlineData(7, 51)]
    [InlineData(int.MaxValue, 0)]
    public void A_cost_or_boost_above_the_catalog_maximum_is_out_of_range(int cost, int boost)
    {
        AgencyAccount agency = Plus();

        var result = agency.SubmitProposal(Ben, Ben, Proposal("p1"), C(cost), C(boost), Key("k1"), At(1));

        Assert.Equal(new ProposalCostOutOfRange(C(cost), C(boost), C(6), C(50)), result.AsT5);
    }

    [Fact]
    public void The_catalog_maximum_cost_and_boost_are_accepted()
    {
        AgencyAccount agency = Plus();

        var result = agency.SubmitProposal(Ben, Ben, Proposal("p1"), C(6), C(50), Key("k1"), At(1));

        Assert.Equal(C(24), result.AsT0.Account.Balance);
    }

    [Fact]
    public void A_proposal_identifier_is_used_once_even_with_another_request_key()
    {
        AgencyAccount agency = Plus().Submit(Ben, Ben, "p1", 1, 0, At(1));

        var result = agency.SubmitProposal(Fiona, Fiona, Proposal("p1"), C(2), C(0), Key("another"), At(2));

        Assert.Equal(new DuplicateProposal(Proposal("p1")), result.AsT6);
    }

    [Fact]
    public void A_proposal_the_pool_cannot_pay_for_is_refused_naming_cost_plus_boost_and_the_balance()
    {
        AgencyAccount agency = Plus().Submit(Ben, Ben, "p1", 6, 50, At(1));
        Assert.Equal(C(24), agency.Balance);

        var result = agency.SubmitProposal(Ben, Ben, Proposal("p2"), C(6), C(19), Key("k2"), At(2));

        Assert.Equal(new InsufficientConnects(C(25), C(24)), result.AsT7);
    }

    [Fact]
    public void A_proposal_may_spend_the_last_Connect()
    {
        Given.Story<AgencyAccount> after = PlusStory().Submit(Ben, Ben, "p1", 6, 50, At(1)).Submit(Ben, Ben, "p2", 6, 18, At(2));

        Assert.Equal(C(0), after.Account.Balance);
        Assert.Equal(0, after.History.Ledger.Sum(entry => entry.Delta));
    }

    [Fact]
    public void The_balance_is_judged_after_the_periods_that_ended_are_closed()
    {
        AgencyAccount agency = Plus().Submit(Ben, Ben, "p1", 6, 50, At(1)).Submit(Ben, Ben, "p2", 6, 18, At(2));
        Assert.Equal(C(0), agency.Balance);
        Instant nextPeriod = Utc(2025, 2, 10, 8);

        ProposalSubmission<AgencyAccount> submitted = agency.SubmitProposal(Ben, Ben, Proposal("p3"), C(6), C(50), Key("k3"), nextPeriod).AsT0;

        Assert.IsType<PeriodClosed>(submitted.Events[0]);
        Assert.IsType<ProposalSubmitted>(submitted.Events[^1]);
        Assert.Equal(C(24), submitted.Account.Balance);
    }

    [Fact]
    public void Repeating_a_request_returns_the_first_proposal_and_no_events()
    {
        AgencyAccount first = Plus();
        ProposalSubmission<AgencyAccount> submitted = first.SubmitProposal(Bella, Ben, Proposal("p1"), C(6), C(10), Key("k1"), At(1)).AsT0;
        AgencyAccount agency = submitted.Account.Submit(Ben, Ben, "p2", 1, 0, At(5));

        // A retry, later or with its original instant, returns what the first request did.
        foreach (Instant at in new[] { At(9), At(1) })
        {
            ProposalSubmission<AgencyAccount> repeat = agency.SubmitProposal(Bella, Ben, Proposal("p1"), C(6), C(10), Key("k1"), at).AsT0;

            Assert.True(repeat.IsRepeat);
            Assert.Empty(repeat.Events);
            Assert.Equal(submitted.Proposal, repeat.Proposal);
            Assert.Same(agency, repeat.Account);
        }
    }

    [Fact]
    public void A_repeat_returns_the_proposal_as_first_submitted_even_after_an_outcome()
    {
        AgencyAccount agency = Plus().Submit(Ben, Ben, "p1", 6, 10, At(1));
        agency = agency.RecordOutcome(Proposal("p1"), ProposalOutcome.Outbid, At(2)).AsT0.Account;

        ProposalSubmission<AgencyAccount> repeat = agency.SubmitProposal(Ben, Ben, Proposal("p1"), C(6), C(10), Key("key-p1"), At(3)).AsT0;

        Assert.True(repeat.IsRepeat);
        Assert.Equal(new Proposal(Proposal("p1"), Ben, Ben, C(6), C(10), At(1)), repeat.Proposal);
        Assert.Equal(C(74), repeat.Account.Balance);
    }

    [Theory]
    [InlineData("fiona", "ben", "p1", 6, 10)] // another submitter
    [InlineData("bella", "fiona", "p1", 6, 10)] // another assignee
    [InlineData("bella", "ben", "p2", 6, 10)] // another proposal
    [InlineData("bella", "ben", "p1", 5, 10)] // another cost
    [InlineData("bella", "ben", "p1", 6, 0)] // another boost
    public void The_same_request_key_with_a_different_submission_is_a_conflict(string submitter, string assignee, string proposal, int cost, int boost)
    {
        AgencyAccount agency = Plus().SubmitProposal(Bella, Ben, Proposal("p1"), C(6), C(10), Key("k1"), At(1)).AsT0.Account;

        var result = agency.SubmitProposal(Person(submitter), Person(assignee), Proposal(proposal), C(cost), C(boost), Key("k1"), At(2));

        Assert.Equal(new RequestKeyConflict(Key("k1")), result.AsT8);
    }

    [Fact]
    public void A_request_key_used_for_a_purchase_cannot_submit_a_proposal()
    {
        AgencyAccount agency = Plus().BuyConnects(Olivia, C(10), Key("k1"), At(1)).AsT0.Account;

        var result = agency.SubmitProposal(Olivia, Olivia, Proposal("p1"), C(1), C(0), Key("k1"), At(2));

        Assert.Equal(new RequestKeyConflict(Key("k1")), result.AsT8);
    }
}
