using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Membership;
using AgencyConnects.Domain.Values;
using NodaTime;
using Xunit;
using static AgencyConnects.Domain.Tests.Lifecycle.Given;
using static AgencyConnects.Domain.Tests.TestData;

namespace AgencyConnects.Domain.Tests.Membership;

public class DirectoryOrderTests
{
    private static readonly Instant Start = Utc(2025, 1, 10, 9);

    private static readonly PersonId Bea = Person("bea");
    private static readonly AgencyId Acme = Agency("acme");
    private static readonly AgencyId Beta = Agency("beta");

    [Fact]
    public void An_exclusivity_conflict_names_the_first_agency_by_identifier()
    {
        PersonId dana = Person("dana");
        AgencyDirectory directory = AgencyDirectory.Empty;
        AgencyAccount? target = null;
        foreach (string name in new[] { "m-agency", "c-agency", "x-agency", "a-agency" })
        {
            Updated<AgencyAccount> created = AgencyAccount.Create(Agency(name), Person("owner-" + name), Start, directory).AsT0;
            directory = directory.Apply(created);
            AgencyAccount agency = created.Account.UpgradeToPlus(Person("owner-" + name), Start).AsT0.Account;
            if (name == "a-agency")
            {
                target = agency;
                continue;
            }

            Updated<AgencyAccount> added = agency.AddMember(Person("owner-" + name), dana, Permissions.Freelancer, MembershipKind.NonExclusive, Start, directory).AsT0;
            directory = directory.Apply(added);
        }

        var result = target!.AddMember(Person("owner-a-agency"), dana, Permissions.Freelancer, MembershipKind.Exclusive, Start, directory);

        Assert.Equal(new ExclusivityConflict(dana, Agency("c-agency")), result.AsT6);
    }

    [Fact]
    public void A_closed_agency_applied_after_the_owners_next_one_leaves_the_next_one_owned()
    {
        PersonId olivia = Person("olivia");
        AgencyDirectory directory = AgencyDirectory.Empty;
        Updated<AgencyAccount> first = AgencyAccount.Create(Agency("first"), olivia, Start, directory).AsT0;
        directory = directory.Apply(first);
        Updated<AgencyAccount> closed = first.Account.Close(olivia, Start).AsT0;
        directory = directory.Apply(closed);
        Updated<AgencyAccount> second = AgencyAccount.Create(Agency("second"), olivia, Start, directory).AsT0;

        AgencyDirectory rebuilt = AgencyDirectory.Empty.Apply(second).Apply(first).Apply(closed);

        Assert.Equal(Agency("second"), rebuilt.AgencyOwnedBy(olivia));
        Assert.True(rebuilt.Contains(Agency("first")));
        Assert.Equal([Agency("second")], rebuilt.MembershipsOf(olivia).Keys);
    }

    private static MemberAdded Added(PersonId person, MembershipKind kind)
        => new(Start, Owner, new Member(person, Permissions.Freelancer, kind, Start));

    // Two agencies that each checked the person against a directory that did not yet hold the other's membership both
    // add them as exclusive; the directory then names the first agency by identifier.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Of_two_exclusive_memberships_the_directory_names_the_agency_first_by_identifier(bool betaFirst)
    {
        AgencyDirectory directory = betaFirst
            ? AgencyDirectory.Empty.Apply(Beta, Added(Bea, MembershipKind.Exclusive)).Apply(Acme, Added(Bea, MembershipKind.Exclusive))
            : AgencyDirectory.Empty.Apply(Acme, Added(Bea, MembershipKind.Exclusive)).Apply(Beta, Added(Bea, MembershipKind.Exclusive));

        Assert.Equal(Acme, directory.ExclusiveAgencyOf(Bea));
    }
}
