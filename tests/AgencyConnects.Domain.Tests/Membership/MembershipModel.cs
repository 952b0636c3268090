using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using AgencyConnects.Domain.Membership;
using AgencyConnects.Domain.Plans;
using AgencyConnects.Domain.Values;

namespace AgencyConnects.Domain.Tests.Membership;

/// <summary>A member as the model sees it.</summary>
internal sealed record ModelMember(Permissions Permissions, MembershipKind Kind);

/// <summary>A proposal as the model sees it: who it is for, and whether it is still open.</summary>
internal sealed record ModelProposal(PersonId Submitter, PersonId Assignee, bool IsOpen, NodaTime.Instant? ClosedAt = null)
{
    /// <summary>DOMAIN §9: an open proposal is known, a closed one for the retention window (24 hours by default) from when it closed.</summary>
    public bool IsKnownAt(NodaTime.Instant now) => IsOpen || now < ClosedAt!.Value + AgencyConnects.Domain.Accounts.AccountSettings.DefaultRequestRetention;
}

/// <summary>An agency as the model sees it.</summary>
internal sealed record ModelAgency(
    PersonId Owner,
    ImmutableSortedDictionary<PersonId, ModelMember> Members,
    ImmutableSortedDictionary<ProposalId, ModelProposal> Proposals,
    bool IsClosed,
    PlanTier Tier)
{
    public static ModelAgency Created(PersonId owner, MembershipKind kind) => new(
        owner,
        ImmutableSortedDictionary<PersonId, ModelMember>.Empty.Add(owner, new ModelMember(Permissions.All, kind)),
        ImmutableSortedDictionary<ProposalId, ModelProposal>.Empty,
        IsClosed: false,
        PlanTier.Basic);

    public bool Holds(PersonId person, Permissions permissions)
        => Members.TryGetValue(person, out ModelMember? member) && (member.Permissions & permissions) == permissions;

    public int OpenProposalsOf(PersonId person) => Proposals.Values.Count(p => p.IsOpen && p.Assignee == person);

    public int OpenProposals => Proposals.Values.Count(p => p.IsOpen);

    public override string ToString()
        => $"{(IsClosed ? "closed" : "open")} {Tier} owner={Owner} members=[{string.Join(", ", Members.Select(m => $"{m.Key}:{m.Value.Permissions}/{m.Value.Kind}"))}]"
           + $" proposals=[{string.Join(", ", Proposals.Select(p => $"{p.Key}:{p.Value.Submitter}->{p.Value.Assignee}{(p.Value.IsOpen ? "" : " closed")}"))}]";
}

/// <summary>What the model says the last command should have done.</summary>
internal abstract record Expectation;

/// <summary>The command succeeds.</summary>
internal sealed record Success : Expectation
{
    public static Success Instance { get; } = new();

    public override string ToString() => "succeeds";
}

/// <summary>The command is refused with exactly this error.</summary>
internal sealed record Refusal(object Error) : Expectation
{
    public override string ToString() => $"refused: {Error}";
}

/// <summary>
/// The command is refused with an <see cref="ExclusivityConflict"/> for the person, naming one of these agencies: when
/// several memberships conflict, DOMAIN §4 does not say which one the error names.
/// </summary>
internal sealed record ExclusivityRefusal(PersonId Person, ImmutableSortedSet<AgencyId> OtherAgencies) : Expectation
{
    public override string ToString() => $"refused: ExclusivityConflict({Person}, one of {string.Join("/", OtherAgencies)})";
}

/// <summary>A deliberate mistake in the model, to show that the machine notices when model and agencies disagree.</summary>
public enum ModelFlaw
{
    None,

    /// <summary>The model lets an agency on Basic add members.</summary>
    BasicPlanMayAddMembers,

    /// <summary>The model keeps the owner of a closed agency as its member.</summary>
    ClosedAgencyKeepsItsOwner,
}

/// <summary>
/// The reference model of DOMAIN §4 that <see cref="MembershipMachine"/> checks the agencies against: every agency
/// ever created, by id, as plain immutable records, with the rules written out again in the commands' <c>Decide</c>
/// methods from the domain text rather than taken from the library. <see cref="Expected"/> is the model's decision on
/// the last command; <see cref="Steps"/> counts the commands, and gives each submission a request key of its own.
/// </summary>
internal sealed record WorldModel(ImmutableSortedDictionary<AgencyId, ModelAgency> Agencies, int Steps, Expectation Expected, ModelFlaw Flaw)
{
    /// <summary>How far the commands have moved the clock from the world's start: the retention window counts from it.</summary>
    public NodaTime.Duration Elapsed { get; init; }

    public static WorldModel Empty(ModelFlaw flaw)
        => new(ImmutableSortedDictionary<AgencyId, ModelAgency>.Empty, 0, Success.Instance, flaw);

    public IEnumerable<KeyValuePair<AgencyId, ModelAgency>> OpenAgencies => Agencies.Where(a => !a.Value.IsClosed);

    /// <summary>The open agency the person owns (DOMAIN §4: at most one).</summary>
    public AgencyId? AgencyOwnedBy(PersonId person)
        => OpenAgencies.Where(a => a.Value.Owner == person).Select(a => (AgencyId?)a.Key).FirstOrDefault();

    /// <summary>The open agencies the person belongs to, with the kind of each membership.</summary>
    public ImmutableSortedDictionary<AgencyId, MembershipKind> MembershipsOf(PersonId person)
        => Agencies
            .Where(a => !a.Value.IsClosed || (Flaw == ModelFlaw.ClosedAgencyKeepsItsOwner && a.Value.Owner == person))
            .Where(a => a.Value.Members.ContainsKey(person))
            .ToImmutableSortedDictionary(a => a.Key, a => a.Value.Members[person].Kind);

    /// <summary>The other agencies that stop the person from joining <paramref name="agency"/> as <paramref name="kind"/>.</summary>
    public ImmutableSortedSet<AgencyId> JoinConflicts(PersonId person, AgencyId agency, MembershipKind kind)
        => MembershipsOf(person)
            .Where(m => m.Key != agency && (m.Value == MembershipKind.Exclusive || kind == MembershipKind.Exclusive))
            .Select(m => m.Key)
            .ToImmutableSortedSet();

    public WorldModel Refuse(object error) => this with { Steps = Steps + 1, Expected = new Refusal(error) };

    public WorldModel RefuseJoin(PersonId person, ImmutableSortedSet<AgencyId> conflicts)
        => this with { Steps = Steps + 1, Expected = new ExclusivityRefusal(person, conflicts) };

    public WorldModel Accept(AgencyId id, ModelAgency agency)
        => this with { Agencies = Agencies.SetItem(id, agency), Steps = Steps + 1, Expected = Success.Instance };

    public override string ToString()
        => $"step {Steps}, last command {Expected}; " + string.Join("; ", Agencies.Select(a => $"{a.Key}: {a.Value}"));
}
