using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Membership;
using AgencyConnects.Domain.Values;
using Xunit;
using static AgencyConnects.Domain.Tests.Lifecycle.Given;
using static AgencyConnects.Domain.Tests.TestData;

namespace AgencyConnects.Domain.Tests.Membership;

/// <summary>Examples that kill mutants left alive by the Stryker.NET run (see SurvivingMutants.md).</summary>
public sealed class MutantKillingTests
{
    [Fact]
    public void A_removal_of_someone_the_directory_never_saw_leaves_it_as_it_is()
    {
        PersonId unknown = Person("zed");

        AgencyDirectory after = AgencyDirectory.Empty.Apply(Agency("acme"), new MemberRemoved(Start, Owner, unknown));

        Assert.Empty(after.MembershipsOf(unknown));
        Assert.Null(after.ExclusiveAgencyOf(unknown));
    }

    [Fact]
    public void A_freelancer_account_is_not_opened_for_the_empty_person()
    {
        var result = FreelancerAccount.Open(default, Start);

        Assert.Equal(new DefaultValue("holder", nameof(PersonId)), result.AsT1);
    }
}
