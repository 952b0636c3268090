using System.Collections.Generic;
using System.Collections.Immutable;
using AgencyConnects.Domain.Billing;
using AgencyConnects.Domain.Internal;
using AgencyConnects.Domain.MonthEnd;
using AgencyConnects.Domain.Plans;
using AgencyConnects.Domain.Pool;
using AgencyConnects.Domain.Proposals;
using AgencyConnects.Domain.Values;
using NodaTime;

namespace AgencyConnects.Domain.Accounts;

/// <summary>A request recorded under its key, as the event that first recorded it, so that a repeat returns the first outcome.</summary>
internal abstract record RecordedRequest(AccountEvent Event);

/// <summary>A purchase recorded under its key.</summary>
internal sealed record RecordedPurchase(ConnectsBought Bought) : RecordedRequest(Bought)
{
    public PersonId Actor => Bought.Actor;

    public Connects Quantity => Bought.Quantity;

    public BillLine Line => Bought.Line;

    public Lot Lot => new(LotSource.Purchase, Bought.Quantity, Bought.At, Bought.ExpiresAt);
}

/// <summary>A submission recorded under its key.</summary>
internal sealed record RecordedSubmission(ProposalSubmitted Submitted) : RecordedRequest(Submitted)
{
    public Proposal Proposal => Submitted.Proposal;
}

/// <summary>
/// What agency and freelancer accounts share, and only what their next operation needs (DOMAIN §9): plan, billing
/// schedule and period, pending change, the pool's lots, the open proposals, and the request keys and closed
/// proposals still inside the retention window. History (ledger, bills, closed proposals) is a projection of the
/// events (<see cref="AccountHistory"/>). Immutable; <see cref="Apply"/> is the one place it changes, so live,
/// replayed and snapshot-loaded state cannot diverge.
/// </summary>
internal sealed partial record AccountState
{
    public required AccountSettings Settings { get; init; }

    public required Plan Plan { get; init; }

    public required BillingSchedule Schedule { get; init; }

    public required BillingPeriod Period { get; init; }

    public PlanChangeScheduled? PendingChange { get; init; }

    public ConnectsPool Pool { get; init; } = ConnectsPool.Empty;

    /// <summary>The open proposals, in submission order.</summary>
    public OrderedMap<ProposalId, Proposal> Proposals { get; init; } = OrderedMap<ProposalId, Proposal>.Empty;

    /// <summary>Proposals closed inside the retention window, with the outcome that closed them.</summary>
    public RetainedMap<ProposalId, ProposalOutcome> ClosedProposals { get; init; } = RetainedMap<ProposalId, ProposalOutcome>.Empty;

    public ImmutableDictionary<PersonId, int> OpenProposalsByAssignee { get; init; } = ImmutableDictionary<PersonId, int>.Empty;

    /// <summary>The requests first seen inside the retention window, by key.</summary>
    public RetainedMap<RequestKey, RecordedRequest> Requests { get; init; } = RetainedMap<RequestKey, RecordedRequest>.Empty;

    public long Version { get; init; }

    public Instant LastChangedAt { get; init; }

    public PlanTerms Terms => Settings.Catalog[Plan];

    public int OpenProposalCount => OpenProposalsByAssignee.Count == 0 ? 0 : SumOpen();

    /// <summary>The state of a new account on Basic, its first period starting on the local date of <paramref name="at"/>.</summary>
    public static AccountState Open(Instant at, AccountKind kind, AccountSettings settings)
    {
        BillingSchedule schedule = ScheduleFrom(at, settings);
        return new AccountState
        {
            Settings = settings,
            Plan = new Plan(kind, PlanTier.Basic),
            Schedule = schedule,
            Period = schedule.Period(0).AsT0,
            Version = 1,
            LastChangedAt = at,
        };
    }

    /// <summary>
    /// Whether a schedule can be anchored on the local date of <paramref name="at"/>. Within two days of the ends of
    /// the instant range the local date may not be representable (NodaTime throws); such instants are millennia
    /// outside the supported anchors, and are refused with their UTC date.
    /// </summary>
    public static AnchorOutOfRange? CheckAnchor(Instant at, AccountSettings settings)
    {
        if (at - Instant.MinValue < Duration.FromDays(2) || Instant.MaxValue - at < Duration.FromDays(2))
        {
            return new AnchorOutOfRange(at.InUtc().Date);
        }

        var schedule = BillingSchedule.Create(at.InZone(settings.Zone).Date, settings.Zone, settings.Policy);
        return schedule.IsT1 ? schedule.AsT1 : null;
    }

    public int OpenProposalsOf(PersonId person) => OpenProposalsByAssignee.TryGetValue(person, out int count) ? count : 0;

    public Instant? ExpiryFor(Instant acquired) => Terms.ExpiryOf(acquired, Settings.Zone);

    /// <summary>Records an event: adds it to <paramref name="events"/> and applies it.</summary>
    public AccountState Record(AccountEvent accountEvent, List<AccountEvent> events)
    {
        events.Add(accountEvent);
        return Apply(accountEvent);
    }

    /// <summary>
    /// Brings the account to <paramref name="at"/>: records, in time order, the expiry of lots between period ends and
    /// the close of every period that ended at or before <paramref name="at"/>, exactly as if each had been done on time.
    /// </summary>
    public AccountState AdvanceTo(Instant at, List<AccountEvent> events)
    {
        AccountState state = this;
        while (true)
        {
            Instant periodEnd = state.Period.End;
            if (state.Pool.NextExpiry is { } expiry && expiry <= at && expiry < periodEnd)
            {
                state = state.Record(new ConnectsExpired(expiry, state.Pool.ExpiredAt(expiry)), events);
            }
            else if (periodEnd <= at)
            {
                state = state.ClosePeriod(events);
            }
            else
            {
                return state;
            }
        }
    }

    /// <summary>Whether spending <paramref name="total"/> is allowed by the plan (zero always is).</summary>
    public PlanDoesNotAllow? CheckSpend(Connects total)
        => total.IsZero || Terms.Allows(PlanActions.SpendConnects) ? null : new PlanDoesNotAllow(Plan, PlanActions.SpendConnects);

    /// <summary>
    /// Applies one event. Events that only the aggregate understands (membership) just advance the version. Request
    /// keys and closed proposals whose retention ends at or before the event's instant are dropped first.
    /// </summary>
    public AccountState Apply(AccountEvent accountEvent)
    {
        RetainedMap<RequestKey, RecordedRequest> requests = Requests.Prune(accountEvent.At);
        RetainedMap<ProposalId, ProposalOutcome> closed = ClosedProposals.Prune(accountEvent.At);
        AccountState pruned = ReferenceEquals(requests, Requests) && ReferenceEquals(closed, ClosedProposals)
            ? this
            : this with { Requests = requests, ClosedProposals = closed };
        return pruned.ApplyPruned(accountEvent);
    }

    private AccountState ApplyPruned(AccountEvent accountEvent)
    {
        AccountState state = accountEvent switch
        {
            PeriodClosed closed => ApplyPeriodClosed(closed),
            ConnectsGranted { Quantity.IsZero: true } => this,
            ConnectsGranted granted => this with { Pool = Pool.Add(new Lot(LotSource.Allotment, granted.Quantity, granted.At, granted.ExpiresAt)) },
            ConnectsBought bought => ApplyBought(bought),
            ConnectsExpired expired => this with { Pool = Pool.Expire(expired.At) },
            PlanChanged changed => ApplyPlanChanged(changed),
            PlanChangeScheduled scheduled => this with { PendingChange = scheduled },
            ProposalSubmitted submitted => ApplyProposalSubmitted(submitted),
            ProposalOutcomeRecorded outcome => ApplyOutcome(outcome),
            AgencyClosed => this with { Pool = Pool.ForfeitAll() },
            _ => this,
        };
        return state with { Version = Version + 1, LastChangedAt = accountEvent.At };
    }

    private static BillingSchedule ScheduleFrom(Instant at, AccountSettings settings)
        => BillingSchedule.Create(at.InZone(settings.Zone).Date, settings.Zone, settings.Policy).AsT0;

    private AccountState ClosePeriod(List<AccountEvent> events)
    {
        BillingPeriod ended = Period;
        Lot[] lots = [.. Pool.Lots];
        PeriodClose close = MonthEndRule.Close(Settings.Catalog, Plan, PendingChange is not null, LotInstant.From(ended.End), Settings.Zone, lots, lots, out _);
        AccountState state = Record(new PeriodClosed(ended.End, ended, close.Rollover), events);
        if (state.PendingChange is { } pending)
        {
            state = state.Record(new PlanChanged(ended.End, state.Plan, close.NextPlan, pending.Reason), events);
        }

        return state.StartPeriod(ended.End, close.Next, events);
    }

    /// <summary>Grants the allotment and charges the fee of the period that starts at <paramref name="at"/>.</summary>
    public AccountState StartPeriod(Instant at, List<AccountEvent> events) => StartPeriod(at, PeriodStart.Of(in Settings.Catalog.MonthEnd(Plan), Settings.Zone, LotInstant.From(at), Pool.Balance), events);

    private AccountState StartPeriod(Instant at, PeriodStart start, List<AccountEvent> events)
    {
        AccountState state = this;
        if (!start.Granted.IsZero || !start.Withheld.IsZero)
        {
            state = state.Record(new ConnectsGranted(at, start.Granted, start.GrantExpiresAt, start.Withheld), events);
        }

        Money fee = Settings.Catalog.MonthEnd(Plan).Fee;
        if (!fee.IsZero)
        {
            state = state.Record(new FeeCharged(at, new BillLine(BillLineKind.PeriodFee, at, Plan, fee, state.Period)), events);
        }

        return state;
    }

    private AccountState ApplyPeriodClosed(PeriodClosed closed)
    {
        PlanTerms terms = Terms;
        ConnectsPool pool = Pool.Close(closed.At, terms.RolloverCap, terms.RolloverScope, out _);
        return this with { Pool = pool, Period = Schedule.Next(Period).AsT0 };
    }

    private AccountState ApplyBought(ConnectsBought bought)
    {
        var lot = new Lot(LotSource.Purchase, bought.Quantity, bought.At, bought.ExpiresAt);
        return this with
        {
            Pool = Pool.Add(lot),
            Requests = Requests.Add(bought.Request, new RecordedPurchase(bought), RetainedUntil(bought.At)),
        };
    }

    private AccountState ApplyPlanChanged(PlanChanged changed)
    {
        if (changed.Reason != PlanChangeReason.Upgrade)
        {
            return this with { Plan = changed.To, PendingChange = null };
        }

        BillingSchedule schedule = ScheduleFrom(changed.At, Settings);
        return this with { Plan = changed.To, PendingChange = null, Schedule = schedule, Period = schedule.Period(0).AsT0 };
    }

    private AccountState ApplyProposalSubmitted(ProposalSubmitted submitted)
    {
        Proposal proposal = submitted.Proposal;
        ConnectsPool pool = Pool;
        pool = pool.Take(proposal.Cost).Take(proposal.Boost);
        return this with
        {
            Pool = pool,
            Proposals = Proposals.Add(proposal.Id, proposal),
            OpenProposalsByAssignee = OpenProposalsByAssignee.SetItem(proposal.Assignee, OpenProposalsOf(proposal.Assignee) + 1),
            Requests = Requests.Add(submitted.Request, new RecordedSubmission(submitted), RetainedUntil(submitted.At)),
        };
    }

    private AccountState ApplyOutcome(ProposalOutcomeRecorded recorded)
    {
        Proposal proposal = Proposals[recorded.Proposal];
        Proposal updated = proposal.After(recorded.Outcome, recorded.Refund);
        bool closes = updated.Status == ProposalStatus.Closed;
        ConnectsPool pool = Pool;
        if (!recorded.Refund.IsZero)
        {
            pool = pool.Add(new Lot(LotSource.Refund, recorded.Refund, recorded.At, recorded.RefundExpiresAt));
        }

        if (!closes)
        {
            return this with { Pool = pool, Proposals = Proposals.SetItem(proposal.Id, updated) };
        }

        int left = OpenProposalsOf(proposal.Assignee) - 1;
        return this with
        {
            Pool = pool,
            Proposals = Proposals.Remove(proposal.Id),
            ClosedProposals = ClosedProposals.Add(proposal.Id, recorded.Outcome, RetainedUntil(recorded.At)),
            OpenProposalsByAssignee = left == 0 ? OpenProposalsByAssignee.Remove(proposal.Assignee) : OpenProposalsByAssignee.SetItem(proposal.Assignee, left),
        };
    }

    /// <summary>The first instant a request key or a closed proposal first seen at <paramref name="at"/> is no longer kept.</summary>
    private Instant RetainedUntil(Instant at) => RetainedUntil(at, Settings.RequestRetention);

    /// <summary><paramref name="at"/> plus the retention, or the last instant there is when that would pass it (an account near the end of time).</summary>
    public static Instant RetainedUntil(Instant at, Duration retention) => Instant.MaxValue - at <= retention ? Instant.MaxValue : at + retention;

    private int SumOpen()
    {
        int total = 0;
        foreach (KeyValuePair<PersonId, int> pair in OpenProposalsByAssignee)
        {
            total += pair.Value;
        }

        return total;
    }
}
