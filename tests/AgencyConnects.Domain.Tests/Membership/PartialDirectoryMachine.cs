using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Membership;
using AgencyConnects.Domain.Values;
using FsCheck;
using FsCheck.Experimental;
using FsCheck.Fluent;
using OneOf;
using Xunit;
using static AgencyConnects.Domain.Tests.TestData;

namespace AgencyConnects.Domain.Tests.Membership;

/// <summary>
/// DOMAIN §9: the host decides an operation from the facts about the persons it involves, loaded for it alone. The
/// histories are <see cref="MembershipMachine"/>'s (several agencies, every membership command, checked against its
/// model); between its commands come probes: a next operation — create an agency, add a member exclusively or not,
/// transfer ownership, a freelancer's own submission — run twice, once with the directory of every agency's events and
/// once with a directory built only from the rows the operation needs of the host's tables, which must agree exactly.
/// </summary>
internal sealed class PartialDirectoryMachine(ConcurrentDictionary<string, int> reached) : Machine<World, WorldModel>
{
    private static readonly Gen<PersonId> AnyoneOrBlank = Gen.Frequency((12, Gen.Elements(WorldChecks.People)), (1, Gen.Constant(default(PersonId))));

    private static readonly Gen<MembershipKind> AnyKind = Gen.Frequency(
        (6, Gen.Constant(MembershipKind.NonExclusive)), (3, Gen.Constant(MembershipKind.Exclusive)), (1, Gen.Constant((MembershipKind)7)));

    private readonly MembershipMachine _history = new();

    public override Arbitrary<Setup<World, WorldModel>> Setup => _history.Setup;

    public override Gen<Operation<World, WorldModel>> Next(WorldModel model)
    {
        Gen<Operation<World, WorldModel>> create =
            from id in Gen.Frequency((12, Gen.Elements(WorldChecks.AgencyIds)), (1, Gen.Constant(default(AgencyId))))
            from owner in AnyoneOrBlank
            from kind in AnyKind
            select (Operation<World, WorldModel>)new Probe(reached, ProbeKind.Create, id, owner, kind);
        Gen<Operation<World, WorldModel>> submit = Gen.Elements(WorldChecks.People)
            .Select(holder => (Operation<World, WorldModel>)new Probe(reached, ProbeKind.FreelancerSubmission, default, holder, MembershipKind.NonExclusive));
        AgencyId[] open = [.. model.OpenAgencies.Select(a => a.Key)];
        if (open.Length == 0)
        {
            return Gen.Frequency((3, _history.Next(model)), (2, create), (1, submit));
        }

        Gen<Operation<World, WorldModel>> add =
            from agency in Gen.Elements(open)
            from person in AnyoneOrBlank
            from kind in AnyKind
            select (Operation<World, WorldModel>)new Probe(reached, ProbeKind.AddMember, agency, person, kind);
        Gen<Operation<World, WorldModel>> transfer =
            from agency in Gen.Elements(open)
            from person in Gen.Frequency((3, Gen.Elements(model.Agencies[agency].Members.Keys)), (1, Gen.Elements(WorldChecks.People)))
            select (Operation<World, WorldModel>)new Probe(reached, ProbeKind.TransferOwnership, agency, person, MembershipKind.NonExclusive);
        return Gen.Frequency((6, _history.Next(model)), (2, create), (3, add), (2, transfer), (1, submit));
    }
}

internal enum ProbeKind
{
    Create,
    AddMember,
    TransferOwnership,
    FreelancerSubmission,
}

/// <summary>
/// One next operation, tried and thrown away: <paramref name="agency"/> is the agency to create or the open agency to
/// act on (its owner acts), <paramref name="person"/> the owner to be, the member to add, the new owner or the holder.
/// </summary>
internal sealed class Probe(ConcurrentDictionary<string, int> reached, ProbeKind kind, AgencyId agency, PersonId person, MembershipKind membership)
    : Operation<World, WorldModel>
{
    public override bool Pre(WorldModel model)
        => kind is ProbeKind.Create or ProbeKind.FreelancerSubmission || (model.Agencies.TryGetValue(agency, out ModelAgency? found) && !found.IsClosed);

    public override WorldModel Run(WorldModel model) => model;

    public override Property Check(World world, WorldModel model)
    {
        AgencyDirectory partial = HostTables.Of(world).FactsFor(kind, agency, person);

        string full = Outcome(Execute(world, world.Directory));
        string fromFacts = Outcome(Execute(world, partial));

        Assert.Equal(full, fromFacts);
        reached.AddOrUpdate($"{kind} {full.Split(' ')[0]}", 1, (_, n) => n + 1);
        return Prop.ToProperty(true);
    }

    private IOneOf Execute(World world, AgencyDirectory directory)
    {
        switch (kind)
        {
            case ProbeKind.Create:
                return AgencyAccount.Create(agency, person, world.Now, directory, world.Settings, membership);
            case ProbeKind.AddMember:
                AgencyAccount adding = world.Agencies[agency];
                return adding.AddMember(adding.Owner, person, Permissions.Freelancer, membership, world.Now, directory);
            case ProbeKind.TransferOwnership:
                AgencyAccount transferring = world.Agencies[agency];
                return transferring.TransferOwnership(transferring.Owner, person, world.Now, directory);
            default:
                FreelancerAccount account = FreelancerAccount.Open(person, world.Now).AsT0.Account;
                return account.SubmitProposal(person, Proposal("own"), Connects.Zero, Connects.Zero, Key("own"), world.Now, directory.ExclusiveAgencyOf(person));
        }
    }

    /// <summary>The outcome in words: the error with its data, or the success with the account and events it gives.</summary>
    private static string Outcome(IOneOf result) => result.Value switch
    {
        ProposalSubmission<FreelancerAccount> submitted => $"succeeds {submitted.Proposal} balance {submitted.Account.Balance} v{submitted.Account.Version}",
        Updated<AgencyAccount> updated => $"succeeds {MembershipData.Observe(updated.Account)} events "
            + string.Join(", ", updated.Events.Select(e => e.GetType().Name)) + $" last {updated.Events[^1]}",
        DomainError error => $"{error.Code} {error}",
        var other => $"unexpected {other}",
    };

    public override string ToString() => $"Probe {kind}({agency}, {person}, {membership})";
}

/// <summary>
/// The host's tables, read off its live agencies (not off the directory): one row per agency (id, owner, closed), one
/// per membership of an open agency (person, agency, kind). <see cref="FactsFor"/> is the host's per-operation load.
/// </summary>
internal sealed class HostTables
{
    private readonly List<(AgencyId Id, PersonId Owner, bool IsClosed)> _agencies = [];
    private readonly List<(PersonId Person, AgencyId Agency, MembershipKind Kind)> _memberships = [];

    public static HostTables Of(World world)
    {
        var tables = new HostTables();
        foreach (AgencyAccount account in world.Agencies.Values)
        {
            tables._agencies.Add((account.Id, account.Owner, account.IsClosed));
            if (!account.IsClosed)
            {
                tables._memberships.AddRange(account.Members.Values.Select(m => (m.Person, account.Id, m.Kind)));
            }
        }

        return tables;
    }

    /// <summary>The rows <see cref="AgencyDirectory"/>'s documentation lists for the operation, and no others.</summary>
    public AgencyDirectory FactsFor(ProbeKind kind, AgencyId agency, PersonId person)
    {
        IEnumerable<(AgencyId Id, PersonId Owner, bool IsClosed)> agencies = kind switch
        {
            ProbeKind.Create => _agencies.Where(a => a.Id == agency || (a.Owner == person && !a.IsClosed)),
            ProbeKind.TransferOwnership => _agencies.Where(a => a.Owner == person && !a.IsClosed),
            _ => [],
        };
        IEnumerable<(PersonId Person, AgencyId Agency, MembershipKind Kind)> memberships = kind switch
        {
            ProbeKind.Create or ProbeKind.AddMember => _memberships.Where(m => m.Person == person),
            ProbeKind.FreelancerSubmission => _memberships.Where(m => m.Person == person && m.Kind == MembershipKind.Exclusive),
            _ => [],
        };

        AgencyDirectory directory = AgencyDirectory.Empty;
        foreach ((AgencyId id, PersonId owner, bool isClosed) in agencies)
        {
            directory = directory.WithAgency(id, owner, isClosed).AsT0;
        }

        foreach ((PersonId member, AgencyId of, MembershipKind membership) in memberships)
        {
            directory = directory.WithMembership(member, of, membership).AsT0;
        }

        return directory;
    }
}

public sealed class PartialDirectoryMachineTests
{
    [Fact]
    public void A_directory_of_the_facts_about_the_persons_involved_decides_every_operation_as_the_full_directory_does()
    {
        var reached = new ConcurrentDictionary<string, int>();

        Check.One(
            Config.QuickThrowOnFailure.WithMaxTest(PropertyRuns.Or(100)).WithEndSize(80),
            new PartialDirectoryMachine(reached).ToProperty());

        // The probes must meet every decision the directory takes part in, or agreement would prove little.
        string[] expected =
        [
            "Create succeeds", "Create DefaultValue", "Create UndefinedValue", "Create AgencyAlreadyExists", "Create OwnsAnotherAgency",
            "Create ExclusivityConflict", "AddMember succeeds", "AddMember ExclusivityConflict", "TransferOwnership succeeds",
            "TransferOwnership OwnsAnotherAgency", "FreelancerSubmission succeeds", "FreelancerSubmission ExclusivityConflict",
        ];
        Assert.Empty(expected.Except(reached.Keys));
    }
}
