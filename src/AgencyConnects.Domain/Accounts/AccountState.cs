using System.Collections.Generic;
using AgencyConnects.Domain.Billing;
using AgencyConnects.Domain.Internal;
using AgencyConnects.Domain.MonthEnd;
using AgencyConnects.Domain.Plans;
using AgencyConnects.Domain.Pool;
using AgencyConnects.Domain.Proposals;
using AgencyConnects.Domain.Values;
using NodaTime;

namespace AgencyConnects.Domain.Accounts;

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

    public PersistentMap<PersonId, int> OpenProposalsByAssignee { get; init; } = PersistentMap<PersonId, int>.Empty;

    /// <summary>
    /// The requests first seen inside the retention window, by key, each as the event that recorded it
    /// (<see cref="ConnectsBought"/> or <see cref="ProposalSubmitted"/>), so that a repeat returns the first outcome.
    /// </summary>
    public RetainedMap<RequestKey, AccountEvent> Requests { get; init; } = RetainedMap<RequestKey, AccountEvent>.Empty;

    public long Version { get; init; }

    public Instant LastChangedAt { get; init; }

    public PlanTerms Terms => Settings.Catalog[Plan];

    /// <summary>The lot a purchase added to the pool.</summary>
    public static Lot LotOf(ConnectsBought bought) => new(LotSource.Purchase, bought.Quantity, bought.At, bought.ExpiresAt);

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
    /// Applies one event (<see cref="Builder.Apply"/>, the one place state changes). A run of events is applied through
    /// one <see cref="Builder"/> instead (replay, load): the same code, without a new state per event.
    /// </summary>
    public AccountState Apply(AccountEvent accountEvent)
    {
        var builder = new Builder(this, edit: null);
        builder.Apply(accountEvent);
        return builder.ToState();
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
