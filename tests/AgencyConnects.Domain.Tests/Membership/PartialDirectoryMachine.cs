using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Membership;
using AgencyConnects.Domain.Values;
using FsCheck;
using FsCheck.Experimental;
using FsCheck.Fluent;
using NodaTime;
using OneOf;
using Xunit;
using static AgencyConnects.Domain.Tests.TestData;

namespace AgencyConnects.Domain.Tests.Membership;

/// <summary>
/// DOMAIN §9: the host decides an operation from the facts about the persons it involves, loaded for it alone. The
/// histories are <see cref="MembershipMachine"/>'s (several agencies, every membership command, checked against its
/// model), with now and then an agency upgraded or taking the owner of another open agency as a member (commands of that
/// machine, checked the same way). Between the commands come probes: every next operation of one kind — create an
/// agency, add a member exclusively or not, transfer ownership, a freelancer's own submission — run twice, once with the
/// directory of every agency's events and once with a directory built only from the rows the operation needs of the
/// host's tables, which must agree exactly.
/// </summary>
internal sealed class PartialDirectoryMachine(ConcurrentDictionary<string, int> reached) : Machine<World, WorldModel>
{
    private readonly MembershipMachine _history = new();

    public override Arbitrary<Setup<World, WorldModel>> Setup => _history.Setup;

    public override Gen<Operation<World, WorldModel>> Next(WorldModel model)
    {
        Gen<Operation<World, WorldModel>> probe = Gen.Elements(
            [
                new Probe(reached, ProbeKind.Create, default),
                new Probe(reached, ProbeKind.FreelancerSubmission, default),
                .. model.OpenAgencies.SelectMany(a => (Operation<World, WorldModel>[])
                    [new Probe(reached, ProbeKind.AddMember, a.Key), new Probe(reached, ProbeKind.TransferOwnership, a.Key)]),
            ]);
        return model.Agencies.IsEmpty
            ? _history.Next(model)
            : Gen.Frequency((4, _history.Next(model)), (1, OwnerJoinsAnotherAgency(model)), (2, probe));
    }

    /// <summary>
    /// A history command the membership machine seldom makes in a row: an agency on Plus takes the owner of another open
    /// agency as a member, the one state in which a transfer to them is refused by the directory.
    /// </summary>
    private Gen<Operation<World, WorldModel>> OwnerJoinsAnotherAgency(WorldModel model)
    {
        (AgencyId Agency, PersonId Owner)[] open = [.. model.OpenAgencies.Select(a => (a.Key, a.Value.Owner))];
        if (open.Length == 0)
        {
            return _history.Next(model);
        }

        return from agency in Gen.Elements(open)
               from joining in Gen.Elements(open)
               from upgradeFirst in Gen.Elements(true, false)
               select upgradeFirst
                   ? (Operation<World, WorldModel>)new UpgradeToPlus(agency.Agency, agency.Owner, Duration.FromMinutes(1))
                   : new AddMember(agency.Agency, agency.Owner, joining.Owner, Permissions.Freelancer, MembershipKind.NonExclusive, Duration.FromMinutes(1));
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
/// Every next operation of one kind, tried and thrown away: creating each agency identifier (or <c>default</c>) by each
/// person (or <c>default</c>) with each kind of owner membership (or an undefined one); adding each person to
/// <paramref name="agency"/>, by its owner, with each kind; transferring <paramref name="agency"/> to each person; each
/// person's own submission as a freelancer.
/// </summary>
internal sealed class Probe(ConcurrentDictionary<string, int> reached, ProbeKind kind, AgencyId agency) : Operation<World, WorldModel>
{
    private static readonly PersonId[] PeopleAndBlank = [.. WorldChecks.People, default];

    private static readonly MembershipKind[] Kinds = [MembershipKind.NonExclusive, MembershipKind.Exclusive, (MembershipKind)7];

    public override bool Pre(WorldModel model)
        => kind is ProbeKind.Create or ProbeKind.FreelancerSubmission || (model.Agencies.TryGetValue(agency, out ModelAgency? found) && !found.IsClosed);

    public override WorldModel Run(WorldModel model) => model;

    public override Property Check(World world, WorldModel model)
    {
        HostTables tables = HostTables.Of(world);
        foreach ((AgencyId id, PersonId person, MembershipKind membership) in Cases())
        {
            AgencyDirectory partial = tables.FactsFor(kind, id, person);

            string full = Outcome(Execute(world, world.Directory, id, person, membership));
            string fromFacts = Outcome(Execute(world, partial, id, person, membership));

            Assert.True(full == fromFacts, $"{kind}({id}, {person}, {membership}): with every agency's facts {full}; with the person's {fromFacts}");
            reached.AddOrUpdate($"{kind} {full.Split(' ')[0]}", 1, (_, n) => n + 1);
        }

        return Prop.ToProperty(true);
    }

    private IEnumerable<(AgencyId Agency, PersonId Person, MembershipKind Kind)> Cases() => kind switch
    {
        ProbeKind.Create => from id in (AgencyId[])[.. WorldChecks.AgencyIds, default]
                            from owner in PeopleAndBlank
                            from membership in Kinds
                            select (id, owner, membership),
        ProbeKind.AddMember => from person in PeopleAndBlank
                               from membership in Kinds
                               select (agency, person, membership),
        _ => WorldChecks.People.Select(person => (agency, person, MembershipKind.NonExclusive)),
    };

    private IOneOf Execute(World world, AgencyDirectory directory, AgencyId agency, PersonId person, MembershipKind membership)
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

    public override string ToString() => $"Probe {kind}({agency})";
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
        Assert.True(
            !expected.Except(reached.Keys).Any(),
            $"Not reached: {string.Join(", ", expected.Except(reached.Keys))}; reached: {string.Join(", ", reached.OrderBy(r => r.Key).Select(r => $"{r.Key} x{r.Value}"))}");
    }
}
