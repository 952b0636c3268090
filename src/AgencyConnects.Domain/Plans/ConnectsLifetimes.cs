using System;
using System.Collections.Concurrent;
using AgencyConnects.Domain.Billing;
using NodaTime;

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

    private static readonly ConcurrentDictionary<(Period Lifetime, DateTimeZone Zone), LocalDateTime> s_firstUnfitting = new();

    /// <summary>The start of the day after <see cref="BillingSchedule.MaxAnchor"/>, the first local time no schedule can be anchored on.</summary>
    public static LocalDateTime AfterLastAnchor => s_afterLastAnchor;

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
    /// instant there is, for a lifetime <see cref="IsValid"/> accepts. Adding a period with no negative unit never
    /// moves an earlier time past a later one (nor does the lenient mapping to instants), so the times that do not fit
    /// are all those from the answer on: a binary search over days from <see cref="s_afterLastAnchor"/> (which fits)
    /// to the last local time there is (which does not), then over the nanoseconds of the day in which fitting stops.
    /// Remembered per lifetime and zone: catalogs have few lifetimes, hosts few zones.
    /// </summary>
    public static LocalDateTime FirstUnfitting(Period lifetime, DateTimeZone zone) => s_firstUnfitting.GetOrAdd((lifetime, zone), Search);

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

    private static LocalDateTime Midnight(int dayNumber) => LocalDate.FromDateOnly(DateOnly.FromDayNumber(dayNumber)).AtMidnight();
}
