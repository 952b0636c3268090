using System;
using System.Collections.Generic;
using AgencyConnects.Domain.Billing;
using AgencyConnects.Domain.Internal;
using AgencyConnects.Domain.Plans;
using AgencyConnects.Domain.Pool;
using AgencyConnects.Domain.Proposals;
using AgencyConnects.Domain.Values;
using NodaTime;
using OneOf;

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

    /// <summary>The current billing period as of <see cref="LastChangedAt"/>; <see cref="PeriodAt"/> gives the period at any instant.</summary>
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

    /// <summary>
    /// The billing period that contains <paramref name="at"/> under the account's schedule, whether or not the account
    /// has been brought up to <paramref name="at"/>: its <see cref="BillingPeriod.End"/> is the next billing date. A
    /// later upgrade moves the schedule (DOMAIN §3); a scheduled downgrade does not.
    /// </summary>
    /// <param name="at">The instant.</param>
    /// <returns>The period, or <see cref="InstantBeforeSchedule"/> / <see cref="InstantAfterSchedule"/> outside the schedule.</returns>
    public OneOf<BillingPeriod, InstantBeforeSchedule, InstantAfterSchedule> PeriodAt(Instant at) => State.Schedule.PeriodContaining(at);

    /// <summary>What the account was charged in one billing period: the fee that opened it and what was bought during it.</summary>
    /// <param name="period">The period, as <see cref="CurrentPeriod"/>, <see cref="PeriodAt"/> or a bill line gives it.</param>
    /// <returns>The bill of [<see cref="BillingPeriod.Start"/>, <see cref="BillingPeriod.End"/>).</returns>
    public Bill Bill(BillingPeriod period) => Bill(period.Start, period.End);

    /// <summary>What the account was charged on the local dates <paramref name="dates"/> (both ends included) in the account's time zone.</summary>
    /// <param name="dates">The dates, as in "January 2025" (<c>new DateInterval(new LocalDate(2025, 1, 1), new LocalDate(2025, 1, 31))</c>).</param>
    /// <returns>The bill from the start of the first date to the start of the day after the last, in <see cref="AccountSettings.Zone"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="dates"/> is null.</exception>
    public Bill Bill(DateInterval dates)
    {
        (Instant from, Instant to) = InZone(dates);
        return Bill(from, to);
    }

    /// <summary>What the account was charged in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    /// <param name="from">The first instant included.</param>
    /// <param name="to">The first instant excluded.</param>
    /// <returns>The bill.</returns>
    public Bill Bill(Instant from, Instant to) => Bills.Between(State, from, to);

    /// <summary>
    /// The instants of local dates in the account's zone: from the start of the first date to the start of the day after
    /// the last (each the earliest instant of its day), clamped to the instants there are near the ends of time.
    /// </summary>
    private protected (Instant From, Instant To) InZone(DateInterval dates)
    {
        Guard.NotNull(dates);
        DateTimeZone zone = State.Settings.Zone;
        return (StartOf(dates.Start.WithCalendar(CalendarSystem.Iso), zone), StartOf(dates.End.WithCalendar(CalendarSystem.Iso), zone, dayAfter: true));
    }

    private static Instant StartOf(LocalDate date, DateTimeZone zone, bool dayAfter = false)
    {
        // Within two days of the ends of the ISO calendar the zone's offset may take the instant out of range.
        if (date.Year == LocalDate.MinIsoValue.Year && date.DayOfYear <= 2)
        {
            return Instant.MinValue;
        }

        if (date >= LocalDate.MaxIsoValue.PlusDays(-2))
        {
            return Instant.MaxValue;
        }

        return (dayAfter ? date.PlusDays(1) : date).AtStartOfDayInZone(zone).ToInstant();
    }
}
