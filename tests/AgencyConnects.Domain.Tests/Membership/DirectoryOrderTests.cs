using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Membership;
using AgencyConnects.Domain.Values;
using NodaTime;
using Xunit;
using static AgencyConnects.Domain.Tests.TestData;

namespace AgencyConnects.Domain.Tests.Membership;

public class DirectoryOrderTests
{
    private static readonly Instant Start = Utc(2025, 1, 10, 9);

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
}
