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

/// <summary>A request recorded under its key, so that a repeat returns the first outcome.</summary>
internal abstract record RecordedRequest;

/// <summary>A purchase recorded under its key.</summary>
internal sealed record RecordedPurchase(PersonId Actor, Connects Quantity, BillLine Line, Lot Lot) : RecordedRequest;

/// <summary>A submission recorded under its key.</summary>
internal sealed record RecordedSubmission(Proposal Proposal) : RecordedRequest;

/// <summary>
/// What agency and freelancer accounts share: plan and billing schedule, pool, bills, proposals and request keys.
/// Immutable; <see cref="Apply"/> is the one place it changes, so live and replayed state cannot diverge.
/// </summary>
internal sealed partial record AccountState
{
    public required AccountSettings Settings { get; init; }

    public required Plan Plan { get; init; }

    public required BillingSchedule Schedule { get; init; }

    public required BillingPeriod Period { get; init; }

    public PlanChangeScheduled? PendingChange { get; init; }

    public ConnectsPool Pool { get; init; } = ConnectsPool.Empty;

    public AppendOnlyList<BillLine> BillLines { get; init; } = AppendOnlyList<BillLine>.Empty;

    public PersistentMap<ProposalId, Proposal> Proposals { get; init; } = PersistentMap<ProposalId, Proposal>.Empty;

    /// <summary>The proposals' identifiers in submission order.</summary>
    public AppendOnlyList<ProposalId> ProposalOrder { get; init; } = AppendOnlyList<ProposalId>.Empty;

    public ImmutableDictionary<PersonId, int> OpenProposalsByAssignee { get; init; } = ImmutableDictionary<PersonId, int>.Empty;

    public PersistentMap<RequestKey, RecordedRequest> Requests { get; init; } = PersistentMap<RequestKey, RecordedRequest>.Empty;

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

    /// <summary>Applies one event. Events that only the aggregate understands (membership) just advance the version.</summary>
    public AccountState Apply(AccountEvent accountEvent)
    {
        AccountState state = accountEvent switch
        {
            PeriodClosed closed => ApplyPeriodClosed(closed),
            ConnectsGranted { Quantity.IsZero: true } => this,
            ConnectsGranted granted => this with
            {
                Pool = Pool.Add(
                    new Lot(LotSource.Allotment, granted.Quantity, granted.At, granted.ExpiresAt),
                    new LedgerEntry(LedgerEntryKind.Granted, granted.Quantity, granted.At)),
            },
            FeeCharged fee => this with { BillLines = BillLines.Add(fee.Line) },
            ConnectsBought bought => ApplyBought(bought),
            ConnectsExpired expired => this with { Pool = Pool.Expire(expired.At) },
            PlanChanged changed => ApplyPlanChanged(changed),
            PlanChangeScheduled scheduled => this with { PendingChange = scheduled },
            ProposalSubmitted submitted => ApplyProposalSubmitted(submitted),
            ProposalOutcomeRecorded outcome => ApplyOutcome(outcome),
            AgencyClosed closed => this with { Pool = Pool.ForfeitAll(closed.At, closed.Owner) },
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
            Pool = Pool.Add(lot, new LedgerEntry(LedgerEntryKind.Bought, bought.Quantity, bought.At, bought.Actor)),
            BillLines = BillLines.Add(bought.Line),
            Requests = Requests.Add(bought.Request, new RecordedPurchase(bought.Actor, bought.Quantity, bought.Line, lot)),
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
        if (!proposal.Cost.IsZero)
        {
            pool = pool.Take(new LedgerEntry(
                LedgerEntryKind.Spent, proposal.Cost, submitted.At, proposal.Submitter, proposal.Id, proposal.Assignee, false, proposal.Submitter));
        }

        if (!proposal.Boost.IsZero)
        {
            pool = pool.Take(new LedgerEntry(
                LedgerEntryKind.Spent, proposal.Boost, submitted.At, proposal.Submitter, proposal.Id, proposal.Assignee, true, proposal.Submitter));
        }

        return this with
        {
            Pool = pool,
            Proposals = Proposals.Add(proposal.Id, proposal),
            ProposalOrder = ProposalOrder.Add(proposal.Id),
            OpenProposalsByAssignee = OpenProposalsByAssignee.SetItem(proposal.Assignee, OpenProposalsOf(proposal.Assignee) + 1),
            Requests = Requests.Add(submitted.Request, new RecordedSubmission(proposal)),
        };
    }

    private AccountState ApplyOutcome(ProposalOutcomeRecorded recorded)
    {
        Proposal proposal = Proposals[recorded.Proposal];
        bool closes = recorded.Outcome != ProposalOutcome.Outbid;
        bool boostBack = recorded.Outcome is ProposalOutcome.Outbid or ProposalOutcome.JobCancelled or ProposalOutcome.JobRemoved;
        Proposal updated = proposal with
        {
            Status = closes ? ProposalStatus.Closed : ProposalStatus.Open,
            Outcome = closes ? recorded.Outcome : proposal.Outcome,
            Refunded = proposal.Refunded.Add(recorded.Refund),
            BoostRefunded = proposal.BoostRefunded || (boostBack && !proposal.Boost.IsZero),
        };
        ConnectsPool pool = Pool;
        if (!recorded.Refund.IsZero)
        {
            bool boostOnly = recorded.Outcome == ProposalOutcome.Outbid;
            pool = pool.Add(
                new Lot(LotSource.Refund, recorded.Refund, recorded.At, recorded.RefundExpiresAt),
                new LedgerEntry(LedgerEntryKind.Refunded, recorded.Refund, recorded.At, recorded.Actor, proposal.Id, proposal.Assignee, boostOnly, proposal.Submitter));
        }

        ImmutableDictionary<PersonId, int> open = OpenProposalsByAssignee;
        if (closes)
        {
            int left = OpenProposalsOf(proposal.Assignee) - 1;
            open = left == 0 ? open.Remove(proposal.Assignee) : open.SetItem(proposal.Assignee, left);
        }

        return this with { Pool = pool, Proposals = Proposals.SetItem(proposal.Id, updated), OpenProposalsByAssignee = open };
    }

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
