using AgencyConnects.Domain.Billing;
using AgencyConnects.Domain.Internal;
using AgencyConnects.Domain.Plans;
using AgencyConnects.Domain.Pool;
using AgencyConnects.Domain.Proposals;
using AgencyConnects.Domain.Values;
using NodaTime;

namespace AgencyConnects.Domain.Accounts;

/// <content>The builder through which every event is applied.</content>
internal sealed partial record AccountState
{
    /// <summary>
    /// The state while events are applied to it: <see cref="Apply"/> is the one place state changes, used for a single
    /// event (<see cref="AccountState.Apply"/>) and for a run of them (replay, load), after which only the final state
    /// is seen. With an <see cref="EditToken"/>, the maps, queues and pool it creates are its own and are changed in
    /// place by the next events (Clojure's transients), so a run allocates little beyond what it keeps; without one,
    /// every change copies, as for any immutable value. <see cref="ToState"/> hands out the state and gives the builder
    /// a new token, so nothing handed out is written again.
    /// </summary>
    internal sealed class Builder
    {
        private readonly bool _transient;
        private EditToken? _edit;
        private readonly AccountSettings _settings;
        private Plan _plan;
        private BillingSchedule _schedule;
        private BillingPeriod _period;
        private PlanChangeScheduled? _pendingChange;
        private ConnectsPool _pool;
        private OrderedMap<ProposalId, Proposal> _proposals;
        private RetainedMap<ProposalId, ProposalOutcome> _closedProposals;
        private PersistentMap<PersonId, int> _openByAssignee;
        private RetainedMap<RequestKey, AccountEvent> _requests;
        private long _version;
        private Instant _lastChangedAt;

        /// <summary>A builder starting from <paramref name="state"/>; <paramref name="transient"/> for a run of events.</summary>
        public Builder(AccountState state, bool transient)
            : this(state, transient ? new EditToken() : null)
        {
        }

        /// <summary>A builder that changes in place what <paramref name="edit"/> owns; with <c>null</c>, every change copies.</summary>
        public Builder(AccountState state, EditToken? edit)
        {
            _transient = edit is not null;
            _edit = edit;
            _settings = state.Settings;
            _plan = state.Plan;
            _schedule = state.Schedule;
            _period = state.Period;
            _pendingChange = state.PendingChange;
            _pool = state.Pool;
            _proposals = state.Proposals;
            _closedProposals = state.ClosedProposals;
            _openByAssignee = state.OpenProposalsByAssignee;
            _requests = state.Requests;
            _version = state.Version;
            _lastChangedAt = state.LastChangedAt;
        }

        /// <summary>The token the account's own maps (an agency's members) use alongside, so they are frozen with the state.</summary>
        public EditToken? Edit => _edit;

        /// <summary>
        /// Applies one event. Events that only the aggregate understands (membership) just advance the version. Request
        /// keys and closed proposals whose retention ends at or before the event's instant are dropped first.
        /// </summary>
        public void Apply(AccountEvent accountEvent)
        {
            _requests = _requests.Prune(accountEvent.At, _edit);
            _closedProposals = _closedProposals.Prune(accountEvent.At, _edit);
            switch (accountEvent)
            {
                case PeriodClosed:
                    PlanTerms terms = _settings.Catalog[_plan];
                    _pool = _pool.Close(accountEvent.At, terms.RolloverCap, terms.RolloverScope, out _, _edit);
                    _period = _schedule.Next(_period).AsT0;
                    break;
                case ConnectsGranted { Quantity.IsZero: true }:
                    break;
                case ConnectsGranted granted:
                    _pool = _pool.Add(new Lot(LotSource.Allotment, granted.Quantity, granted.At, granted.ExpiresAt), _edit);
                    break;
                case ConnectsBought bought:
                    _pool = _pool.Add(LotOf(bought), _edit);
                    _requests = _requests.Add(bought.Request, bought, RetainedUntil(bought.At), _edit);
                    break;
                case ConnectsExpired expired:
                    _pool = _pool.Expire(expired.At, _edit);
                    break;
                case PlanChanged changed:
                    ApplyPlanChanged(changed);
                    break;
                case PlanChangeScheduled scheduled:
                    _pendingChange = scheduled;
                    break;
                case ProposalSubmitted submitted:
                    ApplyProposalSubmitted(submitted);
                    break;
                case ProposalOutcomeRecorded outcome:
                    ApplyOutcome(outcome);
                    break;
                case AgencyClosed:
                    _pool = _pool.ForfeitAll();
                    break;
            }

            _version++;
            _lastChangedAt = accountEvent.At;
        }

        /// <summary>The state built so far. A transient builder takes a new token, so the state is never written again.</summary>
        public AccountState ToState()
        {
            var state = new AccountState
            {
                Settings = _settings,
                Plan = _plan,
                Schedule = _schedule,
                Period = _period,
                PendingChange = _pendingChange,
                Pool = _pool.Frozen(),
                Proposals = _proposals,
                ClosedProposals = _closedProposals,
                OpenProposalsByAssignee = _openByAssignee,
                Requests = _requests,
                Version = _version,
                LastChangedAt = _lastChangedAt,
            };
            if (_transient)
            {
                _edit = new EditToken();
            }

            return state;
        }

        private void ApplyPlanChanged(PlanChanged changed)
        {
            _plan = changed.To;
            _pendingChange = null;
            if (changed.Reason == PlanChangeReason.Upgrade)
            {
                _schedule = ScheduleFrom(changed.At, _settings);
                _period = _schedule.Period(0).AsT0;
            }
        }

        private void ApplyProposalSubmitted(ProposalSubmitted submitted)
        {
            Proposal proposal = submitted.Proposal;
            _pool = _pool.Take(proposal.Cost, _edit).Take(proposal.Boost, _edit);
            _proposals = _proposals.Add(proposal.Id, proposal, _edit);
            _openByAssignee = _openByAssignee.SetItem(proposal.Assignee, OpenProposalsOf(proposal.Assignee) + 1, _edit);
            _requests = _requests.Add(submitted.Request, submitted, RetainedUntil(submitted.At), _edit);
        }

        private void ApplyOutcome(ProposalOutcomeRecorded recorded)
        {
            Proposal proposal = _proposals[recorded.Proposal];
            if (!recorded.Refund.IsZero)
            {
                _pool = _pool.Add(new Lot(LotSource.Refund, recorded.Refund, recorded.At, recorded.RefundExpiresAt), _edit);
            }

            // A closed proposal leaves the state, so only one that stays open is updated.
            if (!Proposal.Closes(recorded.Outcome))
            {
                _proposals = _proposals.SetItem(proposal.Id, proposal.After(recorded.Outcome, recorded.Refund), _edit);
                return;
            }

            int left = OpenProposalsOf(proposal.Assignee) - 1;
            _proposals = _proposals.Remove(proposal.Id, _edit);
            _closedProposals = _closedProposals.Add(proposal.Id, recorded.Outcome, RetainedUntil(recorded.At), _edit);
            _openByAssignee = left == 0 ? _openByAssignee.Remove(proposal.Assignee, _edit) : _openByAssignee.SetItem(proposal.Assignee, left, _edit);
        }

        private int OpenProposalsOf(PersonId person) => _openByAssignee.TryGetValue(person, out int count) ? count : 0;

        /// <summary>The first instant a request key or a closed proposal first seen at <paramref name="at"/> is no longer kept.</summary>
        private Instant RetainedUntil(Instant at) => AccountState.RetainedUntil(at, _settings.RequestRetention);
    }
}
