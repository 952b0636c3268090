using System;
using System.Collections.Immutable;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Membership;
using AgencyConnects.Domain.Plans;
using AgencyConnects.Domain.Proposals;
using AgencyConnects.Domain.Values;
using NodaTime;

namespace AgencyConnects.Domain.Tests.WholeModel;

/// <summary>The account a command acts on: an agency, or a person's freelancer account.</summary>
internal readonly record struct AccountRef(AgencyId? Agency, PersonId? Holder)
{
    public static AccountRef Of(AgencyId agency) => new(agency, null);

    public static AccountRef Of(PersonId holder) => new(null, holder);

    public override string ToString() => Agency is { } agency ? "agency " + agency : "freelancer " + Holder;
}

/// <summary>
/// One command of a run, with every argument fixed when it was generated (instants included), so that FsCheck can
/// drop commands while shrinking and the rest still mean the same. <see cref="Run"/> predicts the outcome on the
/// model; <see cref="Execute"/> calls the library and returns what it returned.
/// </summary>
internal abstract record Command(Instant At)
{
    /// <summary>The account acted on; null for commands that create one or only move time.</summary>
    public abstract AccountRef? Target { get; }

    /// <summary>
    /// Whether the command can run in this state: its account exists (shrinking may drop the command that created
    /// it), and a person opens one freelancer account at most.
    /// </summary>
    public virtual bool Pre(Model model)
        => Target is not { } target || (target.Agency is { } id ? model.Agencies.ContainsKey(id) : model.Freelancers.ContainsKey(target.Holder!.Value));

    /// <summary>The model after the command, with <see cref="Model.Expected"/> set to what the library must return.</summary>
    public abstract Model Run(Model model);

    /// <summary>Calls the library on the live accounts and returns the result's value (the success or the error record).</summary>
    public abstract object Execute(World world);

    protected static InstantBeforeLastChange? TooEarly(AccountM account, Instant at)
        => at < account.LastChanged ? new InstantBeforeLastChange(at, account.LastChanged) : null;

    /// <summary>The checks every agency operation makes first: the agency is open and the instant is not before its last change.</summary>
    protected static object? Prelude(AgencyM agency, Instant at)
        => agency.Closed ? new AgencyIsClosed(agency.Id) : TooEarly(agency.Account, at);

    protected static Model Refused(Model model, object error) => model with { Expected = error };

    /// <summary>Permission bits outside <see cref="Permissions.All"/> are refused as an argument, never masked.</summary>
    protected static UndefinedValue? UndefinedBits(Permissions permissions)
        => (permissions & ~Permissions.All) == 0 ? null : new UndefinedValue("permissions", nameof(Permissions), (long)permissions);

    /// <summary>
    /// Applies an account-level step to the agency or freelancer account named by <paramref name="target"/>, once the
    /// agency's prelude, the actor's permission (agency) or the holder (freelancer) were checked, and the account was
    /// brought to <see cref="At"/>.
    /// </summary>
    protected Model OnAccount(
        Model model, AccountRef target, PersonId? actor, Permissions permission, Func<AccountM, (AccountM Account, object Expected)> step, bool stampsAt = true)
    {
        if (target.Agency is { } id)
        {
            AgencyM agency = model.Agencies[id];
            if (Prelude(agency, At) is { } refused)
            {
                return Refused(model, refused);
            }

            if (actor is { } person && !agency.Holds(person, permission))
            {
                return Refused(model, new NotAuthorized(person, permission));
            }

            (AccountM account, object expected) = step(agency.Account.AdvanceTo(At, model.Settings));
            return Expect.IsSuccess(expected)
                ? model.WithAgency(agency with { Account = stampsAt ? account with { LastChanged = At } : account }) with { Expected = expected }
                : Refused(model, expected);
        }

        PersonId holder = target.Holder!.Value;
        AccountM own = model.Freelancers[holder];
        if (TooEarly(own, At) is { } early)
        {
            return Refused(model, early);
        }

        if (actor is { } who && who != holder)
        {
            return Refused(model, new NotAccountHolder(who, holder));
        }

        (AccountM after, object outcome) = step(own.AdvanceTo(At, model.Settings));
        return Expect.IsSuccess(outcome)
            ? model.WithFreelancer(holder, stampsAt ? after with { LastChanged = At } : after) with { Expected = outcome }
            : Refused(model, outcome);
    }

    /// <summary>Applies a membership step to an agency once its prelude was checked; the account is brought to <see cref="At"/> on success.</summary>
    protected Model OnAgency(Model model, AgencyId id, Func<AgencyM, (AgencyM Agency, object Expected)> step)
    {
        AgencyM agency = model.Agencies[id];
        if (Prelude(agency, At) is { } refused)
        {
            return Refused(model, refused);
        }

        (AgencyM after, object expected) = step(agency);
        return Expect.IsSuccess(expected)
            ? model.WithAgency(after with { Account = after.Account.AdvanceTo(At, model.Settings) with { LastChanged = At } }) with { Expected = expected }
            : Refused(model, expected);
    }
}

/// <summary>Time passes; no library call.</summary>
internal sealed record PassTime(Instant At) : Command(At)
{
    public override AccountRef? Target => null;

    public override Model Run(Model model) => model with { Now = At, Expected = Expect.Ok };

    public override object Execute(World world) => Expect.Ok;

    public override string ToString() => $"PassTime to {At}";
}

internal sealed record CreateAgency(Instant At, AgencyId Id, PersonId Owner, MembershipKind Kind) : Command(At)
{
    public override AccountRef? Target => null;

    public override Model Run(Model model)
    {
        if (Id.IsEmpty)
        {
            return Refused(model, new DefaultValue("id", nameof(AgencyId)));
        }

        if (Owner.IsEmpty)
        {
            return Refused(model, new DefaultValue("owner", nameof(PersonId)));
        }

        if (model.Agencies.ContainsKey(Id))
        {
            return Refused(model, new AgencyAlreadyExists(Id));
        }

        if (model.AgencyOwnedBy(Owner) is { } owned)
        {
            return Refused(model, new OwnsAnotherAgency(Owner, owned));
        }

        if (model.JoinConflict(Owner, Id, Kind) is { } conflict)
        {
            return Refused(model, conflict);
        }

        var members = ImmutableDictionary<PersonId, MemberM>.Empty.Add(Owner, new MemberM(Permissions.All, Kind));
        return model.WithAgency(new AgencyM(Id, Owner, members, false, AccountM.Open(AccountKind.Agency, At, model.Settings))) with { Expected = Expect.Ok };
    }

    public override object Execute(World world) => AgencyAccount.Create(Id, Owner, At, world.Directory, world.Settings, Kind).Value;
}

internal sealed record OpenFreelancerAccount(Instant At, PersonId Holder) : Command(At)
{
    public override AccountRef? Target => null;

    public override bool Pre(Model model) => !model.Freelancers.ContainsKey(Holder);

    public override Model Run(Model model) => Holder.IsEmpty
        ? Refused(model, new DefaultValue("holder", nameof(PersonId)))
        : model.WithFreelancer(Holder, AccountM.Open(AccountKind.Freelancer, At, model.Settings)) with { Expected = Expect.Ok };

    public override object Execute(World world) => FreelancerAccount.Open(Holder, At, world.Settings).Value;
}

internal sealed record Upgrade(Instant At, AccountRef Account, PersonId Actor) : Command(At)
{
    public override AccountRef? Target => Account;

    public override Model Run(Model model) => OnAccount(model, Account, Actor, Permissions.Admin, a => a.Upgrade(At, model.Settings));

    public override object Execute(World world) => Account.Agency is { } id
        ? world.Agencies[id].UpgradeToPlus(Actor, At).Value
        : world.Freelancers[Account.Holder!.Value].UpgradeToPlus(Actor, At).Value;
}

internal sealed record Downgrade(Instant At, AccountRef Account, PersonId Actor, PlanChangeReason Reason) : Command(At)
{
    public override AccountRef? Target => Account;

    public override Model Run(Model model) => OnAccount(model, Account, Actor, Permissions.Admin, a => a.ScheduleDowngrade(Reason, At));

    public override object Execute(World world) => (Account.Agency, Reason) switch
    {
        ({ } id, PlanChangeReason.Cancel) => world.Agencies[id].CancelPlus(Actor, At).Value,
        ({ } id, _) => world.Agencies[id].DowngradeToBasic(Actor, At).Value,
        (null, PlanChangeReason.Cancel) => world.Freelancers[Account.Holder!.Value].CancelPlus(Actor, At).Value,
        (null, _) => world.Freelancers[Account.Holder!.Value].DowngradeToBasic(Actor, At).Value,
    };
}

internal sealed record FailPayment(Instant At, AccountRef Account) : Command(At)
{
    public override AccountRef? Target => Account;

    public override Model Run(Model model) => OnAccount(model, Account, null, Permissions.None, a => a.FailPayment(At));

    public override object Execute(World world) => Account.Agency is { } id
        ? world.Agencies[id].RecordFailedPayment(At).Value
        : world.Freelancers[Account.Holder!.Value].RecordFailedPayment(At).Value;
}

internal sealed record CloseElapsedPeriods(Instant At, AccountRef Account) : Command(At)
{
    public override AccountRef? Target => Account;

    public override Model Run(Model model) => OnAccount(model, Account, null, Permissions.None, a => (a, Expect.Ok), stampsAt: false);

    public override object Execute(World world) => Account.Agency is { } id
        ? world.Agencies[id].CloseElapsedPeriods(At).Value
        : world.Freelancers[Account.Holder!.Value].CloseElapsedPeriods(At).Value;
}

/// <summary>A purchase, or a submission: a request under a caller's key, which can be repeated exactly later.</summary>
internal interface IRequestCommand
{
    RequestKey Key { get; }

    Command At(Instant at);
}

internal sealed record BuyConnects(Instant At, AccountRef Account, PersonId Actor, Connects Quantity, RequestKey Key) : Command(At), IRequestCommand
{
    public override AccountRef? Target => Account;

    Command IRequestCommand.At(Instant at) => this with { At = at };

    public override Model Run(Model model)
    {
        AccountM account = Account.Agency is { } id ? model.Agencies[id].Account : model.Freelancers[Account.Holder!.Value];
        return account.CheckPurchaseKey(Key, Actor, Quantity.Value, At) is { } known
            ? model with { Expected = known }
            : OnAccount(model, Account, Actor, Permissions.Admin, a => a.Buy(Actor, Quantity.Value, Key, At, model.Settings));
    }

    public override object Execute(World world) => Account.Agency is { } id
        ? world.Agencies[id].BuyConnects(Actor, Quantity, Key, At).Value
        : world.Freelancers[Account.Holder!.Value].BuyConnects(Actor, Quantity, Key, At).Value;
}

internal sealed record SubmitAgencyProposal(
    Instant At, AgencyId Agency, PersonId Submitter, PersonId Assignee, ProposalId Proposal, int Cost, int Boost, RequestKey Key) : Command(At), IRequestCommand
{
    public override AccountRef? Target => AccountRef.Of(Agency);

    Command IRequestCommand.At(Instant at) => this with { At = at };

    /// <summary>
    /// DOMAIN §6: a business manager (or the owner) submits for any member, a member with the Freelancer permission
    /// for themselves; the assignee is a current member holding the Freelancer permission.
    /// </summary>
    public override Model Run(Model model)
    {
        AgencyM agency = model.Agencies[Agency];
        if (agency.Account.CheckSubmissionKey(Key, Submitter, Assignee, Proposal, Cost, Boost, model.Settings.Flaw, At) is { } known)
        {
            return model with { Expected = known };
        }

        if (Prelude(agency, At) is { } refused)
        {
            return Refused(model, refused);
        }

        bool forThemselves = Submitter == Assignee;
        bool mayAct = forThemselves
            ? agency.Holds(Submitter, Permissions.Freelancer) || agency.Holds(Submitter, Permissions.BusinessManager)
            : agency.Holds(Submitter, Permissions.BusinessManager);
        if (!mayAct)
        {
            return Refused(model, new NotAuthorized(Submitter, forThemselves ? Permissions.Freelancer : Permissions.BusinessManager));
        }

        if (!agency.Members.ContainsKey(Assignee))
        {
            return Refused(model, new NotAMember(Assignee));
        }

        if (!agency.Holds(Assignee, Permissions.Freelancer))
        {
            return Refused(model, new NotAuthorized(Assignee, Permissions.Freelancer));
        }

        return OnAccount(model, Target!.Value, null, Permissions.None, a => a.Submit(Submitter, Assignee, Proposal, Cost, Boost, Key, At, model.Settings));
    }

    public override object Execute(World world)
        => world.Agencies[Agency].SubmitProposal(Submitter, Assignee, Proposal, Connects.Create(Cost).AsT0, Connects.Create(Boost).AsT0, Key, At).Value;
}

internal sealed record SubmitOwnProposal(Instant At, PersonId Holder, PersonId Actor, ProposalId Proposal, int Cost, int Boost, RequestKey Key) : Command(At), IRequestCommand
{
    public override AccountRef? Target => AccountRef.Of(Holder);

    Command IRequestCommand.At(Instant at) => this with { At = at };

    /// <summary>DOMAIN §6: a freelancer's own proposals draw from their own pool; an exclusive member submits only through the agency.</summary>
    public override Model Run(Model model)
    {
        AccountM account = model.Freelancers[Holder];
        if (account.CheckSubmissionKey(Key, Actor, Actor, Proposal, Cost, Boost, model.Settings.Flaw, At) is { } known)
        {
            return model with { Expected = known };
        }

        if (TooEarly(account, At) is { } early)
        {
            return Refused(model, early);
        }

        if (Actor != Holder)
        {
            return Refused(model, new NotAccountHolder(Actor, Holder));
        }

        if (model.ExclusiveAgencyOf(Holder) is { } agency)
        {
            return Refused(model, new ExclusivityConflict(Holder, agency));
        }

        return OnAccount(model, AccountRef.Of(Holder), null, Permissions.None, a => a.Submit(Actor, Actor, Proposal, Cost, Boost, Key, At, model.Settings));
    }

    public override object Execute(World world)
        => world.Freelancers[Holder].SubmitProposal(Actor, Proposal, Connects.Create(Cost).AsT0, Connects.Create(Boost).AsT0, Key, At, world.Directory.ExclusiveAgencyOf(Actor)).Value;
}

internal sealed record Withdraw(Instant At, AgencyId Agency, PersonId Actor, ProposalId Proposal) : Command(At)
{
    public override AccountRef? Target => AccountRef.Of(Agency);

    /// <summary>The submitter, the assignee (while members), a business manager or the owner may withdraw; no refund.</summary>
    public override Model Run(Model model)
    {
        AgencyM agency = model.Agencies[Agency];
        if (Prelude(agency, At) is { } refused)
        {
            return Refused(model, refused);
        }

        if (!agency.Account.Proposals.TryGetValue(Proposal, out ProposalM? proposal) || !proposal.IsKnownAt(At))
        {
            return Refused(model, new ProposalNotFound(Proposal));
        }

        // A closed proposal is remembered without who submitted it: it is already closed, whoever asks.
        if (proposal.ClosedBy is { } closedBy)
        {
            return Refused(model, new ProposalAlreadyClosed(Proposal, closedBy));
        }

        bool involved = agency.Members.ContainsKey(Actor) && (Actor == proposal.Submitter || Actor == proposal.Assignee);
        if (!involved && !agency.Holds(Actor, Permissions.BusinessManager))
        {
            return Refused(model, new NotAuthorized(Actor, Permissions.BusinessManager));
        }

        return OnAccount(model, Target!.Value, null, Permissions.None, a => a.RecordOutcome(Proposal, ProposalOutcome.Withdrawn, At, model.Settings));
    }

    public override object Execute(World world) => world.Agencies[Agency].Withdraw(Actor, Proposal, At).Value;
}

internal sealed record RecordOutcome(Instant At, AccountRef Account, ProposalId Proposal, ProposalOutcome Outcome) : Command(At)
{
    public override AccountRef? Target => Account;

    public override Model Run(Model model)
        => OnAccount(model, Account, null, Permissions.None, a => a.RecordOutcome(Proposal, Outcome, At, model.Settings));

    public override object Execute(World world) => Account.Agency is { } id
        ? world.Agencies[id].RecordOutcome(Proposal, Outcome, At).Value
        : world.Freelancers[Account.Holder!.Value].RecordOutcome(Proposal, Outcome, At).Value;
}

internal sealed record AddMember(Instant At, AgencyId Agency, PersonId Actor, PersonId Person, Permissions Permissions, MembershipKind Kind) : Command(At)
{
    public override AccountRef? Target => AccountRef.Of(Agency);

    /// <summary>DOMAIN §4: an owner or admin adds, on Agency Plus only, a person not yet a member, and exclusivity holds.</summary>
    public override Model Run(Model model)
    {
        AgencyM current = model.Agencies[Agency];
        if (Prelude(current, At) is { } refused)
        {
            return Refused(model, refused);
        }

        if (Person.IsEmpty)
        {
            return Refused(model, new DefaultValue("person", nameof(PersonId)));
        }

        if (UndefinedBits(Permissions) is { } undefined)
        {
            return Refused(model, undefined);
        }

        return OnAgency(model, Agency, agency =>
        {
            // The plan that counts is the one in force at At, after any downgrade that took effect before it.
            AccountM account = agency.Account.AdvanceTo(At, model.Settings);
            if (!agency.Holds(Actor, Permissions.Admin))
            {
                return (agency, new NotAuthorized(Actor, Permissions.Admin));
            }

            if (!model.Settings.Terms(AccountKind.Agency, account.Tier).CanAddMembers)
            {
                return (agency, new PlanDoesNotAllow(account.Plan, PlanActions.AddMembers));
            }

            if (agency.Members.ContainsKey(Person))
            {
                return (agency, new AlreadyAMember(Person));
            }

            if (model.JoinConflict(Person, Agency, Kind) is { } conflict)
            {
                return (agency, conflict);
            }

            return (agency with { Members = agency.Members.Add(Person, new MemberM(Permissions, Kind)) }, Expect.Ok);
        });
    }

    public override object Execute(World world) => world.Agencies[Agency].AddMember(Actor, Person, Permissions, Kind, At, world.Directory).Value;
}

internal sealed record ChangePermissions(Instant At, AgencyId Agency, PersonId Actor, PersonId Person, Permissions Permissions) : Command(At)
{
    public override AccountRef? Target => AccountRef.Of(Agency);

    public override Model Run(Model model) => OnAgency(model, Agency, agency =>
    {
        if (UndefinedBits(Permissions) is { } undefined)
        {
            return (agency, undefined);
        }

        if (!agency.Holds(Actor, Permissions.Admin))
        {
            return (agency, new NotAuthorized(Actor, Permissions.Admin));
        }

        if (!agency.Members.TryGetValue(Person, out MemberM? member))
        {
            return (agency, new NotAMember(Person));
        }

        return Person == agency.Owner
            ? (agency, new OwnerPermissionsAreFixed(agency.Owner))
            : (agency with { Members = agency.Members.SetItem(Person, member with { Permissions = Permissions }) }, Expect.Ok);
    });

    public override object Execute(World world) => world.Agencies[Agency].ChangePermissions(Actor, Person, Permissions, At).Value;
}

internal sealed record RemoveMember(Instant At, AgencyId Agency, PersonId Actor, PersonId Person) : Command(At)
{
    public override AccountRef? Target => AccountRef.Of(Agency);

    /// <summary>An owner or admin removes, or a member leaves; never the owner, nor a member with open proposals assigned.</summary>
    public override Model Run(Model model) => OnAgency(model, Agency, agency =>
    {
        if (Actor != Person && !agency.Holds(Actor, Permissions.Admin))
        {
            return (agency, new NotAuthorized(Actor, Permissions.Admin));
        }

        if (!agency.Members.ContainsKey(Person))
        {
            return (agency, new NotAMember(Person));
        }

        if (Person == agency.Owner)
        {
            return (agency, new OwnerCannotBeRemoved(agency.Owner));
        }

        int open = agency.Account.OpenProposalsOf(Person);
        return open > 0
            ? (agency, new MemberHasOpenProposals(Person, open))
            : (agency with { Members = agency.Members.Remove(Person) }, Expect.Ok);
    });

    public override object Execute(World world) => world.Agencies[Agency].RemoveMember(Actor, Person, At).Value;
}

internal sealed record TransferOwnership(Instant At, AgencyId Agency, PersonId Actor, PersonId NewOwner) : Command(At)
{
    public override AccountRef? Target => AccountRef.Of(Agency);

    /// <summary>Only the owner, to a member who owns no other open agency; the former owner keeps every permission (an admin).</summary>
    public override Model Run(Model model) => OnAgency(model, Agency, agency =>
    {
        if (Actor != agency.Owner)
        {
            return (agency, new NotOwner(Actor, agency.Owner));
        }

        if (NewOwner == agency.Owner)
        {
            return (agency, new AlreadyOwner(agency.Owner));
        }

        if (!agency.Members.TryGetValue(NewOwner, out MemberM? member))
        {
            return (agency, new NotAMember(NewOwner));
        }

        if (model.AgencyOwnedBy(NewOwner) is { } owned && owned != Agency)
        {
            return (agency, new OwnsAnotherAgency(NewOwner, owned));
        }

        return (agency with { Owner = NewOwner, Members = agency.Members.SetItem(NewOwner, member with { Permissions = Permissions.All }) }, Expect.Ok);
    });

    public override object Execute(World world) => world.Agencies[Agency].TransferOwnership(Actor, NewOwner, At, world.Directory).Value;
}

internal sealed record CloseAgency(Instant At, AgencyId Agency, PersonId Actor) : Command(At)
{
    public override AccountRef? Target => AccountRef.Of(Agency);

    /// <summary>Only the owner, with no other member and no open proposal; what is left in the pool is forfeited.</summary>
    public override Model Run(Model model) => OnAgency(model, Agency, agency =>
    {
        if (Actor != agency.Owner)
        {
            return (agency, new NotOwner(Actor, agency.Owner));
        }

        int open = agency.Account.OpenProposals;
        return agency.Members.Count > 1 || open > 0
            ? (agency, new AgencyNotEmpty(agency.Members.Count - 1, open))
            : (agency with { Closed = true, Account = agency.Account.AdvanceTo(At, model.Settings) with { Lots = [] } }, Expect.Ok);
    });

    public override object Execute(World world) => world.Agencies[Agency].Close(Actor, At).Value;
}
