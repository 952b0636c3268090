using System;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Membership;
using AgencyConnects.Domain.Values;
using Xunit;
using static AgencyConnects.Domain.Tests.Lifecycle.Given;
using static AgencyConnects.Domain.Tests.Membership.MembershipData;
using static AgencyConnects.Domain.Tests.TestData;

namespace AgencyConnects.Domain.Tests.Membership;

public sealed class TransferOwnershipTests
{
    private readonly Host _host = new();

    private static readonly PersonId Bea = Person("bea");

    /// <summary>Acme on Plus, owned by Olivia; Bob a freelancer, Carol an admin.</summary>
    private AgencyAccount Team()
    {
        AgencyAccount acme = _host.Add(_host.CreateOnPlus(Acme, Olivia, T0), Bob, Permissions.Freelancer, Hour(1));
        return _host.Add(acme, Carol, Permissions.Admin, Hour(2));
    }

    [Fact]
    public void Transferring_emits_OwnershipTransferred_gives_the_new_owner_every_permission_and_keeps_the_former_owner_with_every_permission()
    {
        AgencyAccount acme = Team();
        string before = Observe(acme);

        Updated<AgencyAccount> transferred = Ok<Updated<AgencyAccount>>(acme.TransferOwnership(Olivia, Bob, Hour(3), _host.Directory));

        Assert.Equal(new AccountEvent[] { new OwnershipTransferred(Hour(3), Olivia, Bob) }, transferred.Events);
        AgencyAccount after = transferred.Account;
        Assert.Equal(Bob, after.Owner);
        Assert.Equal(new Member(Bob, Permissions.All, MembershipKind.NonExclusive, Hour(1)), after.Members[Bob]);
        Assert.Equal(new Member(Olivia, Permissions.All, MembershipKind.NonExclusive, T0), after.Members[Olivia]);
        Assert.Equal(3, after.Members.Count);
        Assert.Equal(acme.Version + 1, after.Version);
        Assert.Equal(before, Observe(acme));
    }

    [Fact]
    public void After_a_transfer_the_directory_names_the_new_owner_and_the_former_owner_may_create_another_agency()
    {
        AgencyAccount acme = _host.Commit(Team().TransferOwnership(Olivia, Bob, Hour(3), _host.Directory));

        Assert.Equal(Acme, _host.Directory.AgencyOwnedBy(Bob));
        Assert.Null(_host.Directory.AgencyOwnedBy(Olivia));
        AgencyAccount globex = _host.Create(Globex, Olivia, Hour(4));
        Assert.Equal(Olivia, globex.Owner);
        Assert.Equal(Globex, _host.Directory.AgencyOwnedBy(Olivia));
        Assert.True(acme.Members.ContainsKey(Olivia));
    }

    [Fact]
    public void After_a_transfer_the_new_owner_may_remove_the_former_owner_who_may_no_longer_transfer()
    {
        AgencyAccount acme = _host.Commit(Team().TransferOwnership(Olivia, Bob, Hour(3), _host.Directory));

        Assert.Equal(new NotOwner(Olivia, Bob), acme.TransferOwnership(Olivia, Carol, Hour(4), _host.Directory).AsT3);
        Updated<AgencyAccount> removed = Ok<Updated<AgencyAccount>>(acme.RemoveMember(Bob, Olivia, Hour(4)));
        Assert.False(removed.Account.Members.ContainsKey(Olivia));
    }

    [Fact]
    public void A_closed_agency_is_AgencyIsClosed()
    {
        AgencyAccount acme = _host.Commit(_host.CreateOnPlus(Acme, Olivia, T0).Close(Olivia, Hour(1)));

        var result = acme.TransferOwnership(Olivia, Bob, Hour(2), _host.Directory);

        Assert.Equal(new AgencyIsClosed(Acme), result.AsT1);
    }

    [Fact]
    public void An_instant_before_the_last_change_is_InstantBeforeLastChange()
    {
        var result = Team().TransferOwnership(Olivia, Bob, Hour(1), _host.Directory);

        Assert.Equal(new InstantBeforeLastChange(Hour(1), Hour(2)), result.AsT2);
    }

    [Fact]
    public void An_admin_who_is_not_the_owner_is_NotOwner()
    {
        var result = Team().TransferOwnership(Carol, Carol, Hour(3), _host.Directory);

        Assert.Equal(new NotOwner(Carol, Olivia), result.AsT3);
    }

    [Fact]
    public void A_non_member_is_NotOwner()
    {
        var result = Team().TransferOwnership(Dave, Bob, Hour(3), _host.Directory);

        Assert.Equal(new NotOwner(Dave, Olivia), result.AsT3);
    }

    [Fact]
    public void Transferring_to_the_owner_is_AlreadyOwner()
    {
        var result = Team().TransferOwnership(Olivia, Olivia, Hour(3), _host.Directory);

        Assert.Equal(new AlreadyOwner(Olivia), result.AsT4);
    }

    [Fact]
    public void Transferring_to_a_non_member_is_NotAMember()
    {
        var result = Team().TransferOwnership(Olivia, Dave, Hour(3), _host.Directory);

        Assert.Equal(new NotAMember(Dave), result.AsT5);
    }

    [Fact]
    public void Transferring_to_a_member_who_owns_another_open_agency_is_OwnsAnotherAgency()
    {
        AgencyAccount acme = Team();
        _host.Create(Globex, Bob, Hour(3));

        var result = acme.TransferOwnership(Olivia, Bob, Hour(4), _host.Directory);

        Assert.Equal(new OwnsAnotherAgency(Bob, Globex), result.AsT6);
    }

    [Fact]
    public void Transferring_to_a_member_whose_own_agency_is_closed_is_allowed()
    {
        AgencyAccount acme = Team();
        _host.Commit(_host.Create(Globex, Bob, Hour(3)).Close(Bob, Hour(4)));

        AgencyAccount transferred = _host.Commit(acme.TransferOwnership(Olivia, Bob, Hour(5), _host.Directory));

        Assert.Equal(Bob, transferred.Owner);
        Assert.Equal(Acme, _host.Directory.AgencyOwnedBy(Bob));
    }

    [Fact]
    public void A_refused_transfer_leaves_the_agency_and_the_directory_as_they_were()
    {
        AgencyAccount acme = Team();
        string before = Observe(acme);
        AgencyDirectory directory = _host.Directory;

        Assert.True(acme.TransferOwnership(Carol, Bob, Hour(3), directory).IsT3);
        Assert.True(acme.TransferOwnership(Olivia, Dave, Hour(3), directory).IsT5);

        Assert.Equal(before, Observe(acme));
        Assert.Equal(Acme, directory.AgencyOwnedBy(Olivia));
        Assert.Null(directory.AgencyOwnedBy(Bob));
    }

    [Fact]
    public void Transferring_ownership_without_a_directory_throws_ArgumentNullException()
    {
        AgencyAccount agency = PlusAgency().WithMember(Bea, Permissions.Admin, Hours(1));

        Assert.Throws<ArgumentNullException>(() => agency.TransferOwnership(Owner, Bea, Hours(2), null!));
    }

    [Fact]
    public void Ownership_can_be_transferred_at_the_instant_of_the_last_change()
    {
        AgencyAccount agency = PlusAgency().WithMember(Bea, Permissions.Admin, Hours(1));

        Updated<AgencyAccount> transferred = agency.TransferOwnership(Owner, Bea, Hours(1), AgencyDirectory.Empty).AsT0;

        Assert.Equal(Bea, transferred.Account.Owner);
        Assert.Equal(new OwnershipTransferred(Hours(1), Owner, Bea), Assert.Single(transferred.Events));
    }
}
