using System.Linq;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Membership;
using AgencyConnects.Domain.Proposals;
using AgencyConnects.Domain.Tests.Lifecycle;
using NodaTime;
using Xunit;
using static AgencyConnects.Domain.Tests.Proposals.ProposalTestAgency;
using static AgencyConnects.Domain.Tests.TestData;

namespace AgencyConnects.Domain.Tests.Proposals;

public class WithdrawTests
{
    /// <summary>Bella (business manager only) submitted p1 for Ben (freelancer only): 6 + 10 boost.</summary>
    private static Lifecycle.Given.Story<AgencyAccount> WithProposal() => PlusStory().Submit(Bella, Ben, "p1", 6, 10, At(1));

    [Theory]
    [InlineData("bella")] // the submitter
    [InlineData("ben")] // the assignee, who is no business manager
    [InlineData("fiona")] // another business manager
    [InlineData("olivia")] // the owner
    public void The_submitter_the_assignee_a_business_manager_or_the_owner_withdraws_without_refund(string actor)
    {
        Lifecycle.Given.Story<AgencyAccount> agency = WithProposal();

        Updated<AgencyAccount> withdrawn = agency.Account.Withdraw(Person(actor), Proposal("p1"), At(2)).AsT0;

        Assert.Equal(
            new AccountEvent[] { new ProposalOutcomeRecorded(At(2), Person(actor), Proposal("p1"), ProposalOutcome.Withdrawn, C(0), null, Ben, Bella) },
            withdrawn.Events);
        Assert.False(withdrawn.Account.Proposals.ContainsKey(Proposal("p1")));
        Proposal proposal = agency.Then(_ => withdrawn).History.Proposals[Proposal("p1")];
        Assert.Equal(ProposalStatus.Closed, proposal.Status);
        Assert.Equal(ProposalOutcome.Withdrawn, proposal.Outcome);
        Assert.Equal(C(0), proposal.Refunded);
        Assert.False(proposal.BoostRefunded);
        Assert.Equal(agency.Account.Balance, withdrawn.Account.Balance);
        Assert.Empty(withdrawn.Entries());
        Assert.Equal(0, withdrawn.Account.OpenProposalsAssignedTo(Ben));
    }

    [Fact]
    public void The_submitter_may_withdraw_after_losing_the_business_manager_permission()
    {
        AgencyAccount agency = WithProposal().Account.ChangePermissions(Olivia, Bella, Permissions.None, At(2)).AsT0.Account;

        Assert.True(agency.Withdraw(Bella, Proposal("p1"), At(3)).IsT0);
    }

    [Theory]
    [InlineData("ada")] // an admin only
    [InlineData("nora")] // no permission
    [InlineData("zed")] // not a member
    public void Anyone_else_is_refused_as_not_a_business_manager(string actor)
    {
        AgencyAccount agency = WithProposal().Account;

        var result = agency.Withdraw(Person(actor), Proposal("p1"), At(2));

        Assert.Equal(new NotAuthorized(Person(actor), Permissions.BusinessManager), result.AsT4);
        Assert.Equal(ProposalStatus.Open, agency.Proposals[Proposal("p1")].Status);
    }

    [Fact]
    public void A_submitter_who_left_the_agency_may_no_longer_withdraw()
    {
        AgencyAccount agency = WithProposal().Account.RemoveMember(Bella, Bella, At(2)).AsT0.Account;

        var result = agency.Withdraw(Bella, Proposal("p1"), At(3));

        Assert.Equal(new NotAuthorized(Bella, Permissions.BusinessManager), result.AsT4);
    }

    [Fact]
    public void An_identifier_used_again_after_the_window_keeps_both_submissions_in_the_history()
    {
        Lifecycle.Given.Story<AgencyAccount> story = WithProposal()
            .Then(a => a.Withdraw(Bella, Proposal("p1"), At(3)).AsT0)
            .Then(a => a.SubmitProposal(Bella, Ben, Proposal("p1"), C(3), C(0), Key("again"), At(3) + AccountSettings.DefaultRequestRetention).AsT0);

        AccountHistory history = story.History;

        Assert.Equal([ProposalStatus.Closed, ProposalStatus.Open], history.Submissions.Select(p => p.Status));
        Assert.Equal([C(6), C(3)], history.Submissions.Select(p => p.Cost));
        Assert.Equal(ProposalOutcome.Withdrawn, history.Submissions[0].Outcome);
        Assert.Equal(C(3), history.Proposals[Proposal("p1")].Cost);
    }

    [Fact]
    public void An_unknown_proposal_is_not_found()
    {
        var result = WithProposal().Account.Withdraw(Olivia, Proposal("p9"), At(2));

        Assert.Equal(new ProposalNotFound(Proposal("p9")), result.AsT3);
    }

    [Theory]
    [InlineData(ProposalOutcome.Withdrawn)]
    [InlineData(ProposalOutcome.Declined)]
    [InlineData(ProposalOutcome.Hired)]
    [InlineData(ProposalOutcome.JobCancelled)]
    public void A_closed_proposal_cannot_be_withdrawn(ProposalOutcome outcome)
    {
        AgencyAccount agency = WithProposal().Account.RecordOutcome(Proposal("p1"), outcome, At(2)).AsT0.Account;

        var result = agency.Withdraw(Ben, Proposal("p1"), At(3));

        Assert.Equal(new ProposalAlreadyClosed(Proposal("p1"), outcome), result.AsT5);
    }

    [Fact]
    public void An_outbid_proposal_is_still_open_and_can_be_withdrawn_keeping_the_boost_refund()
    {
        Lifecycle.Given.Story<AgencyAccount> withdrawn = WithProposal()
            .Then(a => a.RecordOutcome(Proposal("p1"), ProposalOutcome.Outbid, At(2)).AsT0)
            .Then(a => a.Withdraw(Ben, Proposal("p1"), At(3)).AsT0);

        Assert.Equal(ProposalOutcome.Withdrawn, withdrawn.History.Proposals[Proposal("p1")].Outcome);
        Assert.Equal(C(10), withdrawn.History.Proposals[Proposal("p1")].Refunded);
        Assert.Equal(C(74), withdrawn.Account.Balance);
    }

    [Fact]
    public void An_instant_before_the_last_change_is_refused()
    {
        AgencyAccount agency = WithProposal().Account;
        Instant earlier = At(1) - Duration.Epsilon;

        var result = agency.Withdraw(Ben, Proposal("p1"), earlier);

        Assert.Equal(new InstantBeforeLastChange(earlier, At(1)), result.AsT2);
    }

    [Fact]
    public void A_closed_agency_accepts_no_withdrawal()
    {
        AgencyAccount agency = Created().Account.UpgradeToPlus(Olivia, Start).AsT0.Account.Submit(Olivia, Olivia, "p1", 1, 0, At(1));
        agency = agency.Withdraw(Olivia, Proposal("p1"), At(2)).AsT0.Account.Close(Olivia, At(3)).AsT0.Account;

        var result = agency.Withdraw(Olivia, Proposal("p1"), At(4));

        Assert.Equal(new AgencyIsClosed(Acme), result.AsT1);
    }
}
