using System.Collections.Generic;
using AgencyConnects.Domain.Billing;
using AgencyConnects.Domain.Plans;
using AgencyConnects.Domain.Pool;
using AgencyConnects.Domain.Proposals;
using AgencyConnects.Domain.Values;
using NodaTime;
using OneOf;

namespace AgencyConnects.Domain.Accounts;

/// <summary>
/// What every Connects account shows, agency or freelancer alike: its plan and billing schedule, its pool and open
/// proposals, and its version — its decision state (DOMAIN §9). Its history (ledger, bills, usage, closed proposals)
/// is a projection of its events: <see cref="AccountHistory"/>. Only <see cref="AgencyAccount"/> and <see cref="FreelancerAccount"/> derive from it.
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

    /// <summary>The current billing period as of <see cref="LastChangedAt"/>; <see cref="PeriodAt"/> gives the period at any instant.</summary>
    public BillingPeriod CurrentPeriod => State.Period;

    /// <summary>The downgrade or cancellation that takes effect at the end of the current period, if any.</summary>
    public PlanChangeScheduled? PendingChange => State.PendingChange;

    /// <summary>The account's pool of Connects: its lots (the ledger is in <see cref="AccountHistory"/>).</summary>
    public ConnectsPool Pool => State.Pool;

    /// <summary>The Connects in the pool.</summary>
    public Connects Balance => State.Pool.Balance;

    /// <summary>The open proposals of the account, by identifier; enumerated in submission order.</summary>
    /// <remarks>
    /// Immutable, like the account. A closed proposal leaves the account (its identifier is remembered for
    /// <see cref="AccountSettings.RequestRetention"/>); every proposal with its outcome is in <see cref="AccountHistory.Proposals"/>.
    /// </remarks>
    public IReadOnlyDictionary<ProposalId, Proposal> Proposals => State.Proposals;

    private protected AccountState State { get; }

    /// <summary>
    /// The account's decision state as a snapshot to store (DOMAIN §9); load it back with <see cref="AgencyAccount.Load"/>
    /// or <see cref="FreelancerAccount.Load"/> plus the events recorded after it.
    /// </summary>
    /// <returns>The snapshot, whose size is bounded by what is live.</returns>
    public abstract AccountSnapshot ToSnapshot();

    /// <summary>
    /// The billing period that contains <paramref name="at"/> under the account's schedule, whether or not the account
    /// has been brought up to <paramref name="at"/>: its <see cref="BillingPeriod.End"/> is the next billing date. A
    /// later upgrade moves the schedule (DOMAIN §3); a scheduled downgrade does not.
    /// </summary>
    /// <param name="at">The instant.</param>
    /// <returns>The period, or <see cref="InstantBeforeSchedule"/> / <see cref="InstantAfterSchedule"/> outside the schedule.</returns>
    public OneOf<BillingPeriod, InstantBeforeSchedule, InstantAfterSchedule> PeriodAt(Instant at) => State.Schedule.PeriodContaining(at);
}
