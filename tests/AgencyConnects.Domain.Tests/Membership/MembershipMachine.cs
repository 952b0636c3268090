using System.Collections.Immutable;
using System.Linq;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Billing;
using AgencyConnects.Domain.Membership;
using AgencyConnects.Domain.Plans;
using AgencyConnects.Domain.Pool;
using AgencyConnects.Domain.Proposals;
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
/// Random sequences of membership commands over a few agencies and people (<see cref="World"/>), each checked against
/// the reference model (<see cref="WorldModel"/>): the model decides from its own rules whether a command succeeds
/// and, if not, with which error; the agency must agree, and after every step <see cref="WorldChecks.Hold"/> compares
/// the whole world with the model.
/// </summary>
internal sealed class MembershipMachine(ModelFlaw flaw = ModelFlaw.None) : Machine<World, WorldModel>
{
    private static readonly Instant[] Starts = [Utc(2025, 1, 31, 23), Utc(2024, 2, 29, 12), Utc(2025, 6, 15, 8)];

    private static readonly AccountSettings[] SettingsOptions =
    [
        AccountSettings.Default,
        AccountSettings.Create(PlanCatalog.Current, DateTimeZoneProviders.Tzdb["America/New_York"], MonthEndPolicy.FirstOfNextMonth).AsT0,
    ];

    private static readonly ProposalId[] ProposalIds = [Proposal("p1"), Proposal("p2"), Proposal("p3"), Proposal("p4")];

    private static readonly Gen<Duration> Step = Gen.Frequency(
        (1, Gen.Constant(Duration.Zero)),
        (6, Gen.Choose(1, 6 * 24 * 60).Select(minutes => Duration.FromMinutes(minutes))));

    private static readonly Gen<PersonId> Anyone = Gen.Elements(WorldChecks.People);

    private static readonly Gen<PersonId> AnyoneOrBlank = Gen.Frequency((15, Anyone), (1, Gen.Constant(default(PersonId))));

    private static readonly Gen<MembershipKind> Kind = Gen.Frequency(
        (3, Gen.Constant(MembershipKind.NonExclusive)), (1, Gen.Constant(MembershipKind.Exclusive)));

    private static readonly Gen<Permissions> AnyPermissions = Gen.Choose(0, 7).Select(flags => (Permissions)flags);

    public override Arbitrary<Setup<World, WorldModel>> Setup => Arb.From(
        from start in Gen.Elements(Starts)
        from settings in Gen.Elements(SettingsOptions)
        select (Setup<World, WorldModel>)new WorldSetup(start, settings, flaw));

    public override Gen<Operation<World, WorldModel>> Next(WorldModel model)
    {
        Gen<Operation<World, WorldModel>> create =
            from id in Gen.Frequency((15, Gen.Elements(WorldChecks.AgencyIds)), (1, Gen.Constant(default(AgencyId))))
            from owner in AnyoneOrBlank
            from kind in Kind
            from step in Step
            select Command(new CreateAgency(id, owner, kind, step));
        if (model.Agencies.IsEmpty)
        {
            return create;
        }

        AgencyId[] open = [.. model.OpenAgencies.Select(a => a.Key)];
        Gen<AgencyId> agency = open.Length == 0
            ? Gen.Elements(model.Agencies.Keys)
            : Gen.Frequency((6, Gen.Elements(open)), (1, Gen.Elements(model.Agencies.Keys)));
        return Gen.Frequency((1, create), (6, agency.SelectMany(id => CommandsFor(id, model.Agencies[id]))));
    }

    private static Gen<Operation<World, WorldModel>> CommandsFor(AgencyId id, ModelAgency agency)
    {
        Gen<PersonId> member = Gen.Elements(agency.Members.Keys);
        PersonId[] admins = [.. agency.Members.Where(m => (m.Value.Permissions & Permissions.Admin) != 0).Select(m => m.Key)];
        Gen<PersonId> admin = admins.Length == 0 ? member : Gen.Elements(admins);
        Gen<PersonId> owner = Gen.Constant(agency.Owner);
        Gen<PersonId> actor = Gen.Frequency((3, admin), (2, member), (1, Anyone));
        Gen<PersonId> target = Gen.Frequency((1, member), (1, Anyone));
        Gen<ProposalId> proposal = Gen.Elements(ProposalIds);
        Gen<ProposalId> submitted = agency.Proposals.IsEmpty ? proposal : Gen.Frequency((3, Gen.Elements(agency.Proposals.Keys)), (1, proposal));
        Gen<Operation<World, WorldModel>> upgrade =
            from a in actor
            from s in Step
            select Command(new UpgradeToPlus(id, a, s));
        Gen<Operation<World, WorldModel>> failPayment = Step.Select(s => Command(new RecordFailedPayment(id, s)));
        Gen<Operation<World, WorldModel>> add =
            from a in actor
            from p in AnyoneOrBlank
            from permissions in AnyPermissions
            from kind in Kind
            from s in Step
            select Command(new AddMember(id, a, p, permissions, kind, s));
        Gen<Operation<World, WorldModel>> change =
            from a in actor
            from p in target
            from permissions in AnyPermissions
            from s in Step
            select Command(new ChangePermissions(id, a, p, permissions, s));
        Gen<Operation<World, WorldModel>> remove =
            from a in Gen.Frequency((3, actor), (1, target))
            from p in target
            from s in Step
            select Command(new RemoveMember(id, a, p, s));
        Gen<Operation<World, WorldModel>> transfer =
            from a in Gen.Frequency((3, owner), (1, actor))
            from p in Gen.Frequency((3, member), (1, Anyone))
            from s in Step
            select Command(new TransferOwnership(id, a, p, s));
        Gen<Operation<World, WorldModel>> close =
            from a in Gen.Frequency((3, owner), (1, actor))
            from s in Step
            select Command(new CloseAgency(id, a, s));
        Gen<Operation<World, WorldModel>> submit =
            from a in actor
            from p in target
            from pid in proposal
            from s in Step
            select Command(new SubmitProposal(id, a, p, pid, s));
        Gen<Operation<World, WorldModel>> withdraw =
            from a in actor
            from pid in submitted
            from s in Step
            select Command(new WithdrawProposal(id, a, pid, s));
        return Gen.Frequency((3, upgrade), (1, failPayment), (7, add), (3, change), (3, remove), (2, transfer), (1, close), (3, submit), (2, withdraw));
    }

    private static Operation<World, WorldModel> Command(WorldCommand command) => command;

    private sealed class WorldSetup(Instant start, AccountSettings settings, ModelFlaw flaw) : Setup<World, WorldModel>
    {
        public override World Actual() => new(start, settings);

        public override WorldModel Model() => WorldModel.Empty(flaw);

        public override string ToString() => $"from {start}, {settings.Catalog} catalog in {settings.Zone.Id}, model flaw {flaw}";
    }
}

/// <summary>
/// One command: <see cref="Run"/> is the model's decision, <see cref="Check"/> runs the command on the world after
/// moving the clock on by <see cref="Step"/>, compares the outcome with the decision and checks the whole world.
/// </summary>
internal abstract class WorldCommand(AgencyId agency, Duration step) : Operation<World, WorldModel>
{
    public AgencyId Agency { get; } = agency;

    public Duration Step { get; } = step;

    /// <summary>Commands other than create need the agency to exist (after shrinking it may not).</summary>
    public override bool Pre(WorldModel model) => model.Agencies.ContainsKey(Agency);

    public override WorldModel Run(WorldModel model)
    {
        model = model with { Elapsed = model.Elapsed + Step };
        ModelAgency? agency = model.Agencies.GetValueOrDefault(Agency);
        return agency is { IsClosed: true } ? model.Refuse(new AgencyIsClosed(Agency)) : Decide(model, agency!);
    }

    public override Property Check(World world, WorldModel model)
    {
        world.Advance(Step);
        AgencyAccount? before = world.Agencies.TryGetValue(Agency, out AgencyAccount? found) ? found : null;
        string? beforeObserved = before is null ? null : MembershipData.Observe(before);
        AgencyDirectory directory = world.Directory;
        string directoryObserved = WorldChecks.Observe(directory);

        IOneOf result = Execute(world, before, model);

        // The agency and the directory are immutable: whatever the outcome, what the command was given is unchanged.
        if (before is not null)
        {
            Assert.Equal(beforeObserved, MembershipData.Observe(before));
        }

        Assert.Equal(directoryObserved, WorldChecks.Observe(directory));
        (AgencyAccount Account, ImmutableArray<AccountEvent> Events)? success = result.Value switch
        {
            Updated<AgencyAccount> updated => (updated.Account, updated.Events),
            _ => null,
        };
        switch (model.Expected)
        {
            case Success:
                Assert.True(success.HasValue, $"{this}: the model expects success, the agency returned {result.Value}");
                (AgencyAccount after, ImmutableArray<AccountEvent> events) = success.Value;
                Assert.NotEmpty(events);
                Assert.Equal((before?.Version ?? 0) + events.Length, after.Version);
                Instant since = before?.LastChangedAt ?? world.Now;
                Assert.All(events, e => Assert.InRange(e.At, since, world.Now));
                Assert.True(events.Select(e => e.At).SequenceEqual(events.Select(e => e.At).Order()), "events go back in time");
                VerifyEvents(world, model, after, events);
                world.Commit(after, events);
                break;
            case Refusal refusal:
                Assert.False(success.HasValue, $"{this}: the model expects {refusal}, the agency succeeded");
                Assert.Equal(refusal.Error, result.Value);
                break;
            case ExclusivityRefusal refusal:
                ExclusivityConflict conflict = Assert.IsType<ExclusivityConflict>(result.Value);
                Assert.Equal(refusal.Person, conflict.Person);
                Assert.Contains(conflict.OtherAgency, refusal.OtherAgencies);
                break;
        }

        WorldChecks.Hold(world, model, Agency);
        return Prop.ToProperty(true);
    }

    /// <summary>The model's decision for an open agency (<paramref name="agency"/> is null only for create).</summary>
    protected abstract WorldModel Decide(WorldModel model, ModelAgency agency);

    protected abstract IOneOf Execute(World world, AgencyAccount? agency, WorldModel model);

    /// <summary>The event the command records; the events before it, if any, are the periods that ended meanwhile.</summary>
    protected abstract AccountEvent ExpectedEvent(World world, WorldModel model);

    protected virtual void VerifyEvents(World world, WorldModel model, AgencyAccount after, ImmutableArray<AccountEvent> events)
        => Assert.Equal(ExpectedEvent(world, model), events[^1]);

    protected string At => $"+{Step.TotalMinutes:0}m";
}

internal sealed class CreateAgency(AgencyId agency, PersonId owner, MembershipKind kind, Duration step) : WorldCommand(agency, step)
{
    public override bool Pre(WorldModel model) => true;

    /// <summary>There is no agency yet: <see cref="Decide"/> looks at the directory's facts only.</summary>
    public override WorldModel Run(WorldModel model) => Decide(model with { Elapsed = model.Elapsed + Step }, null!);

    protected override WorldModel Decide(WorldModel model, ModelAgency agency)
    {
        if (Agency.IsEmpty)
        {
            return model.Refuse(new DefaultValue("id", nameof(AgencyId)));
        }

        if (owner.IsEmpty)
        {
            return model.Refuse(new DefaultValue("owner", nameof(PersonId)));
        }

        if (model.Agencies.ContainsKey(Agency))
        {
            return model.Refuse(new AgencyAlreadyExists(Agency));
        }

        if (model.AgencyOwnedBy(owner) is { } owned)
        {
            return model.Refuse(new OwnsAnotherAgency(owner, owned));
        }

        ImmutableSortedSet<AgencyId> conflicts = model.JoinConflicts(owner, Agency, kind);
        return conflicts.IsEmpty ? model.Accept(Agency, ModelAgency.Created(owner, kind)) : model.RefuseJoin(owner, conflicts);
    }

    protected override IOneOf Execute(World world, AgencyAccount? agency, WorldModel model)
        => AgencyAccount.Create(Agency, owner, world.Now, world.Directory, world.Settings, kind);

    protected override AccountEvent ExpectedEvent(World world, WorldModel model)
        => new AgencyCreated(world.Now, Agency, owner, kind, world.Settings);

    public override string ToString() => $"{At} Create({Agency}, owner {owner}, {kind})";
}

internal sealed class UpgradeToPlus(AgencyId agency, PersonId actor, Duration step) : WorldCommand(agency, step)
{
    protected override WorldModel Decide(WorldModel model, ModelAgency agency)
    {
        if (!agency.Holds(actor, Permissions.Admin))
        {
            return model.Refuse(new NotAuthorized(actor, Permissions.Admin));
        }

        return agency.Tier == PlanTier.Plus
            ? model.Refuse(new AlreadyOnPlan(Plan.AgencyPlus))
            : model.Accept(Agency, agency with { Tier = PlanTier.Plus });
    }

    protected override IOneOf Execute(World world, AgencyAccount? agency, WorldModel model) => agency!.UpgradeToPlus(actor, world.Now);

    protected override AccountEvent ExpectedEvent(World world, WorldModel model)
        => new PlanChanged(world.Now, Plan.AgencyBasic, Plan.AgencyPlus, PlanChangeReason.Upgrade);

    protected override void VerifyEvents(World world, WorldModel model, AgencyAccount after, ImmutableArray<AccountEvent> events)
        => Assert.Contains(ExpectedEvent(world, model), events);

    public override string ToString() => $"{At} UpgradeToPlus({Agency}, by {actor})";
}

internal sealed class RecordFailedPayment(AgencyId agency, Duration step) : WorldCommand(agency, step)
{
    protected override WorldModel Decide(WorldModel model, ModelAgency agency)
        => agency.Tier == PlanTier.Basic
            ? model.Refuse(new AlreadyOnPlan(Plan.AgencyBasic))
            : model.Accept(Agency, agency with { Tier = PlanTier.Basic });

    protected override IOneOf Execute(World world, AgencyAccount? agency, WorldModel model) => agency!.RecordFailedPayment(world.Now);

    protected override AccountEvent ExpectedEvent(World world, WorldModel model)
        => new PlanChanged(world.Now, Plan.AgencyPlus, Plan.AgencyBasic, PlanChangeReason.PaymentFailed);

    public override string ToString() => $"{At} RecordFailedPayment({Agency})";
}

internal sealed class AddMember(AgencyId agency, PersonId actor, PersonId person, Permissions permissions, MembershipKind kind, Duration step)
    : WorldCommand(agency, step)
{
    protected override WorldModel Decide(WorldModel model, ModelAgency agency)
    {
        if (person.IsEmpty)
        {
            return model.Refuse(new DefaultValue("person", nameof(PersonId)));
        }

        if (!agency.Holds(actor, Permissions.Admin))
        {
            return model.Refuse(new NotAuthorized(actor, Permissions.Admin));
        }

        if (agency.Tier == PlanTier.Basic && model.Flaw != ModelFlaw.BasicPlanMayAddMembers)
        {
            return model.Refuse(new PlanDoesNotAllow(Plan.AgencyBasic, PlanActions.AddMembers));
        }

        if (agency.Members.ContainsKey(person))
        {
            return model.Refuse(new AlreadyAMember(person));
        }

        ImmutableSortedSet<AgencyId> conflicts = model.JoinConflicts(person, Agency, kind);
        return conflicts.IsEmpty
            ? model.Accept(Agency, agency with { Members = agency.Members.Add(person, new ModelMember(permissions, kind)) })
            : model.RefuseJoin(person, conflicts);
    }

    protected override IOneOf Execute(World world, AgencyAccount? agency, WorldModel model)
        => agency!.AddMember(actor, person, permissions, kind, world.Now, world.Directory);

    protected override AccountEvent ExpectedEvent(World world, WorldModel model)
        => new MemberAdded(world.Now, actor, new Member(person, permissions, kind, world.Now));

    public override string ToString() => $"{At} AddMember({Agency}, by {actor}: {person} as {permissions}, {kind})";
}

internal sealed class ChangePermissions(AgencyId agency, PersonId actor, PersonId person, Permissions permissions, Duration step)
    : WorldCommand(agency, step)
{
    protected override WorldModel Decide(WorldModel model, ModelAgency agency)
    {
        if (!agency.Holds(actor, Permissions.Admin))
        {
            return model.Refuse(new NotAuthorized(actor, Permissions.Admin));
        }

        if (!agency.Members.TryGetValue(person, out ModelMember? member))
        {
            return model.Refuse(new NotAMember(person));
        }

        return person == agency.Owner
            ? model.Refuse(new OwnerPermissionsAreFixed(agency.Owner))
            : model.Accept(Agency, agency with { Members = agency.Members.SetItem(person, member with { Permissions = permissions }) });
    }

    protected override IOneOf Execute(World world, AgencyAccount? agency, WorldModel model)
        => agency!.ChangePermissions(actor, person, permissions, world.Now);

    protected override AccountEvent ExpectedEvent(World world, WorldModel model)
        => new PermissionsChanged(world.Now, actor, person, permissions);

    public override string ToString() => $"{At} ChangePermissions({Agency}, by {actor}: {person} to {permissions})";
}

internal sealed class RemoveMember(AgencyId agency, PersonId actor, PersonId person, Duration step) : WorldCommand(agency, step)
{
    protected override WorldModel Decide(WorldModel model, ModelAgency agency)
    {
        if (actor != person && !agency.Holds(actor, Permissions.Admin))
        {
            return model.Refuse(new NotAuthorized(actor, Permissions.Admin));
        }

        if (!agency.Members.ContainsKey(person))
        {
            return model.Refuse(new NotAMember(person));
        }

        if (person == agency.Owner)
        {
            return model.Refuse(new OwnerCannotBeRemoved(agency.Owner));
        }

        int open = agency.OpenProposalsOf(person);
        return open > 0
            ? model.Refuse(new MemberHasOpenProposals(person, open))
            : model.Accept(Agency, agency with { Members = agency.Members.Remove(person) });
    }

    protected override IOneOf Execute(World world, AgencyAccount? agency, WorldModel model) => agency!.RemoveMember(actor, person, world.Now);

    protected override AccountEvent ExpectedEvent(World world, WorldModel model) => new MemberRemoved(world.Now, actor, person);

    public override string ToString() => $"{At} RemoveMember({Agency}, by {actor}: {person})";
}

internal sealed class TransferOwnership(AgencyId agency, PersonId actor, PersonId newOwner, Duration step) : WorldCommand(agency, step)
{
    protected override WorldModel Decide(WorldModel model, ModelAgency agency)
    {
        if (actor != agency.Owner)
        {
            return model.Refuse(new NotOwner(actor, agency.Owner));
        }

        if (newOwner == agency.Owner)
        {
            return model.Refuse(new AlreadyOwner(agency.Owner));
        }

        if (!agency.Members.TryGetValue(newOwner, out ModelMember? member))
        {
            return model.Refuse(new NotAMember(newOwner));
        }

        if (model.AgencyOwnedBy(newOwner) is { } owned)
        {
            return model.Refuse(new OwnsAnotherAgency(newOwner, owned));
        }

        // DOMAIN §4: the former owner stays, as an admin (here: with every permission); the new owner holds them all.
        return model.Accept(Agency, agency with { Owner = newOwner, Members = agency.Members.SetItem(newOwner, member with { Permissions = Permissions.All }) });
    }

    protected override IOneOf Execute(World world, AgencyAccount? agency, WorldModel model)
        => agency!.TransferOwnership(actor, newOwner, world.Now, world.Directory);

    protected override AccountEvent ExpectedEvent(World world, WorldModel model) => new OwnershipTransferred(world.Now, actor, newOwner);

    public override string ToString() => $"{At} TransferOwnership({Agency}, by {actor} to {newOwner})";
}

internal sealed class CloseAgency(AgencyId agency, PersonId actor, Duration step) : WorldCommand(agency, step)
{
    protected override WorldModel Decide(WorldModel model, ModelAgency agency)
    {
        if (actor != agency.Owner)
        {
            return model.Refuse(new NotOwner(actor, agency.Owner));
        }

        int others = agency.Members.Count - 1;
        int open = agency.OpenProposals;
        return others > 0 || open > 0
            ? model.Refuse(new AgencyNotEmpty(others, open))
            : model.Accept(Agency, agency with { IsClosed = true });
    }

    protected override IOneOf Execute(World world, AgencyAccount? agency, WorldModel model) => agency!.Close(actor, world.Now);

    protected override AccountEvent ExpectedEvent(World world, WorldModel model) => new AgencyClosed(world.Now, actor, Connects.Zero);

    /// <summary>What is forfeited is what the pool held once the periods that ended meanwhile were closed.</summary>
    protected override void VerifyEvents(World world, WorldModel model, AgencyAccount after, ImmutableArray<AccountEvent> events)
    {
        AgencyClosed closed = Assert.IsType<AgencyClosed>(events[^1]);
        AccountHistory history = AccountHistory.Of(world.History[after.Id].Concat(events));
        long held = history.Ledger.Sum(entry => entry.Delta) + closed.Forfeited.Value;
        Assert.Equal(new AgencyClosed(world.Now, actor, C((int)held)), closed);
        Assert.Equal(Connects.Zero, after.Balance);
        Assert.Empty(after.Pool.Lots);
        if (!closed.Forfeited.IsZero)
        {
            Assert.Equal(new LedgerEntry(LedgerEntryKind.Forfeited, closed.Forfeited, world.Now, actor), history.Ledger[^1]);
        }
    }

    public override string ToString() => $"{At} Close({Agency}, by {actor})";
}

internal sealed class SubmitProposal(AgencyId agency, PersonId submitter, PersonId assignee, ProposalId proposal, Duration step)
    : WorldCommand(agency, step)
{
    protected override WorldModel Decide(WorldModel model, ModelAgency agency)
    {
        bool mayAct = submitter == assignee
            ? agency.Holds(submitter, Permissions.Freelancer) || agency.Holds(submitter, Permissions.BusinessManager)
            : agency.Holds(submitter, Permissions.BusinessManager);
        if (!mayAct)
        {
            return model.Refuse(new NotAuthorized(submitter, submitter == assignee ? Permissions.Freelancer : Permissions.BusinessManager));
        }

        if (!agency.Members.ContainsKey(assignee))
        {
            return model.Refuse(new NotAMember(assignee));
        }

        if (!agency.Holds(assignee, Permissions.Freelancer))
        {
            return model.Refuse(new NotAuthorized(assignee, Permissions.Freelancer));
        }

        Instant now = Instant.FromUnixTimeTicks(0) + model.Elapsed;
        return agency.Proposals.TryGetValue(proposal, out ModelProposal? known) && known.IsKnownAt(now)
            ? model.Refuse(new DuplicateProposal(proposal))
            : model.Accept(Agency, agency with { Proposals = agency.Proposals.SetItem(proposal, new ModelProposal(submitter, assignee, IsOpen: true)) });
    }

    /// <summary>A request key new to the run: the step number the model gave this command.</summary>
    private static RequestKey KeyOf(WorldModel model) => Key($"k{model.Steps}");

    protected override IOneOf Execute(World world, AgencyAccount? agency, WorldModel model)
        => agency!.SubmitProposal(submitter, assignee, proposal, Connects.Zero, Connects.Zero, KeyOf(model), world.Now);

    protected override AccountEvent ExpectedEvent(World world, WorldModel model)
        => new ProposalSubmitted(world.Now, new Proposal(proposal, submitter, assignee, Connects.Zero, Connects.Zero, world.Now), KeyOf(model));

    public override string ToString() => $"{At} SubmitProposal({Agency}, {proposal} by {submitter} for {assignee})";
}

internal sealed class WithdrawProposal(AgencyId agency, PersonId actor, ProposalId proposal, Duration step) : WorldCommand(agency, step)
{
    protected override WorldModel Decide(WorldModel model, ModelAgency agency)
    {
        Instant now = Instant.FromUnixTimeTicks(0) + model.Elapsed;
        if (!agency.Proposals.TryGetValue(proposal, out ModelProposal? found) || !found.IsKnownAt(now))
        {
            return model.Refuse(new ProposalNotFound(proposal));
        }

        // A closed proposal is remembered without who submitted it: it is already closed, whoever asks.
        if (!found.IsOpen)
        {
            return model.Refuse(new ProposalAlreadyClosed(proposal, ProposalOutcome.Withdrawn));
        }

        bool involved = agency.Members.ContainsKey(actor) && (actor == found.Submitter || actor == found.Assignee);
        return !involved && !agency.Holds(actor, Permissions.BusinessManager)
            ? model.Refuse(new NotAuthorized(actor, Permissions.BusinessManager))
            : model.Accept(Agency, agency with { Proposals = agency.Proposals.SetItem(proposal, found with { IsOpen = false, ClosedAt = now }) });
    }

    protected override IOneOf Execute(World world, AgencyAccount? agency, WorldModel model) => agency!.Withdraw(actor, proposal, world.Now);

    protected override AccountEvent ExpectedEvent(World world, WorldModel model)
        => new ProposalOutcomeRecorded(
            world.Now, actor, proposal, ProposalOutcome.Withdrawn, Connects.Zero, null,
            model.Agencies[Agency].Proposals[proposal].Assignee, model.Agencies[Agency].Proposals[proposal].Submitter);

    public override string ToString() => $"{At} Withdraw({Agency}, {proposal} by {actor})";
}
