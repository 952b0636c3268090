using System;
using System.Linq;
using AgencyConnects.Domain.Billing;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;

namespace AgencyConnects.Domain.Tests.Billing;

/// <summary>A schedule and a period index from 0 to one less than its last index (so the next period exists too).</summary>
public sealed record ScheduleAndIndex(BillingSchedule Schedule, int Index);

/// <summary>A schedule, a period index and a number of steps to walk from it with Next.</summary>
public sealed record ScheduleWalk(BillingSchedule Schedule, int From, int Steps);

/// <summary>A schedule and an instant: anywhere from ten years before its start to a century after, or near a period boundary.</summary>
public sealed record ScheduleAndInstant(BillingSchedule Schedule, Instant Instant);

/// <summary>A schedule and the bounds of a month-end run: periods ending in (After, UpTo] are to be closed.</summary>
public sealed record ScheduleAndInterval(BillingSchedule Schedule, Instant After, Instant UpTo);

/// <summary>A run of consecutive periods of a schedule under either policy: <c>Count</c> periods from index <c>From</c>.</summary>
public sealed record ScheduleWindow(BillingSchedule Schedule, int From, int Count);

/// <summary>A run of consecutive periods of a <see cref="MonthEndPolicy.FirstOfNextMonth"/> schedule: <c>Count</c> periods from index <c>From</c>.</summary>
public sealed record FirstOfNextMonthWindow(BillingSchedule Schedule, int From, int Count);

/// <summary>
/// An anchor on the 1st to the 28th and a zone, with a window of period indexes and an instant to probe: for comparing
/// the two month-end policies, which agree for such anchors.
/// </summary>
public sealed record EarlyAnchor(LocalDate Anchor, DateTimeZone Zone, int From, int Count, Instant Probe);

/// <summary>Generators built from the public factories, for <c>[Property(Arbitrary = new[] { typeof(BillingArbitraries) })]</c>.</summary>
public static class BillingArbitraries
{
    /// <summary>Periods within this many of the anchor are drawn most often; brute-force oracles enumerate up to here.</summary>
    public const int NearIndexes = 1300;

    private static readonly string[] s_allZoneIds = DateTimeZoneProviders.Tzdb.Ids.ToArray();

    // Zones where local midnight is skipped, repeated, crossed backwards or a whole date is skipped, plus the usual ones.
    private static readonly string[] s_trickyZoneIds =
    [
        "America/New_York", "America/Santiago", "America/Sao_Paulo", "America/Havana", "America/Goose_Bay",
        "Asia/Beirut", "Asia/Amman", "Africa/Cairo", "Atlantic/Azores", "Pacific/Apia", "Pacific/Kiritimati", "Pacific/Kwajalein",
        "Australia/Lord_Howe", "Europe/London", "UTC",
    ];

    /// <summary>Anchors in any month of 1900–2400, half of them on the 28th to the 31st (clamped to the month's length).</summary>
    private static Gen<LocalDate> AnchorGen { get; } =
        from year in Gen.Choose(1900, 2400)
        from month in Gen.Choose(1, 12)
        from day in Gen.Frequency((1, Gen.Choose(1, 31)), (1, Gen.Choose(28, 31)))
        select new LocalDate(year, month, Math.Min(day, CalendarSystem.Iso.GetDaysInMonth(year, month)));

    /// <summary>
    /// The zones the month-end policy properties run in: UTC, two zones with daylight saving time, and two fixed
    /// offsets (UTC+14 and UTC−12) where the month-end batch counts days itself.
    /// </summary>
    private static readonly string[] s_monthEndZoneIds = ["UTC", "America/New_York", "Europe/London", "Etc/GMT-14", "Etc/GMT+12"];

    /// <summary>
    /// Anchors on every day of the month, half of them on the 29th to the month's last day, mostly in 1900–2400 and
    /// sometimes anywhere from <see cref="BillingSchedule.MinAnchor"/> to <see cref="BillingSchedule.MaxAnchor"/>.
    /// </summary>
    private static Gen<LocalDate> AnyDayAnchorGen { get; } =
        from year in Gen.Frequency((3, Gen.Choose(1900, 2400)), (1, Gen.Choose(BillingSchedule.MinAnchor.Year, BillingSchedule.MaxAnchor.Year)))
        from month in Gen.Choose(1, 12)
        let days = CalendarSystem.Iso.GetDaysInMonth(year, month)
        from day in Gen.Frequency((1, Gen.Choose(1, days)), (1, Gen.Choose(Math.Min(29, days), days)))
        select new LocalDate(year, month, day);

    private static Gen<DateTimeZone> MonthEndZoneGen { get; } = Gen.Elements(s_monthEndZoneIds).Select(id => DateTimeZoneProviders.Tzdb[id]);

    /// <summary>Any TZDB zone, with a quarter of the draws from zones whose midnights misbehave.</summary>
    private static Gen<DateTimeZone> ZoneGen { get; } =
        Gen.Frequency((3, Gen.Elements(s_allZoneIds)), (1, Gen.Elements(s_trickyZoneIds)))
            .Select(id => DateTimeZoneProviders.Tzdb[id]);

    /// <summary>Both policies.</summary>
    private static Gen<MonthEndPolicy> PolicyGen { get; } =
        Gen.Elements(MonthEndPolicy.ClampToMonthEnd, MonthEndPolicy.FirstOfNextMonth);

    /// <summary>Schedules from <see cref="BillingSchedule.Create"/>.</summary>
    private static Gen<BillingSchedule> ScheduleGen { get; } =
        from anchor in AnchorGen
        from zone in ZoneGen
        from policy in PolicyGen
        select BillingSchedule.Create(anchor, zone, policy).AsT0;

    /// <summary>An arbitrary schedule.</summary>
    public static Arbitrary<BillingSchedule> Schedule() => Arb.From(ScheduleGen);

    /// <summary>A schedule and an index, mostly within a century of the anchor, sometimes anywhere in the supported range.</summary>
    public static Arbitrary<ScheduleAndIndex> Indexed() => Arb.From(
        from schedule in ScheduleGen
        from index in IndexGen(schedule)
        select new ScheduleAndIndex(schedule, index));

    /// <summary>A schedule, a starting index and up to 60 steps.</summary>
    public static Arbitrary<ScheduleWalk> Walk() => Arb.From(
        from schedule in ScheduleGen
        from start in Gen.Frequency((3, Gen.Choose(0, 5)), (1, IndexGen(schedule)))
        from steps in Gen.Choose(0, 60)
        select new ScheduleWalk(schedule, Math.Min(start, schedule.LastIndex - steps), steps));

    /// <summary>A schedule and an instant: uniform around the schedule, or within a day of a period boundary.</summary>
    public static Arbitrary<ScheduleAndInstant> Probe() => Arb.From(
        from schedule in ScheduleGen
        from instant in InstantGen(schedule, nearTheEnd: true)
        select new ScheduleAndInstant(schedule, instant));

    /// <summary>A schedule and two instants within about a century of its start, often exactly on period boundaries, sometimes in the wrong order.</summary>
    public static Arbitrary<ScheduleAndInterval> Interval() => Arb.From(
        from schedule in ScheduleGen
        from after in InstantGen(schedule, nearTheEnd: false)
        from upTo in Gen.Frequency(
            (2, Gen.Choose(0, 400 * 24).Select(hours => after + Duration.FromHours(hours))),
            (2, InstantGen(schedule, nearTheEnd: false)))
        select new ScheduleAndInterval(schedule, after, upTo));

    /// <summary>
    /// Three years of periods of a <see cref="MonthEndPolicy.FirstOfNextMonth"/> schedule anchored on any day of the month
    /// in one of the month-end zones: from period 0, from within a century of the anchor, or anywhere up to the last
    /// supported period.
    /// </summary>
    public static Arbitrary<FirstOfNextMonthWindow> FirstOfNextMonth() => Arb.From(
        from anchor in AnyDayAnchorGen
        from zone in MonthEndZoneGen
        let schedule = BillingSchedule.Create(anchor, zone, MonthEndPolicy.FirstOfNextMonth).AsT0
        from window in WindowGen(schedule)
        select new FirstOfNextMonthWindow(schedule, window.From, window.Count));

    /// <summary>An anchor on the 1st to the 28th of any month, in one of the month-end zones, a window and a probe.</summary>
    public static Arbitrary<EarlyAnchor> Early() => Arb.From(
        from year in Gen.Frequency((3, Gen.Choose(1900, 2400)), (1, Gen.Choose(BillingSchedule.MinAnchor.Year, BillingSchedule.MaxAnchor.Year)))
        from month in Gen.Choose(1, 12)
        from day in Gen.Choose(1, 28)
        let anchor = new LocalDate(year, month, day)
        from zone in MonthEndZoneGen
        let schedule = BillingSchedule.Create(anchor, zone).AsT0
        from window in WindowGen(schedule)
        from probe in InstantGen(schedule, nearTheEnd: true)
        select new EarlyAnchor(anchor, zone, window.From, window.Count, probe));

    /// <summary>A schedule under either policy, anchored on any day of the month in one of the month-end zones, and a window.</summary>
    public static Arbitrary<ScheduleWindow> Window() => Arb.From(
        from anchor in AnyDayAnchorGen
        from zone in MonthEndZoneGen
        from policy in PolicyGen
        let schedule = BillingSchedule.Create(anchor, zone, policy).AsT0
        from window in WindowGen(schedule)
        select window);

    private static Gen<ScheduleWindow> WindowGen(BillingSchedule schedule)
    {
        const int count = 36;
        return Gen.Frequency(
                (1, Gen.Constant(0)),
                (3, Gen.Choose(0, NearIndexes)),
                (1, Gen.Choose(0, schedule.LastIndex + 1 - count)),
                (1, Gen.Constant(schedule.LastIndex + 1 - count)))
            .Select(from => new ScheduleWindow(schedule, from, count));
    }

    private static Gen<int> IndexGen(BillingSchedule schedule)
        => Gen.Frequency((4, Gen.Choose(0, NearIndexes)), (1, Gen.Choose(0, schedule.LastIndex - 1)));

    private static Gen<Instant> InstantGen(BillingSchedule schedule, bool nearTheEnd)
        => Gen.Frequency(
            (2, UniformAround(schedule)),
            (2, NearBoundary(schedule, nearTheEnd, exact: false)),
            (1, NearBoundary(schedule, nearTheEnd, exact: true)));

    // From ten years before the start to about a century after it, to the second.
    private static Gen<Instant> UniformAround(BillingSchedule schedule)
        => from days in Gen.Choose(-10 * 366, 100 * 365)
           from seconds in Gen.Choose(0, 86_399)
           select schedule.Start + Duration.FromDays(days) + Duration.FromSeconds(seconds);

    // The start of a period, exactly or moved by up to 30 hours and a tick either way; with nearTheEnd, sometimes
    // the start of the last supported period or the end of the schedule.
    private static Gen<Instant> NearBoundary(BillingSchedule schedule, bool nearTheEnd, bool exact)
        => from boundary in nearTheEnd
               ? Gen.Frequency((8, StartOfNearPeriod(schedule)), (1, Gen.Elements(schedule.Period(schedule.LastIndex).AsT0.Start, schedule.End)))
               : StartOfNearPeriod(schedule)
           from minutes in exact ? Gen.Constant(0) : Gen.Choose(-30 * 60, 30 * 60)
           from ticks in exact ? Gen.Constant(0) : Gen.Elements(0, 1, -1)
           select boundary + Duration.FromMinutes(minutes) + Duration.FromTicks(ticks);

    private static Gen<Instant> StartOfNearPeriod(BillingSchedule schedule)
        => Gen.Choose(0, NearIndexes).Select(index => schedule.Period(index).AsT0.Start);
}
