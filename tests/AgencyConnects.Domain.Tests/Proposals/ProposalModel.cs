using System.Collections.Immutable;
using System.Linq;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Membership;
using AgencyConnects.Domain.Pool;
using AgencyConnects.Domain.Proposals;
using AgencyConnects.Domain.Values;
using NodaTime;
using static AgencyConnects.Domain.Tests.TestData;

namespace AgencyConnects.Domain.Tests.Proposals;

/// <summary>What the model expects a successful submission to return.</summary>
internal sealed record Submitted(Proposal Proposal);

/// <summary>What the model expects a repeated submission to return: the first proposal, nothing changed.</summary>
internal sealed record RepeatedSubmission(Proposal Proposal);

/// <summary>What the model expects a successful purchase to return.</summary>
internal sealed record Bought(PersonId Actor, Connects Quantity, RequestKey Request, Instant At);

/// <summary>What the model expects a repeated purchase to return: the first purchase, nothing changed.</summary>
internal sealed record RepeatedPurchase(Bought First);

/// <summary>What the model expects of any other operation that goes through.</summary>
internal sealed record Done;

/// <summary>
/// The reference model of a Classic Agency Plus agency for the proposal properties: simple numbers and maps, no lots,
/// no schedule object. Periods are anchored on the 10th (UTC), so each ends a calendar month after the last; closing
/// one carries at most 160 Connects and grants 80 (three events: closed, granted, fee). Immutable: FsCheck keeps the
/// model of every step.
/// </summary>
/// <remarks>
/// <see cref="At"/> and <see cref="Expected"/> describe the last step: the instant the operation ran at and what it
/// must return (an error record, compared exactly, or one of the success records above).
/// </remarks>
internal sealed record ProposalModel
{
    public const int Allotment = 80;
    public const int RolloverCap = 160;
    public const int MaxCost = 6;
    public const int MaxBoost = 50;

    public static readonly Instant Start = Utc(2025, 1, 10, 9);
    public static readonly PersonId Owner = Person("olivia");

    /// <summary>The members added at the start with random permissions.</summary>
    public static readonly ImmutableArray<PersonId> Others = [Person("ben"), Person("cara"), Person("dan")];

    /// <summary>Everyone the operations pick from: the owner, the others, and eve, who starts outside the agency.</summary>
    public static readonly ImmutableArray<PersonId> People = [Owner, .. Others, Person("eve")];

    public required ImmutableDictionary<PersonId, Permissions> Members { get; init; }

    public required int Balance { get; init; }

    public required long Version { get; init; }

    public required Instant LastChangedAt { get; init; }

    public required Instant PeriodEnd { get; init; }

    public ImmutableDictionary<ProposalId, Proposal> Proposals { get; init; } = ImmutableDictionary<ProposalId, Proposal>.Empty;

    /// <summary>Every request key used, with what it recorded: a <see cref="Proposal"/> or a <see cref="Bought"/>.</summary>
    public ImmutableDictionary<RequestKey, object> Requests { get; init; } = ImmutableDictionary<RequestKey, object>.Empty;

    /// <summary>When each closed proposal closed: DOMAIN §9 remembers it for the retention window from then.</summary>
    public ImmutableDictionary<ProposalId, Instant> ClosedAt { get; init; } = ImmutableDictionary<ProposalId, Instant>.Empty;

    /// <summary>How long request keys and closed proposals are remembered (the default settings').</summary>
    public static Duration Retention => AccountSettings.DefaultRequestRetention;

    /// <summary>Whether the proposal is known at <paramref name="at"/>: open, or closed inside the retention window.</summary>
    public bool Known(Proposal proposal, Instant at) => proposal.Status == ProposalStatus.Open || at < ClosedAt[proposal.Id] + Retention;

    /// <summary>The request recorded under <paramref name="key"/> that is still kept at <paramref name="at"/>.</summary>
    public bool TryGetRequest(RequestKey key, Instant at, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out object? recorded)
        => Requests.TryGetValue(key, out recorded)
           && (recorded is Bought bought ? bought.At : ((Proposal)recorded).SubmittedAt) + Retention is var until
           && at < until && LastChangedAt < until; // dropped once an event at or after its end is applied

    /// <summary>The Spent and Refunded entries the ledger must hold, oldest first.</summary>
    public ImmutableList<LedgerEntry> Usage { get; init; } = ImmutableList<LedgerEntry>.Empty;

    /// <summary>A counter for fresh identifiers.</summary>
    public int Serial { get; init; }

    public Instant At { get; init; }

    public object Expected { get; init; } = new Done();

    /// <summary>The agency after creation at <see cref="Start"/>, upgrade to Plus, and the others added.</summary>
    public static ProposalModel Initial(ImmutableArray<Permissions> permissions)
    {
        ImmutableDictionary<PersonId, Permissions> members = ImmutableDictionary<PersonId, Permissions>.Empty.Add(Owner, Permissions.All);
        for (int i = 0; i < Others.Length; i++)
        {
            members = members.Add(Others[i], permissions[i]);
        }

        // Created (1), upgraded (plan changed, granted, fee: 3), one event per member added.
        return new ProposalModel
        {
            Members = members,
            Balance = Allotment,
            Version = 1 + 3 + Others.Length,
            LastChangedAt = Start,
            PeriodEnd = Utc(2025, 2, 10),
            At = Start,
        };
    }

    public bool Holds(PersonId person, Permissions permission)
        => Members.TryGetValue(person, out Permissions held) && (held & permission) == permission;

    public int OpenProposalsOf(PersonId person)
        => Proposals.Values.Count(p => p.Assignee == person && p.Status == ProposalStatus.Open);

    /// <summary>The model refused the operation: nothing changes but the record of the step.</summary>
    public ProposalModel Refuse(Instant at, object error) => this with { At = at, Expected = error };

    /// <summary>Closes every period that ended at or before <paramref name="at"/>, as the account does first in every operation.</summary>
    public ProposalModel AdvanceTo(Instant at)
    {
        ProposalModel model = this;
        while (model.PeriodEnd <= at)
        {
            model = model with
            {
                Balance = System.Math.Min(model.Balance, RolloverCap) + Allotment,
                Version = model.Version + 3,
                LastChangedAt = model.PeriodEnd,
                PeriodEnd = model.PeriodEnd.InUtc().Date.PlusMonths(1).AtStartOfDayInZone(DateTimeZone.Utc).ToInstant(),
            };
        }

        return model;
    }

    /// <summary>One event at <paramref name="at"/>, after the periods that ended were closed.</summary>
    public ProposalModel Changed(Instant at, object expected) => this with
    {
        Version = Version + 1,
        LastChangedAt = at,
        At = at,
        Expected = expected,
    };

    public ProposalModel Submit(PersonId submitter, PersonId assignee, ProposalId id, Connects cost, Connects boost, RequestKey key, Instant at)
    {
        if (TryGetRequest(key, at, out object? recorded))
        {
            return recorded is Proposal first
                && first.Submitter == submitter && first.Assignee == assignee && first.Id == id && first.Cost == cost && first.Boost == boost
                ? Refuse(at, new RepeatedSubmission(first))
                : Refuse(at, new RequestKeyConflict(key));
        }

        if (at < LastChangedAt)
        {
            return Refuse(at, new InstantBeforeLastChange(at, LastChangedAt));
        }

        // A business manager submits for anyone; anyone else only for themselves, and the assignee must be a freelancer.
        // An actor who is no member holds no permission (the assignee's membership is checked after the actor's).
        if (submitter == assignee && !Members.ContainsKey(submitter))
        {
            return Refuse(at, new NotAuthorized(submitter, Permissions.Freelancer));
        }

        if (submitter != assignee && !Holds(submitter, Permissions.BusinessManager))
        {
            return Refuse(at, new NotAuthorized(submitter, Permissions.BusinessManager));
        }

        if (!Members.ContainsKey(assignee))
        {
            return Refuse(at, new NotAMember(assignee));
        }

        if (!Holds(assignee, Permissions.Freelancer))
        {
            return Refuse(at, new NotAuthorized(assignee, Permissions.Freelancer));
        }

        ProposalModel advanced = AdvanceTo(at);
        if (cost.Value > MaxCost || boost.Value > MaxBoost)
        {
            return Refuse(at, new ProposalCostOutOfRange(cost, boost, C(MaxCost), C(MaxBoost)));
        }

        if (Proposals.TryGetValue(id, out Proposal? known) && Known(known, at))
        {
            return Refuse(at, new DuplicateProposal(id));
        }

        int total = cost.Value + boost.Value;
        if (total > advanced.Balance)
        {
            return Refuse(at, new InsufficientConnects(C(total), C(advanced.Balance)));
        }

        var proposal = new Proposal(id, submitter, assignee, cost, boost, at);
        ImmutableList<LedgerEntry> usage = advanced.Usage;
        if (!cost.IsZero)
        {
            usage = usage.Add(new LedgerEntry(LedgerEntryKind.Spent, cost, at, submitter, id, assignee, IsBoost: false, Submitter: submitter));
        }

        if (!boost.IsZero)
        {
            usage = usage.Add(new LedgerEntry(LedgerEntryKind.Spent, boost, at, submitter, id, assignee, IsBoost: true, Submitter: submitter));
        }

        return (advanced with
        {
            Balance = advanced.Balance - total,
            Proposals = Proposals.SetItem(id, proposal),
            Requests = Requests.SetItem(key, proposal),
            Usage = usage,
        }).Changed(at, new Submitted(proposal));
    }

    public ProposalModel Withdraw(PersonId actor, ProposalId id, Instant at)
    {
        if (at < LastChangedAt)
        {
            return Refuse(at, new InstantBeforeLastChange(at, LastChangedAt));
        }

        if (!Proposals.TryGetValue(id, out Proposal? proposal) || !Known(proposal, at))
        {
            return Refuse(at, new ProposalNotFound(id));
        }

        // A closed proposal is remembered without who submitted it: it is already closed, whoever asks.
        if (proposal.Status == ProposalStatus.Closed)
        {
            return Refuse(at, new ProposalAlreadyClosed(proposal.Id, proposal.Outcome!.Value));
        }

        bool involved = Members.ContainsKey(actor) && (actor == proposal.Submitter || actor == proposal.Assignee);
        if (!involved && !Holds(actor, Permissions.BusinessManager))
        {
            return Refuse(at, new NotAuthorized(actor, Permissions.BusinessManager));
        }

        return Outcome(actor, proposal, ProposalOutcome.Withdrawn, at);
    }

    public ProposalModel RecordOutcome(ProposalId id, ProposalOutcome outcome, Instant at)
    {
        if (at < LastChangedAt)
        {
            return Refuse(at, new InstantBeforeLastChange(at, LastChangedAt));
        }

        return Proposals.TryGetValue(id, out Proposal? proposal) && Known(proposal, at)
            ? Outcome(null, proposal, outcome, at)
            : Refuse(at, new ProposalNotFound(id));
    }

    public ProposalModel Buy(PersonId actor, Connects quantity, RequestKey key, Instant at)
    {
        if (TryGetRequest(key, at, out object? recorded))
        {
            return recorded is Bought first && first.Actor == actor && first.Quantity == quantity
                ? Refuse(at, new RepeatedPurchase(first))
                : Refuse(at, new RequestKeyConflict(key));
        }

        if (at < LastChangedAt)
        {
            return Refuse(at, new InstantBeforeLastChange(at, LastChangedAt));
        }

        if (!Holds(actor, Permissions.Admin))
        {
            return Refuse(at, new NotAuthorized(actor, Permissions.Admin));
        }

        if (quantity.IsZero)
        {
            return Refuse(at, new InvalidPurchaseQuantity(quantity));
        }

        ProposalModel advanced = AdvanceTo(at);
        var bought = new Bought(actor, quantity, key, at);
        return (advanced with { Balance = advanced.Balance + quantity.Value, Requests = Requests.SetItem(key, bought) }).Changed(at, bought);
    }

    public ProposalModel CloseElapsedPeriods(Instant at)
        => at < LastChangedAt
            ? Refuse(at, new InstantBeforeLastChange(at, LastChangedAt))
            : AdvanceTo(at) with { At = at, Expected = new Done() };

    public ProposalModel RemoveMember(PersonId actor, PersonId person, Instant at)
    {
        if (at < LastChangedAt)
        {
            return Refuse(at, new InstantBeforeLastChange(at, LastChangedAt));
        }

        if (actor != person && !Holds(actor, Permissions.Admin))
        {
            return Refuse(at, new NotAuthorized(actor, Permissions.Admin));
        }

        if (!Members.ContainsKey(person))
        {
            return Refuse(at, new NotAMember(person));
        }

        if (person == Owner)
        {
            return Refuse(at, new OwnerCannotBeRemoved(Owner));
        }

        if (OpenProposalsOf(person) is > 0 and int open)
        {
            return Refuse(at, new MemberHasOpenProposals(person, open));
        }

        return (AdvanceTo(at) with { Members = Members.Remove(person) }).Changed(at, new Done());
    }

    public ProposalModel AddMember(PersonId actor, PersonId person, Permissions permissions, Instant at)
    {
        if (at < LastChangedAt)
        {
            return Refuse(at, new InstantBeforeLastChange(at, LastChangedAt));
        }

        if (!Holds(actor, Permissions.Admin))
        {
            return Refuse(at, new NotAuthorized(actor, Permissions.Admin));
        }

        if (Members.ContainsKey(person))
        {
            return Refuse(at, new AlreadyAMember(person));
        }

        return (AdvanceTo(at) with { Members = Members.Add(person, permissions) }).Changed(at, new Done());
    }

    private ProposalModel Outcome(PersonId? actor, Proposal proposal, ProposalOutcome outcome, Instant at)
    {
        if (proposal.Status == ProposalStatus.Closed)
        {
            return Refuse(at, new ProposalAlreadyClosed(proposal.Id, proposal.Outcome!.Value));
        }

        int spent = proposal.Cost.Value + proposal.Boost.Value;
        int refund = outcome switch
        {
            ProposalOutcome.Outbid => proposal.Boost.Value,
            ProposalOutcome.JobCancelled or ProposalOutcome.JobRemoved => spent - proposal.Refunded.Value,
            _ => 0,
        };
        if (outcome == ProposalOutcome.Outbid && (proposal.Boost.IsZero || proposal.BoostRefunded))
        {
            return Refuse(at, new NoBoostToRefund(proposal.Id));
        }

        bool closes = outcome != ProposalOutcome.Outbid;
        bool boostBack = !proposal.Boost.IsZero && outcome is ProposalOutcome.Outbid or ProposalOutcome.JobCancelled or ProposalOutcome.JobRemoved;
        Proposal updated = proposal with
        {
            Status = closes ? ProposalStatus.Closed : ProposalStatus.Open,
            Outcome = closes ? outcome : null,
            Refunded = C(proposal.Refunded.Value + refund),
            BoostRefunded = proposal.BoostRefunded || boostBack,
        };
        ProposalModel advanced = AdvanceTo(at);
        ImmutableList<LedgerEntry> usage = refund == 0
            ? advanced.Usage
            : advanced.Usage.Add(new LedgerEntry(
                LedgerEntryKind.Refunded, C(refund), at, actor, proposal.Id, proposal.Assignee, IsBoost: outcome == ProposalOutcome.Outbid, Submitter: proposal.Submitter));
        return (advanced with
        {
            Balance = advanced.Balance + refund,
            Proposals = Proposals.SetItem(proposal.Id, updated),
            ClosedAt = closes ? ClosedAt.SetItem(proposal.Id, at) : ClosedAt,
            Usage = usage,
        }).Changed(at, new Done());
    }
}
