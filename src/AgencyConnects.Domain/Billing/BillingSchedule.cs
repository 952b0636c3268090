using System;
using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using AgencyConnects.Domain.Values;
using NodaTime;
using NodaTime.TimeZones;
using OneOf;

namespace AgencyConnects.Domain.Billing;

/// <summary>
/// The monthly, anniversary-based billing periods of one account (DOMAIN §3): period 0 starts on the anchor date (the
/// day the plan began), period <c>k</c> in the <c>k</c>-th month after it, on the anchor's day of the month; for an
/// anchor on the 29th, 30th or 31st, where the <see cref="MonthEndPolicy"/> says. A period runs from the start of its
/// start date to the start of the next period's start date, in the account's time zone.
/// </summary>
/// <remarks>
/// <para>Immutable and safe to share between threads. Nothing reads the clock: the current instant is always an
/// argument.</para>
/// <para><b>Nominal month.</b> Period <c>k</c> belongs to the month <c>k</c> months after the anchor's month. Its start
/// date is computed directly from the anchor and <c>k</c>, never by walking from earlier periods: under
/// <see cref="MonthEndPolicy.ClampToMonthEnd"/> it is in the nominal month and the anchor day never drifts; under
/// <see cref="MonthEndPolicy.FirstOfNextMonth"/> with an anchor on the 29th to the 31st, every period after the first
/// starts on the 1st of the month after its nominal month. See those members for the exact rules.</para>
/// <para><b>Start of a date.</b> A date starts at the instant <see cref="DateTimeZone.AtStartOfDay(LocalDate)"/>
/// gives in <see cref="Zone"/>: local midnight when it exists once; the earlier of the two instants when midnight
/// occurs twice (clocks going back at or across midnight, as in America/Havana on 2023-11-05 or America/Goose_Bay on
/// 2010-11-07); the first instant after the gap when midnight is skipped (America/Santiago on 2024-09-08 starts at
/// 01:00 local, 2024-09-08T04:00:00Z). Put generally, the start of a date is the earliest instant at which the local
/// date and time is at or after midnight of that date. That general rule also covers the rare date skipped entirely,
/// for which <c>AtStartOfDay</c> throws: Pacific/Apia skipped 2011-12-30, so that date starts at the instant the clocks
/// jumped over it, 2011-12-30T10:00:00Z, which is also the start of 2011-12-31.</para>
/// <para><b>Supported range.</b> Anchors run from <see cref="MinAnchor"/> to <see cref="MaxAnchor"/>; periods run from
/// index 0 to <see cref="LastIndex"/>, the period whose nominal month is December 9998 (it starts in December 9998, or
/// on 9999-01-01 under <see cref="MonthEndPolicy.FirstOfNextMonth"/> with an anchor on the 29th to the 31st), so every
/// period and its end (at the latest 9999-02-01) are representable as NodaTime dates and instants.</para>
/// <para><b>Cost.</b> <see cref="Period"/>, <see cref="PeriodContaining"/> and <see cref="Next"/> are O(1): the index
/// of an instant is estimated from the month difference between its local date and the anchor, then corrected by at
/// most one step. They allocate nothing of their own beyond an error record when they return one (NodaTime's
/// time-zone caches may allocate on a cache miss).</para>
/// <para>A <see cref="BillingSchedule"/> is a class and has no <c>default</c> value; create it with <see cref="Create"/>.</para>
/// </remarks>
public sealed class BillingSchedule
{
    private const int LastNominalYear = 9998;

    // The last day of the month eligible for monthly billing under FirstOfNextMonth (DOMAIN §3).
    private const int LastMonthlyBillingDay = 28;

    // Offsets are within ±18 hours, so local midnight can only fall into the zone interval before the one found for
    // "midnight read as UTC" when that interval began less than 18 hours before it.
    private static readonly Duration s_maxOffset = Duration.FromHours(18);

    private readonly int _anchorMonth;

    // Every period k after the first starts in month number _renewalMonthBase + k, on day _renewalDay or, in a shorter
    // month, on its last day. Under ClampToMonthEnd, and under FirstOfNextMonth with an anchor day up to 28: in the
    // nominal month (_renewalMonthBase is the anchor's month), on the anchor's day (never clamped under
    // FirstOfNextMonth: every month has a 28th). Under FirstOfNextMonth with an anchor day from 29 to 31: on the 1st of
    // the month after the nominal month.
    private readonly int _renewalMonthBase;
    private readonly int _renewalDay;
    private readonly Offset? _fixedOffset;

    private BillingSchedule(LocalDate anchor, DateTimeZone zone, MonthEndPolicy policy)
    {
        Anchor = anchor;
        Zone = zone;
        Policy = policy;
        _anchorMonth = MonthNumber(anchor);
        bool renewsOnTheFirst = policy == MonthEndPolicy.FirstOfNextMonth && anchor.Day > LastMonthlyBillingDay;
        _renewalMonthBase = renewsOnTheFirst ? _anchorMonth + 1 : _anchorMonth;
        _renewalDay = renewsOnTheFirst ? 1 : anchor.Day;
        _fixedOffset = zone.MinOffset == zone.MaxOffset ? zone.MinOffset : null;
        LastIndex = (LastNominalYear * 12) + 11 - _anchorMonth;
        Start = StartOfDay(anchor);
        End = StartOfDay(StartDateOf(LastIndex + 1));
    }

    /// <summary>The earliest anchor a schedule accepts: 0001-01-01.</summary>
    public static LocalDate MinAnchor { get; } = new(1, 1, 1);

    /// <summary>The latest anchor a schedule accepts: 9000-12-31, which leaves about a thousand years of periods.</summary>
    public static LocalDate MaxAnchor { get; } = new(9000, 12, 31);

    /// <summary>The date period 0 starts on: the day the plan began (or, after an upgrade, the upgrade date).</summary>
    public LocalDate Anchor { get; }

    /// <summary>The account's time zone, in which period dates start.</summary>
    public DateTimeZone Zone { get; }

    /// <summary>How the periods of an anchor on the 29th, 30th or 31st renew: clamped to the month's end, or on the 1st.</summary>
    public MonthEndPolicy Policy { get; }

    /// <summary>The index of the last supported period: the one whose nominal month is December 9998.</summary>
    public int LastIndex { get; }

    /// <summary>The start of period 0 (inclusive): the start of <see cref="Anchor"/> in <see cref="Zone"/>.</summary>
    public Instant Start { get; }

    /// <summary>The end of period <see cref="LastIndex"/> (exclusive): instants from here on are in no supported period.</summary>
    public Instant End { get; }

    /// <summary>Creates the billing schedule of an account.</summary>
    /// <param name="anchor">The date period 0 starts on, in the ISO calendar.</param>
    /// <param name="zone">The account's time zone; <c>null</c> means UTC.</param>
    /// <param name="policy">How the periods of an anchor on the 29th, 30th or 31st renew; by default <see cref="MonthEndPolicy.ClampToMonthEnd"/>.</param>
    /// <returns>
    /// The schedule, or: <see cref="AnchorOutOfRange"/> when <paramref name="anchor"/> is before <see cref="MinAnchor"/>
    /// or after <see cref="MaxAnchor"/>; <see cref="AnchorNotInIsoCalendar"/> when it is in another calendar;
    /// <see cref="UndefinedMonthEndPolicy"/> when <paramref name="policy"/> is not a named <see cref="MonthEndPolicy"/>.
    /// </returns>
    public static OneOf<BillingSchedule, AnchorOutOfRange, AnchorNotInIsoCalendar, UndefinedMonthEndPolicy> Create(
        LocalDate anchor, DateTimeZone? zone = null, MonthEndPolicy policy = MonthEndPolicy.ClampToMonthEnd)
    {
        if (policy is not (MonthEndPolicy.ClampToMonthEnd or MonthEndPolicy.FirstOfNextMonth))
        {
            return new UndefinedMonthEndPolicy(policy);
        }

        if (anchor.Calendar != CalendarSystem.Iso)
        {
            return new AnchorNotInIsoCalendar(anchor);
        }

        if (anchor < MinAnchor || anchor > MaxAnchor)
        {
            return new AnchorOutOfRange(anchor);
        }

        return new BillingSchedule(anchor, zone ?? DateTimeZone.Utc, policy);
    }

    /// <summary>The period at a position in the schedule, computed directly from the anchor.</summary>
    /// <param name="index">The position: 0 for the period that starts on <see cref="Anchor"/>.</param>
    /// <returns>The period, or <see cref="PeriodOutOfRange"/> when <paramref name="index"/> is negative or greater than <see cref="LastIndex"/>.</returns>
    public OneOf<BillingPeriod, PeriodOutOfRange> Period(int index)
        => index < 0 || index > LastIndex ? new PeriodOutOfRange(index, LastIndex) : PeriodAt(index);

    /// <summary>The period that holds an instant: the one with <c>Start</c> ≤ <paramref name="instant"/> &lt; <c>End</c>.</summary>
    /// <param name="instant">The instant.</param>
    /// <returns>
    /// The one period that contains <paramref name="instant"/>, or: <see cref="InstantBeforeSchedule"/> when it is
    /// before <see cref="Start"/>; <see cref="InstantAfterSchedule"/> when it is at or after <see cref="End"/>.
    /// </returns>
    public OneOf<BillingPeriod, InstantBeforeSchedule, InstantAfterSchedule> PeriodContaining(Instant instant)
    {
        if (instant < Start)
        {
            return new InstantBeforeSchedule(instant, Start);
        }

        return instant >= End ? new InstantAfterSchedule(instant, End) : Locate(instant);
    }

    /// <summary>The period that follows a period of this schedule: <c>Period(period.Index + 1)</c>.</summary>
    /// <param name="period">A period this schedule returned.</param>
    /// <returns>
    /// The next period, whose <c>Start</c> is <paramref name="period"/>'s <c>End</c>, or:
    /// <see cref="PeriodNotInSchedule"/> when <paramref name="period"/> is not equal to this schedule's period at its
    /// index (another schedule's period, or <c>default</c>); <see cref="PeriodOutOfRange"/> when
    /// <paramref name="period"/> is the last supported one.
    /// </returns>
    public OneOf<BillingPeriod, PeriodOutOfRange, PeriodNotInSchedule> Next(BillingPeriod period)
    {
        if (unchecked((uint)period.Index > (uint)LastIndex) || period != PeriodAt(period.Index))
        {
            return new PeriodNotInSchedule(period);
        }

        return period.Index == LastIndex ? new PeriodOutOfRange(period.Index + 1, LastIndex) : PeriodAfter(period);
    }

    /// <summary>
    /// The periods that ended in an interval, in order: those whose <c>End</c> is after <paramref name="after"/>
    /// (exclusive) and at or before <paramref name="upTo"/> (inclusive). These are the periods a month-end job must
    /// close when it last ran at <paramref name="after"/> and runs now at <paramref name="upTo"/>; consecutive runs
    /// with <c>after</c> set to the previous <c>upTo</c> close every period exactly once.
    /// </summary>
    /// <param name="after">The exclusive lower bound for a period's end.</param>
    /// <param name="upTo">The inclusive upper bound for a period's end.</param>
    /// <returns>
    /// The periods with <paramref name="after"/> &lt; <c>End</c> ≤ <paramref name="upTo"/>, ascending by index;
    /// empty when <paramref name="upTo"/> ≤ <paramref name="after"/> or no period ends in between. Only supported
    /// periods (index 0 to <see cref="LastIndex"/>) are returned, so an unbounded interval yields at most
    /// <see cref="LastIndex"/> + 1 periods.
    /// </returns>
    public ImmutableArray<BillingPeriod> PeriodsEndedBetween(Instant after, Instant upTo)
    {
        if (upTo <= after || after >= End || upTo < Start)
        {
            return ImmutableArray<BillingPeriod>.Empty;
        }

        BillingPeriod first = after < Start ? PeriodAt(0) : Locate(after);
        int lastIndex = upTo >= End ? LastIndex : Locate(upTo).Index - 1;
        int count = lastIndex - first.Index + 1;
        if (count <= 0)
        {
            return ImmutableArray<BillingPeriod>.Empty;
        }

        var periods = new BillingPeriod[count];
        periods[0] = first;
        for (int i = 1; i < count; i++)
        {
            periods[i] = PeriodAfter(periods[i - 1]);
        }

        return ImmutableCollectionsMarshal.AsImmutableArray(periods);
    }

    /// <summary>The schedule, as in <c>anchor 2024-01-31 in America/New_York, ClampToMonthEnd</c>.</summary>
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"anchor {Anchor:uuuu'-'MM'-'dd} in {Zone.Id}, {Policy}");

    private static int MonthNumber(LocalDate date) => (date.Year * 12) + date.Month - 1;

    /// <summary>The period at an index from 0 to <see cref="LastIndex"/>.</summary>
    private BillingPeriod PeriodAt(int index)
    {
        LocalDate startDate = StartDateOf(index);
        LocalDate endDate = StartDateOf(index + 1);
        return new BillingPeriod(index, startDate, endDate, StartOfDay(startDate), StartOfDay(endDate));
    }

    /// <summary>
    /// The end of period <paramref name="index"/> (0 to <see cref="LastIndex"/>), unchecked, in the form lots keep
    /// instants: for the month-end hot path. In a zone with one fixed offset it counts days directly, without building a
    /// <see cref="LocalDate"/> or an <see cref="Instant"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal LotInstant EndOf(int index)
    {
        if (_fixedOffset is { } offset)
        {
            // The start day of period index + 1 (never period 0), as StartDateOf finds it: the renewal day of its month,
            // or the last day of a shorter month. index + 1 is at most LastIndex + 1, whose month is at the latest
            // February 9999, so nothing here can overflow.
            unchecked
            {
                int first = GregorianMonths.FirstDay(_renewalMonthBase + index + 1, out int length);
                return LotInstant.MidnightAt(first + Math.Min(_renewalDay - 1, length - 1), offset.Seconds);
            }
        }

        return LotInstant.From(StartOfDay(StartDateOf(index + 1)));
    }

    /// <summary>The period after <paramref name="period"/>, which must be this schedule's and not the last.</summary>
    private BillingPeriod PeriodAfter(BillingPeriod period)
    {
        int index = period.Index + 1;
        LocalDate endDate = StartDateOf(index + 1);
        return new BillingPeriod(index, period.EndDate, endDate, period.End, StartOfDay(endDate));
    }

    /// <summary>The period holding an instant from <see cref="Start"/> (inclusive) to <see cref="End"/> (exclusive).</summary>
    private BillingPeriod Locate(Instant instant)
    {
        LocalDate local = instant.InZone(Zone).Date;
        int index = MonthNumber(local) - _anchorMonth;
        if (index < 0)
        {
            // The local date is before the anchor although the instant is not before its start: the clocks went back
            // across midnight just after the schedule started.
            index = 0;
        }
        else if (index > 0 && StartDateOf(index) > local)
        {
            // The local date is in the nominal month of period "index", but before that period's start date (always so
            // under FirstOfNextMonth from an anchor on the 29th to the 31st, where that period starts in the next month).
            index--;
        }

        // Every instant whose local date is on or after a period's start date is at or after its start, so the
        // estimate is never too late; it is one too early when the clocks went back across the midnight that ends it.
        BillingPeriod period = PeriodAt(index);
        while (instant >= period.End)
        {
            period = PeriodAfter(period);
        }

        return period;
    }

    /// <summary>The start date of period <paramref name="index"/> (0 to <see cref="LastIndex"/> + 1) under <see cref="Policy"/>.</summary>
    private LocalDate StartDateOf(int index)
    {
        if (index == 0)
        {
            return Anchor;
        }

        int monthNumber = _renewalMonthBase + index;
        int year = monthNumber / 12;
        int month = (monthNumber % 12) + 1;
        return new LocalDate(year, month, Math.Min(_renewalDay, GregorianMonths.DaysInMonth(year, month)));
    }

    /// <summary>
    /// The earliest instant at which the local date and time in <see cref="Zone"/> is at or after midnight of
    /// <paramref name="date"/>: <see cref="DateTimeZone.AtStartOfDay(LocalDate)"/> without allocating, and defined for
    /// dates skipped entirely (where that method throws). It resolves local midnight the way
    /// <see cref="DateTimeZone.MapLocal(LocalDateTime)"/> does, looking at most one zone interval to each side.
    /// </summary>
    private Instant StartOfDay(LocalDate date)
    {
        if (_fixedOffset is { } offset)
        {
            // A zone that never changes its offset (UTC among them): local midnight exists exactly once.
            return LotInstant.MidnightAt(GregorianMonths.FirstDay(MonthNumber(date), out _) + date.Day - 1, offset.Seconds).ToInstant();
        }

        LocalDateTime midnight = date.AtMidnight();
        Instant midnightAsUtc = midnight.InUtc().ToInstant();
        ZoneInterval interval = Zone.GetZoneInterval(midnightAsUtc);
        Instant inInterval = midnight.WithOffset(interval.WallOffset).ToInstant();
        if (interval.HasStart && midnightAsUtc - interval.Start < s_maxOffset)
        {
            // Midnight may also (or only) exist in the interval before: when it exists twice, the earlier one wins.
            ZoneInterval earlier = Zone.GetZoneInterval(interval.Start - Duration.Epsilon);
            Instant inEarlier = midnight.WithOffset(earlier.WallOffset).ToInstant();
            if (inEarlier < interval.Start && (!earlier.HasStart || inEarlier >= earlier.Start))
            {
                return inEarlier;
            }

            if (inInterval < interval.Start)
            {
                // Midnight is in the gap before this interval: the day starts when the gap ends.
                return interval.Start;
            }
        }

        if (!interval.HasEnd || inInterval < interval.End)
        {
            return inInterval;
        }

        // Midnight is after this interval: in the next one, or in the gap before it.
        ZoneInterval later = Zone.GetZoneInterval(interval.End);
        Instant inLater = midnight.WithOffset(later.WallOffset).ToInstant();
        return inLater >= later.Start ? inLater : later.Start;
    }
}

/// <summary>A billing schedule was anchored on a date outside <see cref="BillingSchedule.MinAnchor"/> to <see cref="BillingSchedule.MaxAnchor"/>.</summary>
/// <param name="Anchor">The anchor given.</param>
public sealed record AnchorOutOfRange(LocalDate Anchor) : DomainError
{
    /// <inheritdoc/>
    public override string Message => $"{Anchor} is outside the anchors billing supports.";
}

/// <summary>A billing schedule was anchored on a date in a calendar other than ISO; anniversaries are counted in ISO months.</summary>
/// <param name="Anchor">The anchor given, in its own calendar.</param>
public sealed record AnchorNotInIsoCalendar(LocalDate Anchor) : DomainError
{
    /// <inheritdoc/>
    public override string Message => $"{Anchor} is not in the ISO calendar.";
}

/// <summary>A billing schedule was given a <see cref="MonthEndPolicy"/> value that is not one of the named policies.</summary>
/// <param name="Policy">The value given.</param>
public sealed record UndefinedMonthEndPolicy(MonthEndPolicy Policy) : DomainError
{
    /// <inheritdoc/>
    public override string Message => $"{Policy} is not a defined month-end policy.";
}

/// <summary>A period was asked for by an index outside 0 to <see cref="BillingSchedule.LastIndex"/>.</summary>
/// <param name="Index">The index asked for.</param>
/// <param name="LastIndex">The schedule's last supported index.</param>
public sealed record PeriodOutOfRange(int Index, int LastIndex) : DomainError
{
    /// <inheritdoc/>
    public override string Message => $"Period {Index} is outside the schedule (0 to {LastIndex}).";
}

/// <summary>The period containing an instant was asked for, but the instant is before the schedule's first period.</summary>
/// <param name="Instant">The instant given.</param>
/// <param name="ScheduleStart">The start of the schedule's first period (<see cref="BillingSchedule.Start"/>).</param>
public sealed record InstantBeforeSchedule(Instant Instant, Instant ScheduleStart) : DomainError
{
    /// <inheritdoc/>
    public override string Message => $"{Instant} is before the schedule starts ({ScheduleStart}).";
}

/// <summary>The period containing an instant was asked for, but the instant is at or after the end of the schedule's last supported period.</summary>
/// <param name="Instant">The instant given.</param>
/// <param name="ScheduleEnd">The exclusive end of the schedule's last supported period (<see cref="BillingSchedule.End"/>).</param>
public sealed record InstantAfterSchedule(Instant Instant, Instant ScheduleEnd) : DomainError
{
    /// <inheritdoc/>
    public override string Message => $"{Instant} is at or after the schedule's end ({ScheduleEnd}).";
}

/// <summary>A period was given to a schedule that did not produce it (another schedule's period, or <c>default</c>).</summary>
/// <param name="Period">The period given.</param>
public sealed record PeriodNotInSchedule(BillingPeriod Period) : DomainError
{
    /// <inheritdoc/>
    public override string Message => $"The period {Period} is not one of the schedule's.";
}
