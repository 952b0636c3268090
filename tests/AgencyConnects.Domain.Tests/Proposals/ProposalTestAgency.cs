using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Membership;
using AgencyConnects.Domain.Values;
using NodaTime;
using Xunit;
using static AgencyConnects.Domain.Tests.TestData;

namespace AgencyConnects.Domain.Tests.Proposals;

/// <summary>
/// The agency the proposal examples share: "acme", owned by olivia, on Classic Agency Plus from <see cref="Start"/>
/// (80 Connects), with members of every useful combination of permissions.
/// </summary>
internal static class ProposalTestAgency
{
    public static readonly Instant Start = Utc(2025, 1, 10, 9);

    public static AgencyId Acme => Agency("acme");

    /// <summary>The owner: every permission.</summary>
    public static PersonId Olivia => Person("olivia");

    /// <summary>Freelancer only.</summary>
    public static PersonId Ben => Person("ben");

    /// <summary>Business manager only.</summary>
    public static PersonId Bella => Person("bella");

    /// <summary>Freelancer and business manager.</summary>
    public static PersonId Fiona => Person("fiona");

    /// <summary>Admin only.</summary>
    public static PersonId Ada => Person("ada");

    /// <summary>A member with no permission.</summary>
    public static PersonId Nora => Person("nora");

    /// <summary>Not a member.</summary>
    public static PersonId Zed => Person("zed");

    /// <summary>An instant <paramref name="minutes"/> after <see cref="Start"/>, inside the first period.</summary>
    public static Instant At(int minutes) => Start.Plus(Duration.FromMinutes(minutes));

    /// <summary>Olivia's agency on Agency Basic, with no other member.</summary>
    public static Updated<AgencyAccount> Created() => AgencyAccount.Create(Acme, Olivia, Start, AgencyDirectory.Empty).AsT0;

    /// <summary>The agency on Agency Plus with its members, all added at <see cref="Start"/>.</summary>
    public static AgencyAccount Plus()
    {
        AgencyAccount agency = Created().Account.UpgradeToPlus(Olivia, Start).AsT0.Account;
        agency = Add(agency, Ben, Permissions.Freelancer);
        agency = Add(agency, Bella, Permissions.BusinessManager);
        agency = Add(agency, Fiona, Permissions.Freelancer | Permissions.BusinessManager);
        agency = Add(agency, Ada, Permissions.Admin);
        return Add(agency, Nora, Permissions.None);
    }

    /// <summary><see cref="Plus"/> with every event it was built from.</summary>
    public static Lifecycle.Given.Story<AgencyAccount> PlusStory()
    {
        Lifecycle.Given.Story<AgencyAccount> story = Lifecycle.Given.Begin(Created()).Then(a => a.UpgradeToPlus(Olivia, Start).AsT0);
        foreach ((PersonId person, Permissions permissions) in new[]
        {
            (Ben, Permissions.Freelancer), (Bella, Permissions.BusinessManager), (Fiona, Permissions.Freelancer | Permissions.BusinessManager),
            (Ada, Permissions.Admin), (Nora, Permissions.None),
        })
        {
            story = story.Then(a => a.AddMember(Olivia, person, permissions, MembershipKind.NonExclusive, a.LastChangedAt, AgencyDirectory.Empty).AsT0);
        }

        return story;
    }

    /// <summary><see cref="Submit(AgencyAccount, PersonId, PersonId, string, int, int, Instant)"/> on a story.</summary>
    public static Lifecycle.Given.Story<AgencyAccount> Submit(
        this Lifecycle.Given.Story<AgencyAccount> story, PersonId submitter, PersonId assignee, string proposal, int cost, int boost, Instant at)
        => story.Then(a => a.SubmitProposal(submitter, assignee, Proposal(proposal), C(cost), C(boost), Key("key-" + proposal), at).AsT0);

    public static AgencyAccount Add(AgencyAccount agency, PersonId person, Permissions permissions)
        => agency.AddMember(Olivia, person, permissions, MembershipKind.NonExclusive, agency.LastChangedAt, AgencyDirectory.Empty).AsT0.Account;

    /// <summary>Submits a proposal that must go through, with the request key named after the proposal.</summary>
    public static AgencyAccount Submit(
        this AgencyAccount agency, PersonId submitter, PersonId assignee, string proposal, int cost, int boost, Instant at)
    {
        var result = agency.SubmitProposal(submitter, assignee, Proposal(proposal), C(cost), C(boost), Key("key-" + proposal), at);
        Assert.True(result.IsT0, $"Submitting {proposal} was refused: {result.Value}");
        return result.AsT0.Account;
    }
}
