using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Membership;
using AgencyConnects.Domain.Values;
using Xunit;
using static AgencyConnects.Domain.Tests.Lifecycle.Given;
using static AgencyConnects.Domain.Tests.TestData;

namespace AgencyConnects.Domain.Tests.Membership;

/// <summary>Examples that kill mutants of <see cref="AgencyDirectory"/> left alive by the second Stryker.NET run.</summary>
public sealed class MutantKillingTests2
{
    private static readonly PersonId Bea = Person("bea");
    private static readonly AgencyId Acme = Agency("acme");
    private static readonly AgencyId Beta = Agency("beta");

    private static MemberAdded Added(PersonId person, MembershipKind kind)
        => new(Start, Owner, new Member(person, Permissions.Freelancer, kind, Start));

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
