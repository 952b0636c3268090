using System.Linq;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Membership;
using AgencyConnects.Domain.Values;
using NodaTime;
using OneOf;
using Xunit;
using static AgencyConnects.Domain.Tests.TestData;

namespace AgencyConnects.Domain.Tests.Membership;

/// <summary>People, agencies and instants the membership examples share, and a small host that keeps the directory current.</summary>
internal static class MembershipData
{
    public static readonly PersonId Olivia = Person("olivia");
    public static readonly PersonId Bob = Person("bob");
    public static readonly PersonId Carol = Person("carol");
    public static readonly PersonId Dave = Person("dave");

    public static readonly AgencyId Acme = Agency("acme");
    public static readonly AgencyId Globex = Agency("globex");

    /// <summary>Monday 3 March 2025, 09:00 UTC: every example starts here and stays within its first billing period.</summary>
    public static readonly Instant T0 = Utc(2025, 3, 3, 9);

    /// <summary><see cref="T0"/> plus <paramref name="hours"/>.</summary>
    public static Instant Hour(int hours) => T0.Plus(Duration.FromHours(hours));

    /// <summary>The success case of an operation's result, failing the test with the error when it is one.</summary>
    public static T Ok<T>(IOneOf result)
    {
        Assert.True(result.Index == 0, $"Expected success, got {result.Value}");
        return (T)result.Value;
    }

    /// <summary>What can be observed of an agency, to show an object was left as it was.</summary>
    public static string Observe(AgencyAccount agency)
        => $"v{agency.Version} owner={agency.Owner} closed={agency.IsClosed} plan={agency.Plan} balance={agency.Balance} at={agency.LastChangedAt} "
           + $"lots={agency.Pool.Lots.Count} proposals={agency.Proposals.Count} members="
           + string.Join(";", agency.Members.Values.OrderBy(m => m.Person).Select(m => m.ToString()));
}

/// <summary>A host in miniature: it applies every successful operation's events to its directory, as DOMAIN §4 asks.</summary>
internal sealed class Host
{
    public AgencyDirectory Directory { get; private set; } = AgencyDirectory.Empty;

    /// <summary>Records a successful operation: applies its events to the directory and returns the new agency.</summary>
    public AgencyAccount Commit(IOneOf result)
    {
        Updated<AgencyAccount> updated = MembershipData.Ok<Updated<AgencyAccount>>(result);
        Directory = Directory.Apply(updated);
        return updated.Account;
    }

    public AgencyAccount Create(AgencyId agency, PersonId owner, Instant at, MembershipKind ownerMembership = MembershipKind.NonExclusive)
        => Commit(AgencyAccount.Create(agency, owner, at, Directory, ownerMembership: ownerMembership));

    /// <summary>Creates the agency and upgrades it to Agency Plus at once, so that it may add members.</summary>
    public AgencyAccount CreateOnPlus(AgencyId agency, PersonId owner, Instant at, MembershipKind ownerMembership = MembershipKind.NonExclusive)
        => Commit(Create(agency, owner, at, ownerMembership).UpgradeToPlus(owner, at));

    public AgencyAccount Add(
        AgencyAccount agency, PersonId person, Permissions permissions, Instant at, MembershipKind kind = MembershipKind.NonExclusive)
        => Commit(agency.AddMember(agency.Owner, person, permissions, kind, at, Directory));
}
