using System.Collections.Generic;
using AgencyConnects.Domain.Membership;
using AgencyConnects.Domain.Plans;
using AgencyConnects.Domain.Pool;
using AgencyConnects.Domain.Proposals;
using AgencyConnects.Domain.Values;
using NodaTime;
using OneOf;
using OneOf.Types;

namespace AgencyConnects.Domain.Accounts;

/// <content>Proposals: assignment to a person, submitting on behalf, outcomes and refunds (DOMAIN §6).</content>
public sealed partial class AgencyAccount
{
    /// <summary>
    /// Submits a proposal assigned to <paramref name="assignee"/>, a current member with the Freelancer permission;
    /// there is no proposal from the agency alone. A business manager (or the owner) may submit for any member; a
    /// member with the Freelancer permission may submit for themselves. The cost and boost are taken from the
    /// agency's pool as two ledger entries; on Agency Basic only proposals that cost nothing go through. Idempotent by
    /// <paramref name="request"/> inside <see cref="AccountSettings.RequestRetention"/> of its first use; a proposal
    /// identifier is taken while the proposal is open and for the same window after it closed, then may be used again.
    /// </summary>
    /// <param name="submitter">Who submits.</param>
    /// <param name="assignee">The member the proposal is for.</param>
    /// <param name="proposal">The proposal, new to this agency.</param>
    /// <param name="cost">Its cost, up to the plan's <see cref="PlanTerms.MaxProposalCost"/>.</param>
    /// <param name="boost">Its boost bid, up to the plan's <see cref="PlanTerms.MaxBoostBid"/>; zero for none.</param>
    /// <param name="request">The caller's request key.</param>
    /// <param name="at">Now.</param>
    /// <returns>
    /// The submission, or: <see cref="AgencyIsClosed"/>; <see cref="InvalidArgument"/>, which is
    /// <see cref="InstantBeforeLastChange"/> or <see cref="InstantOutOfRange"/> for <paramref name="at"/>, or
    /// <see cref="DefaultValue"/> for a <c>default</c> <paramref name="proposal"/> or <paramref name="request"/> (in that
    /// order); <see cref="AccessRefused"/>, which is <see cref="NotAuthorized"/>
    /// naming the submitter and <see cref="Permissions.BusinessManager"/> (or <see cref="Permissions.Freelancer"/> when
    /// submitting for themselves), <see cref="NotAMember"/> naming an assignee who is no member, or
    /// <see cref="NotAuthorized"/> naming the assignee and <see cref="Permissions.Freelancer"/> when the assignee is a
    /// member without it; <see cref="PlanDoesNotAllow"/>; <see cref="ProposalCostOutOfRange"/>;
    /// <see cref="DuplicateProposal"/>; <see cref="InsufficientConnects"/>; <see cref="RequestKeyConflict"/>.
    /// </returns>
    public OneOf<ProposalSubmission<AgencyAccount>, AgencyIsClosed, InvalidArgument, AccessRefused, PlanDoesNotAllow, ProposalCostOutOfRange, DuplicateProposal, InsufficientConnects, RequestKeyConflict> SubmitProposal(
        PersonId submitter, PersonId assignee, ProposalId proposal, Connects cost, Connects boost, RequestKey request, Instant at)
    {
        if (State.CheckSubmissionKey(request, submitter, assignee, proposal, cost, boost, at)
            .TryPickT1(out ProposalSubmitted first, out OneOf<None, RequestKeyConflict> fresh))
        {
            return new ProposalSubmission<AgencyAccount>(this, [], first.Proposal, IsRepeat: true);
        }

        if (fresh.TryPickT1(out RequestKeyConflict conflict, out _))
        {
            return conflict;
        }

        if (IsClosed)
        {
            return new AgencyIsClosed(Id);
        }

        if ((State.CheckInstant(at) ?? AccountState.CheckIdentifiers(proposal, request)) is { } invalid)
        {
            return invalid;
        }

        bool mayAct = submitter == assignee
            ? Holds(submitter, Permissions.Freelancer) || Holds(submitter, Permissions.BusinessManager)
            : Holds(submitter, Permissions.BusinessManager);
        if (!mayAct)
        {
            return new NotAuthorized(submitter, submitter == assignee ? Permissions.Freelancer : Permissions.BusinessManager);
        }

        if (!Members.ContainsKey(assignee))
        {
            return new NotAMember(assignee);
        }

        if (!Holds(assignee, Permissions.Freelancer))
        {
            return new NotAuthorized(assignee, Permissions.Freelancer);
        }

        var events = new List<AccountEvent>();
        AgencyAccount agency = Advance(at, events);
        return agency.State.Submit(submitter, assignee, proposal, cost, boost, request, at, events)
            .Match<OneOf<ProposalSubmission<AgencyAccount>, AgencyIsClosed, InvalidArgument, AccessRefused, PlanDoesNotAllow, ProposalCostOutOfRange, DuplicateProposal, InsufficientConnects, RequestKeyConflict>>(
                submitted => new ProposalSubmission<AgencyAccount>(agency.With(submitted.State), [.. events], submitted.Proposal, IsRepeat: false),
                plan => plan,
                range => range,
                duplicate => duplicate,
                insufficient => insufficient);
    }

    /// <summary>
    /// Withdraws an open proposal (no refund). Its submitter, its assignee, a business manager or the owner may.
    /// </summary>
    /// <param name="actor">Who withdraws.</param>
    /// <param name="proposal">The proposal.</param>
    /// <param name="at">Now.</param>
    /// <returns>
    /// The agency, or <see cref="AgencyIsClosed"/>, <see cref="InvalidArgument"/> (<see cref="InstantBeforeLastChange"/> or
    /// <see cref="InstantOutOfRange"/> for <paramref name="at"/>), <see cref="ProposalNotFound"/>, <see cref="NotAuthorized"/> (naming <see cref="Permissions.BusinessManager"/>), <see cref="ProposalAlreadyClosed"/>.
    /// </returns>
    public OneOf<Updated<AgencyAccount>, AgencyIsClosed, InvalidArgument, ProposalNotFound, NotAuthorized, ProposalAlreadyClosed> Withdraw(
        PersonId actor, ProposalId proposal, Instant at)
    {
        if (IsClosed)
        {
            return new AgencyIsClosed(Id);
        }

        if (State.CheckInstant(at) is { } invalid)
        {
            return invalid;
        }

        if (!Proposals.TryGetValue(proposal, out Proposal? found))
        {
            // A closed proposal is remembered only inside the retention window, without who submitted it.
            return State.ClosedProposals.TryGetValue(proposal, at, out ProposalOutcome closedBy)
                ? new ProposalAlreadyClosed(proposal, closedBy)
                : new ProposalNotFound(proposal);
        }

        bool involved = Members.ContainsKey(actor) && (actor == found.Submitter || actor == found.Assignee);
        if (!involved && !Holds(actor, Permissions.BusinessManager))
        {
            return new NotAuthorized(actor, Permissions.BusinessManager);
        }

        var events = new List<AccountEvent>();
        AgencyAccount agency = Advance(at, events);
        return agency.State.RecordOutcome(actor, proposal, ProposalOutcome.Withdrawn, at, events)
            .Match<OneOf<Updated<AgencyAccount>, AgencyIsClosed, InvalidArgument, ProposalNotFound, NotAuthorized, ProposalAlreadyClosed>>(
                state => agency.With(state).Done(events),
                notFound => notFound,
                closed => closed,
                _ => throw new System.InvalidOperationException("A withdrawal refunds nothing."),
                _ => throw new System.InvalidOperationException("A withdrawal refunds nothing."));
    }

    /// <summary>
    /// Records an outcome the marketplace reports for a proposal. Withdrawn, declined, expired, hired or hired
    /// elsewhere: no refund. Job cancelled before hiring or removed for a policy violation: the whole cost, boost
    /// included (less any boost already returned), comes back as a refund lot. Outbid: the boost only comes back and
    /// the proposal stays open. Each Connect spent comes back at most once; a closed proposal accepts no outcome.
    /// </summary>
    /// <param name="proposal">The proposal.</param>
    /// <param name="outcome">What happened.</param>
    /// <param name="at">Now.</param>
    /// <returns>
    /// The agency, or <see cref="AgencyIsClosed"/>, <see cref="InvalidArgument"/> (<see cref="InstantBeforeLastChange"/> or
    /// <see cref="InstantOutOfRange"/> for <paramref name="at"/>, or <see cref="UndefinedValue"/> when
    /// <paramref name="outcome"/> is not a named <see cref="ProposalOutcome"/>), <see cref="ProposalNotFound"/>,
    /// <see cref="ProposalAlreadyClosed"/>, <see cref="NoBoostToRefund"/> (outbid with no boost left to return),
    /// <see cref="ConnectsOverflow"/> (the refund would take the balance above <see cref="Connects.MaxValue"/>).
    /// </returns>
    public OneOf<Updated<AgencyAccount>, AgencyIsClosed, InvalidArgument, ProposalNotFound, ProposalAlreadyClosed, NoBoostToRefund, ConnectsOverflow> RecordOutcome(
        ProposalId proposal, ProposalOutcome outcome, Instant at)
    {
        if (IsClosed)
        {
            return new AgencyIsClosed(Id);
        }

        if ((State.CheckInstant(at) ?? AccountState.CheckOutcome(outcome)) is { } invalid)
        {
            return invalid;
        }

        var events = new List<AccountEvent>();
        AgencyAccount agency = Advance(at, events);
        return agency.State.RecordOutcome(null, proposal, outcome, at, events)
            .Match<OneOf<Updated<AgencyAccount>, AgencyIsClosed, InvalidArgument, ProposalNotFound, ProposalAlreadyClosed, NoBoostToRefund, ConnectsOverflow>>(
                state => agency.With(state).Done(events),
                notFound => notFound,
                closed => closed,
                noBoost => noBoost,
                overflow => overflow);
    }
}
