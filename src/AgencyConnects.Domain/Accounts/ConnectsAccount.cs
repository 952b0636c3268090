using System.Collections.Generic;
using AgencyConnects.Domain.Billing;
using AgencyConnects.Domain.Internal;
using AgencyConnects.Domain.Plans;
using AgencyConnects.Domain.Pool;
using AgencyConnects.Domain.Proposals;
using AgencyConnects.Domain.Values;
using NodaTime;

namespace AgencyConnects.Domain.Accounts;

/// <summary>
/// What every Connects account shows, agency or freelancer alike: its plan and billing schedule, its pool, bills and
/// proposals, and its version. Only <see cref="AgencyAccount"/> and <see cref="FreelancerAccount"/> derive from it.
/// </summary>
public abstract class ConnectsAccount
{
    private protected ConnectsAccount(AccountState state) => State = state;

    /// <summary>The number of events applied: the version to check for optimistic concurrency.</summary>
    public long Version => State.Version;

    /// <summary>The instant of the last event.</summary>
    public Instant LastChangedAt => State.LastChangedAt;

    /// <summary>How the account is billed.</summary>
    public AccountSettings Settings => State.Settings;

    /// <summary>The current plan.</summary>
    public Plan Plan => State.Plan;

    /// <summary>The terms of the current plan.</summary>
    public PlanTerms Terms => State.Terms;

    /// <summary>The billing schedule, anchored on the day the account began or was last upgraded.</summary>
    public BillingSchedule Schedule => State.Schedule;

    /// <summary>The current billing period (as of <see cref="LastChangedAt"/>).</summary>
    public BillingPeriod CurrentPeriod => State.Period;

    /// <summary>The downgrade or cancellation that takes effect at the end of the current period, if any.</summary>
    public PlanChangeScheduled? PendingChange => State.PendingChange;

    /// <summary>The account's pool of Connects and its ledger.</summary>
    public ConnectsPool Pool => State.Pool;

    /// <summary>The Connects in the pool.</summary>
    public Connects Balance => State.Pool.Balance;

    /// <summary>Every bill line, oldest first.</summary>
    public IReadOnlyList<BillLine> BillLines => State.BillLines;

    /// <summary>Every proposal submitted from the account, by identifier; enumerated in submission order.</summary>
    /// <remarks>Immutable, like the account.</remarks>
    public IReadOnlyDictionary<ProposalId, Proposal> Proposals => new OrderedView<ProposalId, Proposal>(State.Proposals, State.ProposalOrder);

    private protected AccountState State { get; }

    /// <summary>What the account was charged in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    /// <param name="from">The first instant included.</param>
    /// <param name="to">The first instant excluded.</param>
    /// <returns>The bill.</returns>
    public Bill Bill(Instant from, Instant to) => Bills.Between(State, from, to);
}
