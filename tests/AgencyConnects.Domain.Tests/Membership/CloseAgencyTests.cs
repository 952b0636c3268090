using System.Linq;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Membership;
using AgencyConnects.Domain.Pool;
using AgencyConnects.Domain.Proposals;
using Xunit;
using static AgencyConnects.Domain.Tests.Lifecycle.Given;
using static AgencyConnects.Domain.Tests.Membership.MembershipData;
using static AgencyConnects.Domain.Tests.TestData;

namespace AgencyConnects.Domain.Tests.Membership;

public sealed class CloseAgencyTests
{
    private readonly Host _host = new();

    /// <summary>DOMAIN §5: every ledger entry names the acting person; closing is the owner's act, not month end's.</summary>
    [Fact]
    public void Closing_forfeits_the_remaining_Connects_with_a_Forfeited_ledger_entry_naming_the_owner()
    {
        AgencyAccount acme = _host.CreateOnPlus(Acme, Olivia, T0);
        Assert.Equal(C(80), acme.Balance);
        string before = Observe(acme);

        Updated<AgencyAccount> closed = Ok<Updated<AgencyAccount>>(acme.Close(Olivia, Hour(1)));

        Assert.Equal(new AccountEvent[] { new AgencyClosed(Hour(1), Olivia, C(80)) }, closed.Events);
        Assert.True(closed.Account.IsClosed);
        Assert.Equal(C(0), closed.Account.Balance);
        Assert.Empty(closed.Account.Pool.Lots);
        Assert.Equal<LedgerEntry>([new LedgerEntry(LedgerEntryKind.Forfeited, C(80), Hour(1), Olivia)], AccountHistory.LedgerEntriesOf(closed.Events[^1]));
        Assert.Equal(acme.Version + 1, closed.Account.Version);
        Assert.Equal(before, Observe(acme));
    }

    [Fact]
    public void Closing_an_agency_with_no_Connects_forfeits_nothing()
    {
        AgencyAccount acme = _host.Create(Acme, Olivia, T0);

        Updated<AgencyAccount> closed = Ok<Updated<AgencyAccount>>(acme.Close(Olivia, Hour(1)));

        Assert.Equal(new AccountEvent[] { new AgencyClosed(Hour(1), Olivia, C(0)) }, closed.Events);
        Assert.Empty(AccountHistory.LedgerEntriesOf(closed.Events[^1]));
    }

    [Fact]
    public void Closing_after_periods_ended_closes_them_first_and_forfeits_what_is_left()
    {
        AgencyAccount acme = _host.CreateOnPlus(Acme, Olivia, T0);

        Updated<AgencyAccount> closed = Ok<Updated<AgencyAccount>>(acme.Close(Olivia, Utc(2025, 5, 10)));

        // Apr 3: 80 carried + 80 granted; May 3: 160 carried (the cap) + 80 granted.
        Assert.Equal(2, closed.Events.OfType<PeriodClosed>().Count());
        Assert.Equal(new AgencyClosed(Utc(2025, 5, 10), Olivia, C(240)), closed.Events[^1]);
        Assert.Equal(C(0), closed.Account.Balance);
        Assert.Equal(acme.Version + closed.Events.Length, closed.Account.Version);
    }

    [Fact]
    public void The_owner_may_create_another_agency_once_the_directory_has_applied_the_close()
    {
        var closing = _host.Create(Acme, Olivia, T0).Close(Olivia, Hour(1));
        Assert.True(closing.IsT0);

        Assert.Equal(new OwnsAnotherAgency(Olivia, Acme), AgencyAccount.Create(Globex, Olivia, Hour(2), _host.Directory).AsT3);

        _host.Commit(closing);
        Assert.Null(_host.Directory.AgencyOwnedBy(Olivia));
        Assert.Empty(_host.Directory.MembershipsOf(Olivia));
        Assert.True(_host.Directory.Contains(Acme));
        AgencyAccount globex = _host.Create(Globex, Olivia, Hour(2));
        Assert.Equal(Globex, _host.Directory.AgencyOwnedBy(Olivia));
        Assert.Equal(Olivia, globex.Owner);
    }

    [Fact]
    public void An_exclusive_owner_is_free_to_join_another_agency_exclusively_once_theirs_is_closed()
    {
        AgencyAccount globex = _host.CreateOnPlus(Globex, Carol, T0);
        _host.Commit(_host.Create(Acme, Olivia, Hour(1), MembershipKind.Exclusive).Close(Olivia, Hour(2)));

        _host.Add(globex, Olivia, Permissions.Freelancer, Hour(3), MembershipKind.Exclusive);

        Assert.Equal(Globex, _host.Directory.ExclusiveAgencyOf(Olivia));
    }

    [Fact]
    public void A_closed_agency_is_AgencyIsClosed()
    {
        AgencyAccount acme = _host.Commit(_host.Create(Acme, Olivia, T0).Close(Olivia, Hour(1)));

        Assert.Equal(new AgencyIsClosed(Acme), acme.Close(Olivia, Hour(2)).AsT1);
    }

    [Fact]
    public void An_instant_before_the_last_change_is_InstantBeforeLastChange()
    {
        AgencyAccount acme = _host.Create(Acme, Olivia, Hour(2));

        Assert.Equal(new InstantBeforeLastChange(Hour(1), Hour(2)), acme.Close(Olivia, Hour(1)).AsT2);
    }

    [Fact]
    public void An_admin_who_is_not_the_owner_is_NotOwner()
    {
        AgencyAccount acme = _host.Add(_host.CreateOnPlus(Acme, Olivia, T0), Bob, Permissions.All, Hour(1));

        Assert.Equal(new NotOwner(Bob, Olivia), acme.Close(Bob, Hour(2)).AsT3);
    }

    [Fact]
    public void Other_members_are_AgencyNotEmpty()
    {
        AgencyAccount acme = _host.Add(_host.CreateOnPlus(Acme, Olivia, T0), Bob, Permissions.Freelancer, Hour(1));
        acme = _host.Add(acme, Carol, Permissions.Freelancer, Hour(2));

        Assert.Equal(new AgencyNotEmpty(2, 0), acme.Close(Olivia, Hour(3)).AsT4);
    }

    [Fact]
    public void An_open_proposal_is_AgencyNotEmpty_even_when_the_owner_is_alone()
    {
        AgencyAccount acme = _host.CreateOnPlus(Acme, Olivia, T0);
        acme = Ok<ProposalSubmission<AgencyAccount>>(acme.SubmitProposal(Olivia, Olivia, Proposal("p1"), C(2), C(1), Key("k1"), Hour(1))).Account;

        Assert.Equal(new AgencyNotEmpty(0, 1), acme.Close(Olivia, Hour(2)).AsT4);

        acme = Ok<Updated<AgencyAccount>>(acme.RecordOutcome(Proposal("p1"), ProposalOutcome.Declined, Hour(3))).Account;
        Assert.Equal(new AgencyClosed(Hour(4), Olivia, C(77)), Ok<Updated<AgencyAccount>>(acme.Close(Olivia, Hour(4))).Events[^1]);
    }

    [Fact]
    public void Members_and_open_proposals_are_counted_together_in_AgencyNotEmpty()
    {
        AgencyAccount acme = _host.Add(_host.CreateOnPlus(Acme, Olivia, T0), Bob, Permissions.Freelancer, Hour(1));
        acme = Ok<ProposalSubmission<AgencyAccount>>(acme.SubmitProposal(Bob, Bob, Proposal("p1"), C(2), C(0), Key("k1"), Hour(2))).Account;
        acme = Ok<ProposalSubmission<AgencyAccount>>(acme.SubmitProposal(Olivia, Olivia, Proposal("p2"), C(2), C(0), Key("k2"), Hour(3))).Account;

        Assert.Equal(new AgencyNotEmpty(1, 2), acme.Close(Olivia, Hour(4)).AsT4);
    }

    [Fact]
    public void After_closing_every_operation_is_AgencyIsClosed()
    {
        AgencyAccount acme = _host.CreateOnPlus(Acme, Olivia, T0);
        acme = Ok<ProposalSubmission<AgencyAccount>>(acme.SubmitProposal(Olivia, Olivia, Proposal("p1"), C(2), C(0), Key("k1"), Hour(1))).Account;
        acme = Ok<Updated<AgencyAccount>>(acme.Withdraw(Olivia, Proposal("p1"), Hour(2))).Account;
        acme = _host.Commit(acme.Close(Olivia, Hour(3)));
        AgencyDirectory directory = _host.Directory;
        var closed = new AgencyIsClosed(Acme);
        string before = Observe(acme);

        Assert.Equal(closed, acme.AddMember(Olivia, Bob, Permissions.Freelancer, MembershipKind.NonExclusive, Hour(4), directory).AsT1);
        Assert.Equal(closed, acme.ChangePermissions(Olivia, Olivia, Permissions.All, Hour(4)).AsT1);
        Assert.Equal(closed, acme.RemoveMember(Olivia, Olivia, Hour(4)).AsT1);
        Assert.Equal(closed, acme.TransferOwnership(Olivia, Bob, Hour(4), directory).AsT1);
        Assert.Equal(closed, acme.Close(Olivia, Hour(4)).AsT1);
        Assert.Equal(closed, acme.UpgradeToPlus(Olivia, Hour(4)).AsT1);
        Assert.Equal(closed, acme.DowngradeToBasic(Olivia, Hour(4)).AsT1);
        Assert.Equal(closed, acme.CancelPlus(Olivia, Hour(4)).AsT1);
        Assert.Equal(closed, acme.RecordFailedPayment(Hour(4)).AsT1);
        Assert.Equal(closed, acme.CloseElapsedPeriods(Hour(4)).AsT1);
        Assert.Equal(closed, acme.BuyConnects(Olivia, C(10), Key("k2"), Hour(4)).AsT1);
        Assert.Equal(closed, acme.SubmitProposal(Olivia, Olivia, Proposal("p2"), C(0), C(0), Key("k3"), Hour(4)).AsT1);
        Assert.Equal(closed, acme.Withdraw(Olivia, Proposal("p1"), Hour(4)).AsT1);
        Assert.Equal(closed, acme.RecordOutcome(Proposal("p1"), ProposalOutcome.JobCancelled, Hour(4)).AsT1);
        Assert.Equal(before, Observe(acme));
    }

    [Fact]
    public void An_agency_can_be_closed_at_the_instant_of_the_last_change()
    {
        AgencyAccount agency = PlusAgency().BuyConnects(Owner, C(5), Key("b1"), Hours(1)).AsT0.Account;

        Updated<AgencyAccount> closed = agency.Close(Owner, Hours(1)).AsT0;

        Assert.Equal(new AgencyClosed(Hours(1), Owner, C(85)), Assert.Single(closed.Events));
        Assert.Equal(C(0), closed.Account.Balance);
    }
}
