using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Membership;
using AgencyConnects.Domain.Proposals;
using Xunit;
using static AgencyConnects.Domain.Tests.Membership.MembershipData;
using static AgencyConnects.Domain.Tests.TestData;

namespace AgencyConnects.Domain.Tests.Membership;

public sealed class RemoveMemberTests
{
    private readonly Host _host = new();

    /// <summary>Acme on Plus, owned by Olivia; Bob a freelancer (exclusive), Carol an admin.</summary>
    private AgencyAccount Team()
    {
        AgencyAccount acme = _host.Add(_host.CreateOnPlus(Acme, Olivia, T0), Bob, Permissions.Freelancer, Hour(1), MembershipKind.Exclusive);
        return _host.Add(acme, Carol, Permissions.Admin, Hour(2));
    }

    /// <summary><see cref="Team"/> with an open proposal assigned to Bob, submitted by Olivia.</summary>
    private AgencyAccount TeamWithBobsProposal()
    {
        var submitted = Team().SubmitProposal(Olivia, Bob, Proposal("p1"), C(4), C(0), Key("k1"), Hour(3));
        return Ok<ProposalSubmission<AgencyAccount>>(submitted).Account;
    }

    [Fact]
    public void Removing_a_member_emits_MemberRemoved_and_the_directory_forgets_the_membership()
    {
        AgencyAccount acme = Team();
        string before = Observe(acme);

        Updated<AgencyAccount> removed = Ok<Updated<AgencyAccount>>(acme.RemoveMember(Carol, Bob, Hour(3)));
        AgencyDirectory directory = _host.Directory.Apply(removed);

        Assert.Equal(new AccountEvent[] { new MemberRemoved(Hour(3), Carol, Bob) }, removed.Events);
        Assert.False(removed.Account.Members.ContainsKey(Bob));
        Assert.Equal(acme.Version + 1, removed.Account.Version);
        Assert.Equal(before, Observe(acme));
        Assert.Equal(Acme, _host.Directory.ExclusiveAgencyOf(Bob));
        Assert.Empty(directory.MembershipsOf(Bob));
        Assert.Null(directory.ExclusiveAgencyOf(Bob));
    }

    [Fact]
    public void A_member_without_Admin_may_remove_themselves()
    {
        Updated<AgencyAccount> left = Ok<Updated<AgencyAccount>>(Team().RemoveMember(Bob, Bob, Hour(3)));

        Assert.Equal(new AccountEvent[] { new MemberRemoved(Hour(3), Bob, Bob) }, left.Events);
        Assert.False(left.Account.Members.ContainsKey(Bob));
    }

    [Fact]
    public void A_closed_agency_is_AgencyIsClosed()
    {
        AgencyAccount acme = _host.Commit(_host.CreateOnPlus(Acme, Olivia, T0).Close(Olivia, Hour(1)));

        var result = acme.RemoveMember(Olivia, Bob, Hour(2));

        Assert.Equal(new AgencyIsClosed(Acme), result.AsT1);
    }

    [Fact]
    public void An_instant_before_the_last_change_is_InstantBeforeLastChange()
    {
        var result = Team().RemoveMember(Olivia, Bob, Hour(1));

        Assert.Equal(new InstantBeforeLastChange(Hour(1), Hour(2)), result.AsT2);
    }

    [Fact]
    public void A_non_member_removing_someone_is_NotAuthorized()
    {
        var result = Team().RemoveMember(Dave, Bob, Hour(3));

        Assert.Equal(new NotAuthorized(Dave, Permissions.Admin), result.AsT3);
    }

    [Fact]
    public void A_member_without_Admin_removing_someone_else_is_NotAuthorized()
    {
        var result = Team().RemoveMember(Bob, Carol, Hour(3));

        Assert.Equal(new NotAuthorized(Bob, Permissions.Admin), result.AsT3);
    }

    [Fact]
    public void A_person_who_is_not_a_member_is_NotAMember()
    {
        var result = Team().RemoveMember(Olivia, Dave, Hour(3));

        Assert.Equal(new NotAMember(Dave), result.AsT4);
    }

    [Fact]
    public void A_member_already_removed_is_NotAMember()
    {
        AgencyAccount acme = _host.Commit(Team().RemoveMember(Olivia, Bob, Hour(3)));

        var result = acme.RemoveMember(Olivia, Bob, Hour(4));

        Assert.Equal(new NotAMember(Bob), result.AsT4);
    }

    [Fact]
    public void An_admin_may_not_remove_the_owner()
    {
        var result = Team().RemoveMember(Carol, Olivia, Hour(3));

        Assert.Equal(new OwnerCannotBeRemoved(Olivia), result.AsT5);
    }

    [Fact]
    public void The_owner_may_not_leave()
    {
        var result = Team().RemoveMember(Olivia, Olivia, Hour(3));

        Assert.Equal(new OwnerCannotBeRemoved(Olivia), result.AsT5);
    }

    [Fact]
    public void A_member_with_an_open_proposal_assigned_to_them_is_MemberHasOpenProposals()
    {
        AgencyAccount acme = TeamWithBobsProposal();

        Assert.Equal(new MemberHasOpenProposals(Bob, 1), acme.RemoveMember(Olivia, Bob, Hour(4)).AsT6);
        Assert.Equal(new MemberHasOpenProposals(Bob, 1), acme.RemoveMember(Bob, Bob, Hour(4)).AsT6);
    }

    [Fact]
    public void A_member_may_be_removed_once_their_proposals_are_closed()
    {
        AgencyAccount acme = Ok<Updated<AgencyAccount>>(TeamWithBobsProposal().Withdraw(Bob, Proposal("p1"), Hour(4))).Account;

        Updated<AgencyAccount> removed = Ok<Updated<AgencyAccount>>(acme.RemoveMember(Olivia, Bob, Hour(5)));

        Assert.Equal(new AccountEvent[] { new MemberRemoved(Hour(5), Olivia, Bob) }, removed.Events);
        Assert.Equal(0, removed.Account.OpenProposalsAssignedTo(Bob));
    }

    [Fact]
    public void The_submitter_of_an_open_proposal_assigned_to_someone_else_may_be_removed()
    {
        AgencyAccount acme = _host.Add(Team(), Dave, Permissions.BusinessManager, Hour(3));
        acme = Ok<ProposalSubmission<AgencyAccount>>(acme.SubmitProposal(Dave, Bob, Proposal("p1"), C(4), C(0), Key("k1"), Hour(4))).Account;

        Updated<AgencyAccount> removed = Ok<Updated<AgencyAccount>>(acme.RemoveMember(Olivia, Dave, Hour(5)));

        Assert.False(removed.Account.Members.ContainsKey(Dave));
        Assert.Equal(ProposalStatus.Open, removed.Account.Proposals[Proposal("p1")].Status);
    }

    [Fact]
    public void A_refused_removal_leaves_the_agency_as_it_was()
    {
        AgencyAccount acme = TeamWithBobsProposal();
        string before = Observe(acme);

        Assert.True(acme.RemoveMember(Olivia, Bob, Hour(4)).IsT6);
        Assert.True(acme.RemoveMember(Carol, Olivia, Hour(4)).IsT5);

        Assert.Equal(before, Observe(acme));
        Assert.True(acme.Members.ContainsKey(Bob));
    }
}
