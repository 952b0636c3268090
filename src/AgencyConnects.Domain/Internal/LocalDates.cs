using NodaTime;

namespace AgencyConnects.Domain.Internal;

/// <summary>Local date ranges as instants in a time zone, for reports "by local dates".</summary>
internal static class LocalDates
{
    /// <summary>
    /// From the start of the first date to the start of the day after the last (each the earliest instant of its day),
    /// clamped to the instants there are near the ends of time.
    /// </summary>
    public static (Instant From, Instant To) InZone(DateInterval dates, DateTimeZone zone)
    {
        Guard.NotNull(dates);
        return (StartOf(dates.Start.WithCalendar(CalendarSystem.Iso), zone, dayAfter: false), StartOf(dates.End.WithCalendar(CalendarSystem.Iso), zone, dayAfter: true));
    }

    private static Instant StartOf(LocalDate date, DateTimeZone zone, bool dayAfter)
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
