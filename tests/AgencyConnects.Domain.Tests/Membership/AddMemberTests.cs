using System;
using System.Collections.Generic;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Membership;
using AgencyConnects.Domain.Plans;
using AgencyConnects.Domain.Values;
using Xunit;
using static AgencyConnects.Domain.Tests.Lifecycle.Given;
using static AgencyConnects.Domain.Tests.Membership.MembershipData;
using static AgencyConnects.Domain.Tests.TestData;

namespace AgencyConnects.Domain.Tests.Membership;

public sealed class AddMemberTests
{
    private readonly Host _host = new();

    private static readonly PersonId Bea = Person("bea");

    [Fact]
    public void Adding_a_member_emits_MemberAdded_and_increments_the_version_by_one()
    {
        AgencyAccount acme = _host.CreateOnPlus(Acme, Olivia, T0);
        string before = Observe(acme);

        Updated<AgencyAccount> added = Ok<Updated<AgencyAccount>>(
            acme.AddMember(Olivia, Bob, Permissions.Freelancer | Permissions.BusinessManager, MembershipKind.NonExclusive, Hour(1), _host.Directory));

        var bob = new Member(Bob, Permissions.Freelancer | Permissions.BusinessManager, MembershipKind.NonExclusive, Hour(1));
        Assert.Equal(new AccountEvent[] { new MemberAdded(Hour(1), Olivia, bob) }, added.Events);
        Assert.Equal(acme.Version + 1, added.Account.Version);
        Assert.Equal(Hour(1), added.Account.LastChangedAt);
        Assert.Equal(bob, added.Account.Members[Bob]);
        Assert.Equal(2, added.Account.Members.Count);
        Assert.Equal(before, Observe(acme));
        Assert.False(acme.Members.ContainsKey(Bob));
    }

    [Fact]
    public void An_admin_who_is_not_the_owner_may_add_members()
    {
        AgencyAccount acme = _host.Add(_host.CreateOnPlus(Acme, Olivia, T0), Bob, Permissions.Admin, Hour(1));

        Updated<AgencyAccount> added = Ok<Updated<AgencyAccount>>(
            acme.AddMember(Bob, Carol, Permissions.Freelancer, MembershipKind.Exclusive, Hour(2), _host.Directory));

        Assert.Equal(
            new AccountEvent[] { new MemberAdded(Hour(2), Bob, new Member(Carol, Permissions.Freelancer, MembershipKind.Exclusive, Hour(2))) },
            added.Events);
    }

    [Fact]
    public void The_directory_records_the_membership_once_the_events_are_applied()
    {
        AgencyAccount acme = _host.CreateOnPlus(Acme, Olivia, T0);
        AgencyDirectory before = _host.Directory;

        _host.Add(acme, Bob, Permissions.Freelancer, Hour(1), MembershipKind.Exclusive);

        Assert.Empty(before.MembershipsOf(Bob));
        Assert.Equal(new Dictionary<AgencyId, MembershipKind> { [Acme] = MembershipKind.Exclusive }, _host.Directory.MembershipsOf(Bob));
        Assert.Equal(Acme, _host.Directory.ExclusiveAgencyOf(Bob));
        Assert.Null(_host.Directory.AgencyOwnedBy(Bob));
    }

    [Fact]
    public void A_non_exclusive_member_may_join_several_agencies()
    {
        _host.Add(_host.CreateOnPlus(Acme, Olivia, T0), Bob, Permissions.Freelancer, Hour(1));
        _host.Add(_host.CreateOnPlus(Globex, Carol, Hour(2)), Bob, Permissions.Freelancer, Hour(3));

        Assert.Equal(
            new Dictionary<AgencyId, MembershipKind> { [Acme] = MembershipKind.NonExclusive, [Globex] = MembershipKind.NonExclusive },
            _host.Directory.MembershipsOf(Bob));
        Assert.Null(_host.Directory.ExclusiveAgencyOf(Bob));
    }

    [Fact]
    public void A_closed_agency_is_AgencyIsClosed()
    {
        AgencyAccount acme = _host.Commit(_host.CreateOnPlus(Acme, Olivia, T0).Close(Olivia, Hour(1)));

        var result = acme.AddMember(Olivia, Bob, Permissions.Freelancer, MembershipKind.NonExclusive, Hour(2), _host.Directory);

        Assert.Equal(new AgencyIsClosed(Acme), result.AsT1);
    }

    [Fact]
    public void An_instant_before_the_last_change_is_InstantBeforeLastChange()
    {
        AgencyAccount acme = _host.Add(_host.CreateOnPlus(Acme, Olivia, T0), Bob, Permissions.Freelancer, Hour(5));

        var result = acme.AddMember(Olivia, Carol, Permissions.Freelancer, MembershipKind.NonExclusive, Hour(4), _host.Directory);

        Assert.Equal(new InstantBeforeLastChange(Hour(4), Hour(5)), result.AsT2);
    }

    [Fact]
    public void A_non_member_is_NotAuthorized()
    {
        AgencyAccount acme = _host.CreateOnPlus(Acme, Olivia, T0);

        var result = acme.AddMember(Carol, Dave, Permissions.Freelancer, MembershipKind.NonExclusive, Hour(1), _host.Directory);

        Assert.Equal(new NotAuthorized(Carol, Permissions.Admin), result.AsT3);
    }

    [Fact]
    public void A_member_without_Admin_is_NotAuthorized()
    {
        AgencyAccount acme = _host.Add(_host.CreateOnPlus(Acme, Olivia, T0), Bob, Permissions.BusinessManager | Permissions.Freelancer, Hour(1));

        var result = acme.AddMember(Bob, Carol, Permissions.Freelancer, MembershipKind.NonExclusive, Hour(2), _host.Directory);

        Assert.Equal(new NotAuthorized(Bob, Permissions.Admin), result.AsT3);
    }

    [Fact]
    public void Agency_Basic_is_PlanDoesNotAllow_AddMembers()
    {
        AgencyAccount acme = _host.Create(Acme, Olivia, T0);

        var result = acme.AddMember(Olivia, Bob, Permissions.Freelancer, MembershipKind.NonExclusive, Hour(1), _host.Directory);

        Assert.Equal(new PlanDoesNotAllow(Plan.AgencyBasic, PlanActions.AddMembers), result.AsT4);
    }

    [Fact]
    public void After_a_failed_payment_the_agency_is_on_Basic_and_may_not_add_members()
    {
        AgencyAccount acme = _host.Commit(_host.CreateOnPlus(Acme, Olivia, T0).RecordFailedPayment(Hour(1)));

        var result = acme.AddMember(Olivia, Bob, Permissions.Freelancer, MembershipKind.NonExclusive, Hour(2), _host.Directory);

        Assert.Equal(new PlanDoesNotAllow(Plan.AgencyBasic, PlanActions.AddMembers), result.AsT4);
    }

    [Fact]
    public void A_current_member_is_AlreadyAMember()
    {
        AgencyAccount acme = _host.Add(_host.CreateOnPlus(Acme, Olivia, T0), Bob, Permissions.Freelancer, Hour(1));

        var result = acme.AddMember(Olivia, Bob, Permissions.Admin, MembershipKind.NonExclusive, Hour(2), _host.Directory);

        Assert.Equal(new AlreadyAMember(Bob), result.AsT5);
    }

    [Fact]
    public void The_owner_is_AlreadyAMember()
    {
        AgencyAccount acme = _host.CreateOnPlus(Acme, Olivia, T0);

        var result = acme.AddMember(Olivia, Olivia, Permissions.Freelancer, MembershipKind.NonExclusive, Hour(1), _host.Directory);

        Assert.Equal(new AlreadyAMember(Olivia), result.AsT5);
    }

    [Fact]
    public void A_person_exclusive_to_another_agency_is_an_ExclusivityConflict()
    {
        AgencyAccount acme = _host.CreateOnPlus(Acme, Olivia, T0);
        _host.Add(_host.CreateOnPlus(Globex, Carol, Hour(1)), Bob, Permissions.Freelancer, Hour(2), MembershipKind.Exclusive);

        var result = acme.AddMember(Olivia, Bob, Permissions.Freelancer, MembershipKind.NonExclusive, Hour(3), _host.Directory);

        Assert.Equal(new ExclusivityConflict(Bob, Globex), result.AsT6);
    }

    [Fact]
    public void The_exclusive_owner_of_another_agency_is_an_ExclusivityConflict()
    {
        AgencyAccount acme = _host.CreateOnPlus(Acme, Olivia, T0);
        _host.Create(Globex, Bob, Hour(1), MembershipKind.Exclusive);

        var result = acme.AddMember(Olivia, Bob, Permissions.Freelancer, MembershipKind.NonExclusive, Hour(2), _host.Directory);

        Assert.Equal(new ExclusivityConflict(Bob, Globex), result.AsT6);
    }

    [Fact]
    public void A_person_to_be_exclusive_while_a_member_of_another_agency_is_an_ExclusivityConflict()
    {
        AgencyAccount acme = _host.CreateOnPlus(Acme, Olivia, T0);
        _host.Add(_host.CreateOnPlus(Globex, Carol, Hour(1)), Bob, Permissions.Freelancer, Hour(2));

        var result = acme.AddMember(Olivia, Bob, Permissions.Freelancer, MembershipKind.Exclusive, Hour(3), _host.Directory);

        Assert.Equal(new ExclusivityConflict(Bob, Globex), result.AsT6);
    }

    [Fact]
    public void A_former_exclusive_member_may_join_another_agency_once_removed()
    {
        AgencyAccount globex = _host.Add(_host.CreateOnPlus(Globex, Carol, Hour(0)), Bob, Permissions.Freelancer, Hour(1), MembershipKind.Exclusive);
        _host.Commit(globex.RemoveMember(Carol, Bob, Hour(2)));
        AgencyAccount acme = _host.CreateOnPlus(Acme, Olivia, Hour(3));

        AgencyAccount joined = _host.Add(acme, Bob, Permissions.Freelancer, Hour(4), MembershipKind.Exclusive);

        Assert.True(joined.Members.ContainsKey(Bob));
        Assert.Equal(Acme, _host.Directory.ExclusiveAgencyOf(Bob));
    }

    [Fact]
    public void A_default_person_is_a_DefaultValue()
    {
        AgencyAccount acme = _host.CreateOnPlus(Acme, Olivia, T0);

        var result = acme.AddMember(Olivia, default, Permissions.Freelancer, MembershipKind.NonExclusive, Hour(1), _host.Directory);

        Assert.Equal(new DefaultValue("person", nameof(PersonId)), result.AsT2);
    }

    [Fact]
    public void A_refused_addition_leaves_the_agency_and_the_directory_as_they_were()
    {
        AgencyAccount acme = _host.Add(_host.CreateOnPlus(Acme, Olivia, T0), Bob, Permissions.Freelancer, Hour(1));
        string before = Observe(acme);
        AgencyDirectory directory = _host.Directory;

        var refusals = new object[]
        {
            acme.AddMember(Bob, Carol, Permissions.Freelancer, MembershipKind.NonExclusive, Hour(2), directory).Value,
            acme.AddMember(Olivia, Bob, Permissions.Freelancer, MembershipKind.NonExclusive, Hour(2), directory).Value,
            acme.AddMember(Olivia, Carol, Permissions.Freelancer, MembershipKind.NonExclusive, T0, directory).Value,
        };

        Assert.All(refusals, refusal => Assert.IsNotType<Updated<AgencyAccount>>(refusal));
        Assert.Equal(before, Observe(acme));
        Assert.Empty(directory.MembershipsOf(Carol));
        Assert.Equal(new Dictionary<AgencyId, MembershipKind> { [Acme] = MembershipKind.NonExclusive }, directory.MembershipsOf(Bob));
    }

    [Fact]
    public void Adding_a_member_without_a_directory_throws_ArgumentNullException()
        => Assert.Throws<ArgumentNullException>(
            () => PlusAgency().AddMember(Owner, Bea, Permissions.Freelancer, MembershipKind.NonExclusive, Hours(1), null!));
}
