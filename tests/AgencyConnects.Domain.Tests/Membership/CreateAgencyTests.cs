using System;
using System.Collections.Generic;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Billing;
using AgencyConnects.Domain.Membership;
using AgencyConnects.Domain.Plans;
using AgencyConnects.Domain.Values;
using NodaTime;
using Xunit;
using static AgencyConnects.Domain.Tests.Lifecycle.Given;
using static AgencyConnects.Domain.Tests.Membership.MembershipData;
using static AgencyConnects.Domain.Tests.TestData;

namespace AgencyConnects.Domain.Tests.Membership;

public sealed class CreateAgencyTests
{
    [Fact]
    public void Create_emits_AgencyCreated_and_gives_an_agency_on_Basic_whose_only_member_is_the_owner_with_every_permission()
    {
        Updated<AgencyAccount> created = Ok<Updated<AgencyAccount>>(AgencyAccount.Create(Acme, Olivia, T0, AgencyDirectory.Empty));

        Assert.Equal(new AccountEvent[] { new AgencyCreated(T0, Acme, Olivia, MembershipKind.NonExclusive, AccountSettings.Default) }, created.Events);
        AgencyAccount agency = created.Account;
        Assert.Equal(Acme, agency.Id);
        Assert.Equal(Olivia, agency.Owner);
        Assert.Equal(new Member(Olivia, Permissions.All, MembershipKind.NonExclusive, T0), Assert.Single(agency.Members).Value);
        Assert.False(agency.IsClosed);
        Assert.Equal(Plan.AgencyBasic, agency.Plan);
        Assert.Equal(C(0), agency.Balance);
        Assert.Equal(1, agency.Version);
        Assert.Equal(T0, agency.LastChangedAt);
    }

    [Fact]
    public void The_directory_learns_of_the_agency_only_when_the_host_applies_the_events()
    {
        AgencyDirectory directory = AgencyDirectory.Empty;
        Updated<AgencyAccount> created = Ok<Updated<AgencyAccount>>(AgencyAccount.Create(Acme, Olivia, T0, directory, ownerMembership: MembershipKind.Exclusive));

        Assert.False(directory.Contains(Acme));
        Assert.Null(directory.AgencyOwnedBy(Olivia));

        directory = directory.Apply(created);

        Assert.True(directory.Contains(Acme));
        Assert.Equal(Acme, directory.AgencyOwnedBy(Olivia));
        Assert.Equal(new Dictionary<AgencyId, MembershipKind> { [Acme] = MembershipKind.Exclusive }, directory.MembershipsOf(Olivia));
        Assert.Equal(Acme, directory.ExclusiveAgencyOf(Olivia));
        Assert.Equal(new Member(Olivia, Permissions.All, MembershipKind.Exclusive, T0), created.Account.Members[Olivia]);
    }

    [Fact]
    public void A_default_agency_id_is_a_DefaultValue()
    {
        var result = AgencyAccount.Create(default, Olivia, T0, AgencyDirectory.Empty);

        Assert.Equal(new DefaultValue("id", nameof(AgencyId)), result.AsT1);
    }

    [Fact]
    public void A_default_owner_is_a_DefaultValue()
    {
        var result = AgencyAccount.Create(Acme, default, T0, AgencyDirectory.Empty);

        Assert.Equal(new DefaultValue("owner", nameof(PersonId)), result.AsT1);
    }

    [Fact]
    public void An_agency_id_the_directory_knows_is_AgencyAlreadyExists()
    {
        var host = new Host();
        host.Create(Acme, Olivia, T0);

        var result = AgencyAccount.Create(Acme, Bob, Hour(1), host.Directory);

        Assert.Equal(new AgencyAlreadyExists(Acme), result.AsT2);
    }

    [Fact]
    public void The_id_of_a_closed_agency_is_never_used_again()
    {
        var host = new Host();
        host.Commit(host.Create(Acme, Olivia, T0).Close(Olivia, Hour(1)));

        var result = AgencyAccount.Create(Acme, Olivia, Hour(2), host.Directory);

        Assert.Equal(new AgencyAlreadyExists(Acme), result.AsT2);
    }

    [Fact]
    public void The_owner_of_an_open_agency_may_not_create_another_and_OwnsAnotherAgency_names_it()
    {
        var host = new Host();
        host.Create(Acme, Olivia, T0);

        var result = AgencyAccount.Create(Globex, Olivia, Hour(1), host.Directory);

        Assert.Equal(new OwnsAnotherAgency(Olivia, Acme), result.AsT3);
    }

    [Fact]
    public void An_owner_who_is_an_exclusive_member_of_another_agency_is_an_ExclusivityConflict()
    {
        var host = new Host();
        host.Add(host.CreateOnPlus(Acme, Olivia, T0), Bob, Permissions.Freelancer, Hour(1), MembershipKind.Exclusive);

        var result = AgencyAccount.Create(Globex, Bob, Hour(2), host.Directory);

        Assert.Equal(new ExclusivityConflict(Bob, Acme), result.AsT4);
    }

    [Fact]
    public void An_owner_to_be_exclusive_while_a_member_of_another_agency_is_an_ExclusivityConflict()
    {
        var host = new Host();
        host.Add(host.CreateOnPlus(Acme, Olivia, T0), Bob, Permissions.Freelancer, Hour(1));

        var result = AgencyAccount.Create(Globex, Bob, Hour(2), host.Directory, ownerMembership: MembershipKind.Exclusive);

        Assert.Equal(new ExclusivityConflict(Bob, Acme), result.AsT4);
    }

    [Fact]
    public void A_non_exclusive_member_of_another_agency_may_create_a_non_exclusive_agency()
    {
        var host = new Host();
        host.Add(host.CreateOnPlus(Acme, Olivia, T0), Bob, Permissions.Freelancer, Hour(1));

        AgencyAccount globex = host.Create(Globex, Bob, Hour(2));

        Assert.Equal(Bob, globex.Owner);
        Assert.Equal(
            new Dictionary<AgencyId, MembershipKind> { [Acme] = MembershipKind.NonExclusive, [Globex] = MembershipKind.NonExclusive },
            host.Directory.MembershipsOf(Bob));
        Assert.Equal(Globex, host.Directory.AgencyOwnedBy(Bob));
    }

    [Fact]
    public void An_instant_in_the_year_9500_is_AnchorOutOfRange()
    {
        var result = AgencyAccount.Create(Acme, Olivia, Instant.FromUtc(9500, 6, 1, 12, 0), AgencyDirectory.Empty);

        Assert.Equal(new AnchorOutOfRange(new LocalDate(9500, 6, 1)), result.AsT5);
    }

    [Fact]
    public void A_refused_create_leaves_the_directory_as_it_was()
    {
        var host = new Host();
        host.Create(Acme, Olivia, T0);
        AgencyDirectory before = host.Directory;

        var result = AgencyAccount.Create(Globex, Olivia, Hour(1), before);

        Assert.True(result.IsT3);
        Assert.False(before.Contains(Globex));
        Assert.Equal(Acme, before.AgencyOwnedBy(Olivia));
        Assert.Equal(new Dictionary<AgencyId, MembershipKind> { [Acme] = MembershipKind.NonExclusive }, before.MembershipsOf(Olivia));
    }

    [Fact]
    public void Creating_an_agency_without_a_directory_throws_ArgumentNullException()
        => Assert.Throws<ArgumentNullException>(() => AgencyAccount.Create(Agency("acme"), Owner, Start, null!));
}
