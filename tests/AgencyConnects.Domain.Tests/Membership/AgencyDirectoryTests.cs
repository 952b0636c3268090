using System;
using System.Collections.Generic;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Membership;
using AgencyConnects.Domain.Values;
using Xunit;
using static AgencyConnects.Domain.Tests.Lifecycle.Given;
using static AgencyConnects.Domain.Tests.Membership.MembershipData;
using static AgencyConnects.Domain.Tests.TestData;

namespace AgencyConnects.Domain.Tests.Membership;

public sealed class AgencyDirectoryTests
{
    private static readonly PersonId Bea = Person("bea");
    private static readonly AgencyId Beta = Agency("beta");

    [Fact]
    public void The_empty_directory_knows_no_agency_and_no_membership()
    {
        AgencyDirectory directory = AgencyDirectory.Empty;

        Assert.False(directory.Contains(Acme));
        Assert.Null(directory.AgencyOwnedBy(Olivia));
        Assert.Empty(directory.MembershipsOf(Olivia));
        Assert.Null(directory.ExclusiveAgencyOf(Olivia));
    }

    [Fact]
    public void Applying_events_one_by_one_follows_an_agency_through_its_life()
    {
        AgencyDirectory directory = AgencyDirectory.Empty
            .Apply(Acme, new AgencyCreated(T0, Acme, Olivia, MembershipKind.NonExclusive, AccountSettings.Default))
            .Apply(Acme, new MemberAdded(Hour(1), Olivia, new Member(Bob, Permissions.Freelancer, MembershipKind.Exclusive, Hour(1))))
            .Apply(Acme, new MemberAdded(Hour(2), Olivia, new Member(Carol, Permissions.Admin, MembershipKind.NonExclusive, Hour(2))));

        Assert.True(directory.Contains(Acme));
        Assert.Equal(Acme, directory.AgencyOwnedBy(Olivia));
        Assert.Equal(Acme, directory.ExclusiveAgencyOf(Bob));
        Assert.Null(directory.ExclusiveAgencyOf(Carol));
        Assert.Equal(new Dictionary<AgencyId, MembershipKind> { [Acme] = MembershipKind.NonExclusive }, directory.MembershipsOf(Carol));

        directory = directory.Apply(Acme, new OwnershipTransferred(Hour(3), Olivia, Carol));

        Assert.Equal(Acme, directory.AgencyOwnedBy(Carol));
        Assert.Null(directory.AgencyOwnedBy(Olivia));
        Assert.Equal(new Dictionary<AgencyId, MembershipKind> { [Acme] = MembershipKind.NonExclusive }, directory.MembershipsOf(Olivia));

        directory = directory
            .Apply(Acme, new MemberRemoved(Hour(4), Carol, Bob))
            .Apply(Acme, new MemberRemoved(Hour(5), Carol, Olivia))
            .Apply(Acme, new AgencyClosed(Hour(6), Carol, C(0)));

        Assert.True(directory.Contains(Acme));
        Assert.Null(directory.AgencyOwnedBy(Carol));
        Assert.Empty(directory.MembershipsOf(Bob));
        Assert.Empty(directory.MembershipsOf(Olivia));
        Assert.Empty(directory.MembershipsOf(Carol));
        Assert.Null(directory.ExclusiveAgencyOf(Bob));
    }

    [Fact]
    public void Events_that_do_not_concern_the_directory_leave_it_as_it_is()
    {
        AgencyDirectory directory = AgencyDirectory.Empty.Apply(Acme, new AgencyCreated(T0, Acme, Olivia, MembershipKind.NonExclusive, AccountSettings.Default));

        Assert.Same(directory, directory.Apply(Acme, new PermissionsChanged(Hour(1), Olivia, Olivia, Permissions.All)));
        Assert.Same(directory, directory.Apply(Acme, new ConnectsGranted(Hour(1), C(80), null)));
    }

    [Fact]
    public void Applying_an_operation_result_applies_each_of_its_events_to_the_agency_it_belongs_to()
    {
        var host = new Host();
        AgencyAccount acme = host.CreateOnPlus(Acme, Olivia, T0);
        AgencyAccount globex = host.CreateOnPlus(Globex, Carol, Hour(1));
        host.Add(acme, Bob, Permissions.Freelancer, Hour(2));
        host.Add(globex, Bob, Permissions.Freelancer, Hour(3));

        Assert.Equal(
            new Dictionary<AgencyId, MembershipKind> { [Acme] = MembershipKind.NonExclusive, [Globex] = MembershipKind.NonExclusive },
            host.Directory.MembershipsOf(Bob));
        Assert.Equal(Globex, host.Directory.AgencyOwnedBy(Carol));
        Assert.Equal(Acme, host.Directory.AgencyOwnedBy(Olivia));
        Assert.False(host.Directory.Contains(Agency("initech")));
    }

    private static MemberAdded Added(PersonId person, MembershipKind kind)
        => new(Start, Owner, new Member(person, Permissions.Freelancer, kind, Start));

    [Fact]
    public void A_removal_of_someone_the_directory_never_saw_leaves_it_as_it_is()
    {
        PersonId unknown = Person("zed");

        AgencyDirectory after = AgencyDirectory.Empty.Apply(Agency("acme"), new MemberRemoved(Start, Owner, unknown));

        Assert.Empty(after.MembershipsOf(unknown));
        Assert.Null(after.ExclusiveAgencyOf(unknown));
    }

    [Fact]
    public void The_directory_refuses_a_null_event_and_a_null_change()
    {
        Assert.Throws<ArgumentNullException>(() => AgencyDirectory.Empty.Apply(Agency("acme"), null!));
        Assert.Throws<ArgumentNullException>(() => AgencyDirectory.Empty.Apply(null!));
    }

    [Fact]
    public void Leaving_one_of_two_agencies_keeps_the_membership_of_the_other()
    {
        AgencyDirectory directory = AgencyDirectory.Empty
            .Apply(Acme, Added(Bea, MembershipKind.NonExclusive))
            .Apply(Beta, Added(Bea, MembershipKind.NonExclusive));

        AgencyDirectory after = directory.Apply(Acme, new MemberRemoved(Start, Owner, Bea));

        var remaining = Assert.Single(after.MembershipsOf(Bea));
        Assert.Equal(Beta, remaining.Key);
        Assert.Equal(MembershipKind.NonExclusive, remaining.Value);
    }
}
