using System.Collections.Generic;
using AgencyConnects.Domain.Billing;
using AgencyConnects.Domain.Plans;
using AgencyConnects.Domain.Pool;
using AgencyConnects.Domain.Proposals;
using AgencyConnects.Domain.Values;
using NodaTime;
using OneOf;
using OneOf.Types;

namespace AgencyConnects.Domain.Accounts;

/// <content>The rules agency and freelancer accounts share, once: plan changes, buying, submitting and outcomes.</content>
internal sealed partial record AccountState
{
    /// <summary>
    /// The checks of the instant every operation is given, in order: <see cref="InstantBeforeLastChange"/> when it is
    /// before the last change; <see cref="InstantOutOfRange"/> when it is at or after the first instant the account
    /// cannot represent (see that type): the earliest of the schedule's end, for an <paramref name="upgrade"/> the
    /// start of the day after <see cref="BillingSchedule.MaxAnchor"/>, and for each lifetime of Connects in the
    /// catalog the first instant from which they would expire after 9999-12-31 (<see cref="ConnectsLifetimes.Limit"/>).
    /// Every limit is after <see cref="ConnectsLifetimes.NoLimitBefore"/>, so before it only two comparisons run.
    /// </summary>
    public InvalidArgument? CheckInstant(Instant at, bool upgrade = false)
    {
        if (at < LastChangedAt)
        {
            return new InstantBeforeLastChange(at, LastChangedAt);
        }

        if (at < ConnectsLifetimes.NoLimitBefore)
        {
            return null;
        }

        Instant limit = ConnectsLifetimes.Limit(Settings.Catalog, Settings.Zone, Schedule.End, upgrade);
        return at >= limit ? new InstantOutOfRange(at, limit) : null;
    }

    /// <summary>An outcome the host gives must be a named <see cref="ProposalOutcome"/>.</summary>
    public static UndefinedValue? CheckOutcome(ProposalOutcome outcome)
        => outcome is >= ProposalOutcome.Withdrawn and <= ProposalOutcome.Outbid
            ? null
            : new UndefinedValue(nameof(outcome), nameof(ProposalOutcome), (long)outcome);

    /// <summary>The identifiers a submission records: neither may be the <c>default</c>, empty one (proposal first).</summary>
    public static DefaultValue? CheckIdentifiers(ProposalId proposal, RequestKey request)
    {
        if (proposal.IsEmpty)
        {
            return new DefaultValue(nameof(proposal), nameof(ProposalId));
        }

        return request.IsEmpty ? new DefaultValue(nameof(request), nameof(RequestKey)) : null;
    }

    /// <summary>What a request key says about a purchase at <paramref name="at"/>: new (<see cref="None"/>, also once its retention has passed), a repeat, or a conflict.</summary>
    public OneOf<None, ConnectsBought, RequestKeyConflict> CheckPurchaseKey(RequestKey key, PersonId actor, Connects quantity, Instant at)
    {
        if (!Requests.TryGetValue(key, at, out AccountEvent? recorded))
        {
            return default(None);
        }

        return recorded is ConnectsBought purchase && purchase.Actor == actor && purchase.Quantity == quantity
            ? purchase
            : new RequestKeyConflict(key);
    }

    /// <summary>What a request key says about a submission at <paramref name="at"/>: new (<see cref="None"/>, also once its retention has passed), a repeat, or a conflict.</summary>
    public OneOf<None, ProposalSubmitted, RequestKeyConflict> CheckSubmissionKey(
        RequestKey key, PersonId submitter, PersonId assignee, ProposalId proposal, Connects cost, Connects boost, Instant at)
    {
        if (!Requests.TryGetValue(key, at, out AccountEvent? recorded))
        {
            return default(None);
        }

        return recorded is ProposalSubmitted { Proposal: var first } submitted
            && first.Submitter == submitter && first.Assignee == assignee && first.Id == proposal && first.Cost == cost && first.Boost == boost
            ? submitted
            : new RequestKeyConflict(key);
    }

    /// <summary>Basic to Plus at once: fee charged, allotment granted, anniversary moved to today; Connects kept.</summary>
    public OneOf<AccountState, AlreadyOnPlan> Upgrade(Instant at, List<AccountEvent> events)
    {
        if (Plan.Tier == PlanTier.Plus)
        {
            return new AlreadyOnPlan(Plan);
        }

        AccountState state = Record(new PlanChanged(at, Plan, Plan with { Tier = PlanTier.Plus }, PlanChangeReason.Upgrade), events);
        return state.StartPeriod(at, events);
    }

    /// <summary>Plus to Basic at the end of the current period (downgrade or cancel); no refund.</summary>
    public OneOf<AccountState, AlreadyOnPlan, PlanChangeAlreadyScheduled> ScheduleDowngrade(PersonId actor, PlanChangeReason reason, Instant at, List<AccountEvent> events)
    {
        if (Plan.Tier == PlanTier.Basic)
        {
            return new AlreadyOnPlan(Plan);
        }

        if (PendingChange is { } pending)
        {
            return new PlanChangeAlreadyScheduled(pending.Reason, pending.EffectiveAt);
        }

        return Record(new PlanChangeScheduled(at, actor, reason, Period.End), events);
    }

    /// <summary>A period fee was not paid: Basic at once.</summary>
    public OneOf<AccountState, AlreadyOnPlan> FailPayment(Instant at, List<AccountEvent> events)
        => Plan.Tier == PlanTier.Basic
            ? new AlreadyOnPlan(Plan)
            : Record(new PlanChanged(at, Plan, Plan with { Tier = PlanTier.Basic }, PlanChangeReason.PaymentFailed), events);

    /// <summary>Buys Connects under the plan's purchase rules, priced from the catalog.</summary>
    public OneOf<(AccountState State, BillLine Line, Lot Lot), PlanDoesNotAllow, InvalidPurchaseQuantity, ConnectsOverflow, MoneyOverflow> Buy(
        PersonId actor, Connects quantity, RequestKey key, Instant at, List<AccountEvent> events)
    {
        PlanTerms terms = Terms;
        if (!terms.Allows(PlanActions.BuyConnects) || terms.Purchases is not { } rules)
        {
            return new PlanDoesNotAllow(Plan, PlanActions.BuyConnects);
        }

        if (!rules.Allows(quantity))
        {
            return new InvalidPurchaseQuantity(quantity);
        }

        if (Pool.Balance.Plus(quantity).TryPickT1(out ConnectsOverflow overflow, out _))
        {
            return overflow;
        }

        if (rules.UnitPrice.Times(quantity).TryPickT1(out MoneyOverflow moneyOverflow, out Money price))
        {
            return moneyOverflow;
        }

        var line = new BillLine(BillLineKind.ConnectsPurchase, at, Plan, price, null, quantity, rules.UnitPrice, key, actor);
        Instant? expiresAt = ExpiryFor(at);
        AccountState state = Record(new ConnectsBought(at, actor, quantity, expiresAt, key, line), events);
        return (state, line, new Lot(LotSource.Purchase, quantity, at, expiresAt));
    }

    /// <summary>Takes a proposal's cost and boost from the pool, as two ledger entries; who may submit is the caller's check.</summary>
    public OneOf<(AccountState State, Proposal Proposal), PlanDoesNotAllow, ProposalCostOutOfRange, DuplicateProposal, InsufficientConnects> Submit(
        PersonId submitter, PersonId assignee, ProposalId id, Connects cost, Connects boost, RequestKey key, Instant at, List<AccountEvent> events)
    {
        PlanTerms terms = Terms;
        if (cost > terms.MaxProposalCost || boost > terms.MaxBoostBid)
        {
            return new ProposalCostOutOfRange(cost, boost, terms.MaxProposalCost, terms.MaxBoostBid);
        }

        Connects total = cost.Add(boost);
        if (CheckSpend(total) is { } refused)
        {
            return refused;
        }

        if (Proposals.ContainsKey(id) || ClosedProposals.TryGetValue(id, at, out _))
        {
            return new DuplicateProposal(id);
        }

        if (total > Pool.Balance)
        {
            return new InsufficientConnects(total, Pool.Balance);
        }

        var proposal = new Proposal(id, submitter, assignee, cost, boost, at);
        return (Record(new ProposalSubmitted(at, proposal, key), events), proposal);
    }

    /// <summary>
    /// Records how a proposal ended, refunding what the outcome gives back (DOMAIN §6); a refund the balance cannot hold
    /// is refused. <paramref name="outcome"/> is a named value: the public operations refuse others first (<see cref="CheckOutcome"/>).
    /// </summary>
    public OneOf<AccountState, ProposalNotFound, ProposalAlreadyClosed, NoBoostToRefund, ConnectsOverflow> RecordOutcome(
        PersonId? actor, ProposalId id, ProposalOutcome outcome, Instant at, List<AccountEvent> events)
    {
        if (!Proposals.TryGetValue(id, out Proposal? proposal))
        {
            return ClosedProposals.TryGetValue(id, at, out ProposalOutcome closedBy) ? new ProposalAlreadyClosed(id, closedBy) : new ProposalNotFound(id);
        }

        Connects refund;
        switch (outcome)
        {
            case ProposalOutcome.Outbid:
                if (proposal.Boost.IsZero || proposal.BoostRefunded)
                {
                    return new NoBoostToRefund(id);
                }

                refund = proposal.Boost;
                break;
            case ProposalOutcome.JobCancelled or ProposalOutcome.JobRemoved:
                refund = proposal.Cost.Add(proposal.Boost).Subtract(proposal.Refunded);
                break;
            default:
                refund = Connects.Zero;
                break;
        }

        if (Pool.Balance.Plus(refund).TryPickT1(out ConnectsOverflow overflow, out _))
        {
            return overflow;
        }

        return Record(
            new ProposalOutcomeRecorded(at, actor, id, outcome, refund, refund.IsZero ? null : ExpiryFor(at), proposal.Assignee, proposal.Submitter), events);
    }
}
