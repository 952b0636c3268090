using System.Globalization;
using NodaTime;

namespace AgencyConnects.Domain.Billing;

/// <summary>
/// One anniversary billing period of a <see cref="BillingSchedule"/>: the instants from <see cref="Start"/>
/// (inclusive) to <see cref="End"/> (exclusive), which are the starts of the dates <see cref="StartDate"/> and
/// <see cref="EndDate"/> in the schedule's time zone (DOMAIN §3).
/// </summary>
/// <remarks>
/// <para>Only <see cref="BillingSchedule"/> creates periods. Consecutive periods of a schedule are contiguous: the
/// <see cref="End"/> and <see cref="EndDate"/> of period <c>k</c> are the <see cref="Start"/> and
/// <see cref="StartDate"/> of period <c>k + 1</c>.</para>
/// <para><c>default</c> is no period of any schedule: index 0, both dates 0001-01-01 and both instants the Unix epoch,
/// so it is empty and <see cref="Contains"/> is <c>false</c> for every instant.</para>
/// </remarks>
public readonly record struct BillingPeriod
{
    internal BillingPeriod(int index, LocalDate startDate, LocalDate endDate, Instant start, Instant end)
    {
        Index = index;
        StartDate = startDate;
        EndDate = endDate;
        Start = start;
        End = end;
    }

    /// <summary>The position of the period in its schedule: 0 for the period that starts on the anchor date.</summary>
    public int Index { get; }

    /// <summary>The local date the period starts on (inclusive), as the schedule's <see cref="MonthEndPolicy"/> decides it.</summary>
    public LocalDate StartDate { get; }

    /// <summary>The local date the next period starts on; exclusive: the period ends when this date begins.</summary>
    public LocalDate EndDate { get; }

    /// <summary>The first instant of the period (inclusive): the start of <see cref="StartDate"/> in the schedule's zone.</summary>
    public Instant Start { get; }

    /// <summary>The first instant after the period (exclusive): the start of <see cref="EndDate"/> in the schedule's zone.</summary>
    public Instant End { get; }

    /// <summary>The elapsed time from <see cref="Start"/> to <see cref="End"/>; a daylight-saving change inside the period makes it an hour shorter or longer than whole days.</summary>
    public Duration Duration => End - Start;

    /// <summary>Whether <paramref name="instant"/> falls in the period.</summary>
    /// <param name="instant">The instant to test.</param>
    /// <returns><c>true</c> when <see cref="Start"/> ≤ <paramref name="instant"/> &lt; <see cref="End"/>.</returns>
    public bool Contains(Instant instant) => Start <= instant && instant < End;

    /// <summary>The period, as in <c>#2 [2024-03-31, 2024-04-30) = [2024-03-31T04:00:00Z, 2024-04-30T04:00:00Z)</c>.</summary>
    public override string ToString()
        => string.Create(
            CultureInfo.InvariantCulture,
            $"#{Index} [{StartDate:uuuu'-'MM'-'dd}, {EndDate:uuuu'-'MM'-'dd}) = [{Start:g}, {End:g})");
}
