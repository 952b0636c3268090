using System.Linq;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Membership;
using AgencyConnects.Domain.Values;
using Xunit;
using static AgencyConnects.Domain.Tests.Membership.MembershipData;
using static AgencyConnects.Domain.Tests.TestData;

namespace AgencyConnects.Domain.Tests.Membership;

/// <summary>A directory built from the host's rows (DOMAIN §9): each kind of fact, each error, and the decisions they make.</summary>
public sealed class DirectoryFactsTests
{
    private static AgencyDirectory With(AgencyDirectory directory, AgencyId agency, PersonId owner, bool isClosed)
        => directory.WithAgency(agency, owner, isClosed).AsT0;

    private static AgencyDirectory With(AgencyDirectory directory, PersonId person, AgencyId agency, MembershipKind kind)
        => directory.WithMembership(person, agency, kind).AsT0;

    [Fact]
    public void An_open_agency_row_makes_its_identifier_used_and_its_owner_an_owner_but_not_a_member()
    {
        AgencyDirectory directory = With(AgencyDirectory.Empty, Acme, Olivia, isClosed: false);

        Assert.True(directory.Contains(Acme));
        Assert.Equal(Acme, directory.AgencyOwnedBy(Olivia));
        Assert.Empty(directory.MembershipsOf(Olivia));
        Assert.False(AgencyDirectory.Empty.Contains(Acme));
    }

    [Fact]
    public void A_closed_agency_row_keeps_its_identifier_used_and_gives_its_owner_no_agency()
    {
        AgencyDirectory directory = With(AgencyDirectory.Empty, Acme, Olivia, isClosed: true);

        Assert.True(directory.Contains(Acme));
        Assert.Null(directory.AgencyOwnedBy(Olivia));
    }

    [Fact]
    public void A_later_row_for_the_same_agency_replaces_its_owner_and_state()
    {
        AgencyDirectory transferred = With(With(AgencyDirectory.Empty, Acme, Olivia, isClosed: false), Acme, Bob, isClosed: false);
        AgencyDirectory closed = With(transferred, Acme, Bob, isClosed: true);
        AgencyDirectory again = With(transferred, Acme, Bob, isClosed: false);

        Assert.Null(transferred.AgencyOwnedBy(Olivia));
        Assert.Equal(Acme, transferred.AgencyOwnedBy(Bob));
        Assert.Null(closed.AgencyOwnedBy(Bob));
        Assert.True(closed.Contains(Acme));
        Assert.Equal(Acme, again.AgencyOwnedBy(Bob));
        Assert.Null(With(With(AgencyDirectory.Empty, Acme, Olivia, isClosed: false), Acme, Bob, isClosed: true).AgencyOwnedBy(Olivia));
    }

    [Fact]
    public void Membership_rows_give_the_memberships_and_the_exclusive_agency_without_the_agency_rows()
    {
        AgencyDirectory directory = With(With(With(AgencyDirectory.Empty, Bob, Acme, MembershipKind.Exclusive), Carol, Acme, MembershipKind.NonExclusive), Carol, Globex, MembershipKind.NonExclusive);

        Assert.False(directory.Contains(Acme));
        Assert.Equal([(Acme, MembershipKind.Exclusive)], directory.MembershipsOf(Bob).Select(m => (m.Key, m.Value)));
        Assert.Equal(Acme, directory.ExclusiveAgencyOf(Bob));
        Assert.Equal([Acme, Globex], directory.MembershipsOf(Carol).Keys.Order());
        Assert.Null(directory.ExclusiveAgencyOf(Carol));
        Assert.Equal(MembershipKind.NonExclusive, With(directory, Bob, Acme, MembershipKind.NonExclusive).MembershipsOf(Bob)[Acme]);
    }

    [Fact]
    public void Rows_of_the_same_facts_give_the_directory_the_events_give()
    {
        AgencyAccount acme = AgencyAccount.Create(Acme, Olivia, T0, AgencyDirectory.Empty).AsT0.Account.UpgradeToPlus(Olivia, T0).AsT0.Account;
        Updated<AgencyAccount> added = acme.AddMember(Olivia, Bob, Permissions.Freelancer, MembershipKind.Exclusive, Hour(1), AgencyDirectory.Empty).AsT0;
        AgencyDirectory fromEvents = AgencyDirectory.Empty
            .Apply(Acme, new AgencyCreated(T0, Acme, Olivia, MembershipKind.NonExclusive, AccountSettings.Default))
            .Apply(added)
            .Apply(Acme, new OwnershipTransferred(Hour(2), Olivia, Bob));
        AgencyDirectory fromRows = With(With(With(AgencyDirectory.Empty, Acme, Bob, isClosed: false), Olivia, Acme, MembershipKind.NonExclusive), Bob, Acme, MembershipKind.Exclusive);

        foreach (PersonId person in (PersonId[])[Olivia, Bob, Carol])
        {
            Assert.Equal(fromEvents.AgencyOwnedBy(person), fromRows.AgencyOwnedBy(person));
            Assert.Equal(fromEvents.MembershipsOf(person).OrderBy(m => m.Key), fromRows.MembershipsOf(person).OrderBy(m => m.Key));
        }

        Assert.True(fromRows.Contains(Acme));
    }

    [Fact]
    public void A_default_agency_or_owner_is_a_named_error()
    {
        Assert.Equal(new DefaultValue("agency", nameof(AgencyId)), AgencyDirectory.Empty.WithAgency(default, Olivia, isClosed: false).AsT1);
        Assert.Equal(new DefaultValue("owner", nameof(PersonId)), AgencyDirectory.Empty.WithAgency(Acme, default, isClosed: true).AsT1);
        Assert.Equal(new DefaultValue("agency", nameof(AgencyId)), AgencyDirectory.Empty.WithAgency(default, default, isClosed: false).AsT1);
    }

    [Fact]
    public void A_default_person_or_agency_or_an_undefined_kind_is_a_named_error()
    {
        Assert.Equal(new DefaultValue("person", nameof(PersonId)), AgencyDirectory.Empty.WithMembership(default, Acme, MembershipKind.Exclusive).AsT1);
        Assert.Equal(new DefaultValue("agency", nameof(AgencyId)), AgencyDirectory.Empty.WithMembership(Bob, default, MembershipKind.Exclusive).AsT1);
        Assert.Equal(
            new UndefinedValue("kind", nameof(MembershipKind), 7),
            AgencyDirectory.Empty.WithMembership(Bob, Acme, (MembershipKind)7).AsT1);
        Assert.Equal(
            new UndefinedValue("kind", nameof(MembershipKind), -1),
            AgencyDirectory.Empty.WithMembership(Bob, Acme, (MembershipKind)(-1)).AsT1);
    }

    [Fact]
    public void The_rows_of_the_persons_involved_decide_each_cross_agency_refusal()
    {
        AgencyDirectory globexOpen = With(AgencyDirectory.Empty, Globex, Olivia, isClosed: false);
        AgencyDirectory globexClosed = With(AgencyDirectory.Empty, Globex, Carol, isClosed: true);
        AgencyDirectory bobExclusive = With(AgencyDirectory.Empty, Bob, Globex, MembershipKind.Exclusive);
        AgencyDirectory bobElsewhere = With(AgencyDirectory.Empty, Bob, Globex, MembershipKind.NonExclusive);

        Assert.Equal(new AgencyAlreadyExists(Globex), AgencyAccount.Create(Globex, Olivia, T0, globexClosed).AsT2);
        Assert.Equal(new OwnsAnotherAgency(Olivia, Globex), AgencyAccount.Create(Acme, Olivia, T0, globexOpen).AsT3);
        Assert.Equal(new ExclusivityConflict(Bob, Globex), AgencyAccount.Create(Acme, Bob, T0, bobExclusive).AsT4);
        Assert.Equal(new ExclusivityConflict(Bob, Globex), AgencyAccount.Create(Acme, Bob, T0, bobElsewhere, ownerMembership: MembershipKind.Exclusive).AsT4);
        Assert.True(AgencyAccount.Create(Acme, Bob, T0, bobElsewhere).IsT0);

        AgencyAccount acme = AgencyAccount.Create(Acme, Dave, T0, AgencyDirectory.Empty).AsT0.Account.UpgradeToPlus(Dave, T0).AsT0.Account;
        Assert.Equal(new ExclusivityConflict(Bob, Globex), acme.AddMember(Dave, Bob, Permissions.Freelancer, MembershipKind.NonExclusive, Hour(1), bobExclusive).AsT6);
        Assert.Equal(new ExclusivityConflict(Bob, Globex), acme.AddMember(Dave, Bob, Permissions.Freelancer, MembershipKind.Exclusive, Hour(1), bobElsewhere).AsT6);
        AgencyAccount withOlivia = acme.AddMember(Dave, Olivia, Permissions.Admin, MembershipKind.NonExclusive, Hour(1), globexOpen).AsT0.Account;
        Assert.Equal(new OwnsAnotherAgency(Olivia, Globex), withOlivia.TransferOwnership(Dave, Olivia, Hour(2), globexOpen).AsT6);
        Assert.True(withOlivia.TransferOwnership(Dave, Olivia, Hour(2), globexClosed).IsT0);

        FreelancerAccount bob = FreelancerAccount.Open(Bob, T0).AsT0.Account;
        Assert.Equal(
            new ExclusivityConflict(Bob, Globex),
            bob.SubmitProposal(Bob, Proposal("p1"), Connects.Zero, Connects.Zero, Key("k1"), Hour(1), bobExclusive.ExclusiveAgencyOf(Bob)).AsT3);
        Assert.Null(bobElsewhere.ExclusiveAgencyOf(Bob));
    }
}
