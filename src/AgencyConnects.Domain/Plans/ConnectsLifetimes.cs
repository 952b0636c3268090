using System;
using System.Collections.Concurrent;
using AgencyConnects.Domain.Billing;
using NodaTime;
using NodaTime.TimeZones;

namespace AgencyConnects.Domain.Plans;

/// <summary>
/// Whether the expiry of acquired Connects (acquisition plus <see cref="PlanTerms.ConnectsLifetime"/> in local time,
/// mapped leniently to an instant, as <see cref="PlanTerms.ExpiryOf"/> computes it) can be represented: NodaTime has
/// no date after 9999-12-31 nor instant after <see cref="Instant.MaxValue"/>, and throws instead of returning one, so
/// this is the one place that asks it and turns its exceptions into answers.
/// </summary>
internal static class ConnectsLifetimes
{
    /// <summary>
    /// The start of the day after <see cref="BillingSchedule.MaxAnchor"/>: a catalog's lifetimes must fit from here, so
    /// Connects granted when any account is opened or upgraded expire on a representable date.
    /// </summary>
    private static readonly LocalDateTime s_afterLastAnchor = BillingSchedule.MaxAnchor.PlusDays(1).AtMidnight();

    /// <summary>The zone with the most negative offset there can be: where a local expiry is the latest instant.</summary>
    private static readonly DateTimeZone s_latestZone = DateTimeZone.ForOffset(Offset.FromHours(-18));

    /// <summary>Local times from here on may be instants past <see cref="Instant.MaxValue"/>, and are later than every schedule's end anyway.</summary>
    private static readonly LocalDateTime s_lastLocalLimit = new LocalDate(9999, 12, 30).AtMidnight();

    private static readonly ZoneLocalMappingResolver s_earliestAtOrAfter
        = Resolvers.CreateMappingResolver(Resolvers.ReturnEarlier, Resolvers.ReturnStartOfIntervalAfter);

    // A pure memo (the same answer whenever it is asked), keyed by lifetime and zone: catalogs have few lifetimes,
    // hosts few zones.
    private static readonly ConcurrentDictionary<(Period Lifetime, DateTimeZone Zone), LocalDateTime> s_firstUnfitting = new();

    /// <summary>
    /// Instants before this are local times before 9001-01-01 in every zone (offsets are within ±18 hours), so before
    /// every limit of <see cref="Limit"/>: schedules end in 9999, upgrades anchor on
    /// <see cref="BillingSchedule.MaxAnchor"/> at the latest, and every catalog's lifetimes fit from 9001-01-01
    /// (<see cref="IsValid"/>).
    /// </summary>
    public static Instant NoLimitBefore { get; } = Instant.FromUtc(9000, 12, 31, 0, 0);

    /// <summary>
    /// The first instant an account billed in <paramref name="zone"/> under <paramref name="catalog"/> cannot
    /// represent: the earliest of its schedule's end, for an <paramref name="upgrade"/> the start of the day after
    /// <see cref="BillingSchedule.MaxAnchor"/>, and for each lifetime of Connects in the catalog the first instant from
    /// which Connects acquired would expire after 9999-12-31. Used by every operation and by the batch close alike.
    /// </summary>
    public static Instant Limit(PlanCatalog catalog, DateTimeZone zone, Instant scheduleEnd, bool upgrade)
    {
        Instant limit = scheduleEnd;
        if (upgrade)
        {
            limit = Earlier(limit, StartOf(s_afterLastAnchor, zone));
        }

        foreach (PlanTerms terms in catalog.Plans)
        {
            // A lifetime that fits until the last days of 9999 limits nothing before the schedule's end (in January 9999).
            if (terms.ConnectsLifetime is { } lifetime && FirstUnfitting(lifetime, zone) is var first && first < s_lastLocalLimit)
            {
                limit = Earlier(limit, StartOf(first, zone));
            }
        }

        return limit;
    }

    /// <summary>
    /// Whether a catalog may give Connects <paramref name="lifetime"/>: no negative unit once normalized, not zero, and
    /// short enough that Connects acquired on <see cref="BillingSchedule.MaxAnchor"/> expire by the last instant there
    /// is in every time zone.
    /// </summary>
    public static bool IsValid(Period lifetime)
    {
        Period p;
        try
        {
            p = lifetime.Normalize();
        }
        catch (OverflowException)
        {
            return false; // time units too large to add up: far longer than any representable lifetime
        }

        bool anyNegative = p.Years < 0 || p.Months < 0 || p.Days < 0 || p.Hours < 0 || p.Minutes < 0 || p.Seconds < 0
            || p.Milliseconds < 0 || p.Ticks < 0 || p.Nanoseconds < 0;
        return !anyNegative && !p.Equals(Period.Zero) && Fits(s_afterLastAnchor, lifetime, s_latestZone);
    }

    /// <summary>Whether Connects acquired at local time <paramref name="acquired"/> in <paramref name="zone"/> expire on a representable instant.</summary>
    public static bool Fits(LocalDateTime acquired, Period lifetime, DateTimeZone zone)
    {
        try
        {
            _ = acquired.Plus(lifetime).InZoneLeniently(zone).ToInstant();
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    /// <summary>
    /// The earliest local time in <paramref name="zone"/> from which Connects acquired would expire after the last
    /// instant there is, for a lifetime <see cref="IsValid"/> accepts. Adding a period with no negative unit never moves
    /// an earlier date past a later one, and within one day never an earlier time past a later one; across days it
    /// can, by the time of day, when the month-end clamp maps two dates to one (12-30T23:00 and 12-31T01:00 plus
    /// P11M31D give 9999-12-31T23:00 and T01:00). The clamp moves a date back by at most three days (31 to 28), so a
    /// binary search over days from <see cref="s_afterLastAnchor"/> (which fits) to the last local time there is (which
    /// does not), then over the nanoseconds of the day in which fitting stops, finds the answer up to three days late;
    /// the three days before are then checked one by one, earliest first. Remembered per lifetime and zone.
    /// </summary>
    public static LocalDateTime FirstUnfitting(Period lifetime, DateTimeZone zone) => s_firstUnfitting.GetOrAdd((lifetime, zone), Earliest);

    /// <summary>Where <see cref="Search"/> stops fitting, or the first time that does not fit in one of the three days before it.</summary>
    private static LocalDateTime Earliest((Period Lifetime, DateTimeZone Zone) key)
    {
        (Period lifetime, DateTimeZone zone) = key;
        LocalDateTime found = Search(key);
        int foundDay = found.Date.ToDateOnly().DayNumber;
        int firstDay = s_afterLastAnchor.Date.ToDateOnly().DayNumber;
        for (int day = Math.Max(firstDay, foundDay - 3); day < foundDay; day++)
        {
            // Within a day later times give later expiries: the day holds a time that does not fit when its last one does not.
            if (!Fits(Midnight(day).PlusNanoseconds(NodaConstants.NanosecondsPerDay - 1), lifetime, zone))
            {
                return Fits(Midnight(day), lifetime, zone) ? FirstUnfittingInDay(lifetime, zone, day, NodaConstants.NanosecondsPerDay - 1) : Midnight(day);
            }
        }

        return found;
    }

    private static LocalDateTime Search((Period Lifetime, DateTimeZone Zone) key)
    {
        (Period lifetime, DateTimeZone zone) = key;
        LocalDateTime last = LocalDate.MaxIsoValue.At(LocalTime.MaxValue);
        if (Fits(last, lifetime, zone))
        {
            return last; // not for a valid lifetime; the latest answer there is
        }

        int goodDay = s_afterLastAnchor.Date.ToDateOnly().DayNumber;
        int badDay = last.Date.ToDateOnly().DayNumber;
        if (Fits(Midnight(badDay), lifetime, zone))
        {
            return FirstUnfittingInDay(lifetime, zone, badDay, last.NanosecondOfDay);
        }

        while (badDay - goodDay > 1)
        {
            int middle = goodDay + ((badDay - goodDay) / 2);
            if (Fits(Midnight(middle), lifetime, zone))
            {
                goodDay = middle;
            }
            else
            {
                badDay = middle;
            }
        }

        // Midnight of goodDay fits and midnight of the next day does not: the answer is in goodDay or is that midnight.
        LocalDateTime lastOfDay = Midnight(goodDay).PlusNanoseconds(NodaConstants.NanosecondsPerDay - 1);
        return Fits(lastOfDay, lifetime, zone) ? Midnight(badDay) : FirstUnfittingInDay(lifetime, zone, goodDay, NodaConstants.NanosecondsPerDay - 1);
    }

    /// <summary>The earliest nanosecond of <paramref name="day"/> that does not fit, knowing midnight fits and <paramref name="bad"/> does not.</summary>
    private static LocalDateTime FirstUnfittingInDay(Period lifetime, DateTimeZone zone, int day, long bad)
    {
        LocalDateTime midnight = Midnight(day);
        long good = 0;
        while (bad - good > 1)
        {
            long middle = good + ((bad - good) / 2);
            if (Fits(midnight.PlusNanoseconds(middle), lifetime, zone))
            {
                good = middle;
            }
            else
            {
                bad = middle;
            }
        }

        return midnight.PlusNanoseconds(bad);
    }

    /// <summary>
    /// The earliest instant at which the local date and time in <paramref name="zone"/> is at or after
    /// <paramref name="local"/>: the earlier of two when it occurs twice, the end of the gap when it is skipped.
    /// </summary>
    private static Instant StartOf(LocalDateTime local, DateTimeZone zone)
        => zone.ResolveLocal(local, s_earliestAtOrAfter).ToInstant();

    private static Instant Earlier(Instant a, Instant b) => a <= b ? a : b;

    private static LocalDateTime Midnight(int dayNumber) => LocalDate.FromDateOnly(DateOnly.FromDayNumber(dayNumber)).AtMidnight();
}
