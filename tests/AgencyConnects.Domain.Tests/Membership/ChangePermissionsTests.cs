using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Membership;
using Xunit;
using static AgencyConnects.Domain.Tests.Membership.MembershipData;

namespace AgencyConnects.Domain.Tests.Membership;

public sealed class ChangePermissionsTests
{
    private readonly Host _host = new();

    /// <summary>Acme on Plus, owned by Olivia; Bob a freelancer, Carol an admin (both joined at hour 1 and 2).</summary>
    private AgencyAccount Team()
    {
        AgencyAccount acme = _host.Add(_host.CreateOnPlus(Acme, Olivia, T0), Bob, Permissions.Freelancer, Hour(1));
        return _host.Add(acme, Carol, Permissions.Admin, Hour(2));
    }

    [Fact]
    public void Changing_permissions_emits_PermissionsChanged_and_replaces_what_the_member_holds()
    {
        AgencyAccount acme = Team();
        string before = Observe(acme);

        Updated<AgencyAccount> changed = Ok<Updated<AgencyAccount>>(acme.ChangePermissions(Carol, Bob, Permissions.BusinessManager, Hour(3)));

        Assert.Equal(new AccountEvent[] { new PermissionsChanged(Hour(3), Carol, Bob, Permissions.BusinessManager) }, changed.Events);
        Assert.Equal(new Member(Bob, Permissions.BusinessManager, MembershipKind.NonExclusive, Hour(1)), changed.Account.Members[Bob]);
        Assert.Equal(acme.Version + 1, changed.Account.Version);
        Assert.Equal(before, Observe(acme));
    }

    [Fact]
    public void An_admin_who_gives_up_Admin_may_no_longer_add_members()
    {
        AgencyAccount acme = _host.Commit(Team().ChangePermissions(Carol, Carol, Permissions.Freelancer, Hour(3)));

        var result = acme.AddMember(Carol, Dave, Permissions.Freelancer, MembershipKind.NonExclusive, Hour(4), _host.Directory);

        Assert.Equal(new NotAuthorized(Carol, Permissions.Admin), result.AsT3);
    }

    [Fact]
    public void A_closed_agency_is_AgencyIsClosed()
    {
        AgencyAccount acme = _host.Commit(_host.CreateOnPlus(Acme, Olivia, T0).Close(Olivia, Hour(1)));

        var result = acme.ChangePermissions(Olivia, Olivia, Permissions.Admin, Hour(2));

        Assert.Equal(new AgencyIsClosed(Acme), result.AsT1);
    }

    [Fact]
    public void An_instant_before_the_last_change_is_InstantBeforeLastChange()
    {
        AgencyAccount acme = Team();

        var result = acme.ChangePermissions(Olivia, Bob, Permissions.Admin, Hour(1));

        Assert.Equal(new InstantBeforeLastChange(Hour(1), Hour(2)), result.AsT2);
    }

    [Fact]
    public void A_non_member_is_NotAuthorized()
    {
        var result = Team().ChangePermissions(Dave, Bob, Permissions.Admin, Hour(3));

        Assert.Equal(new NotAuthorized(Dave, Permissions.Admin), result.AsT3);
    }

    [Fact]
    public void A_member_without_Admin_is_NotAuthorized_even_for_their_own_permissions()
    {
        var result = Team().ChangePermissions(Bob, Bob, Permissions.All, Hour(3));

        Assert.Equal(new NotAuthorized(Bob, Permissions.Admin), result.AsT3);
    }

    [Fact]
    public void A_person_who_is_not_a_member_is_NotAMember()
    {
        var result = Team().ChangePermissions(Olivia, Dave, Permissions.Freelancer, Hour(3));

        Assert.Equal(new NotAMember(Dave), result.AsT4);
    }

    [Fact]
    public void The_owners_permissions_are_fixed_even_for_the_owner()
    {
        var result = Team().ChangePermissions(Olivia, Olivia, Permissions.Freelancer, Hour(3));

        Assert.Equal(new OwnerPermissionsAreFixed(Olivia), result.AsT5);
    }

    [Fact]
    public void An_admin_may_not_change_the_owners_permissions()
    {
        var result = Team().ChangePermissions(Carol, Olivia, Permissions.None, Hour(3));

        Assert.Equal(new OwnerPermissionsAreFixed(Olivia), result.AsT5);
    }

    [Fact]
    public void A_refused_change_leaves_the_agency_as_it_was()
    {
        AgencyAccount acme = Team();
        string before = Observe(acme);

        Assert.True(acme.ChangePermissions(Bob, Carol, Permissions.None, Hour(3)).IsT3);
        Assert.True(acme.ChangePermissions(Carol, Olivia, Permissions.None, Hour(3)).IsT5);

        Assert.Equal(before, Observe(acme));
        Assert.Equal(Permissions.Admin, acme.Members[Carol].Permissions);
    }
}
