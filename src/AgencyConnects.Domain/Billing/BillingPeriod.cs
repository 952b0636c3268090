using System.Globalization;
using NodaTime;
using OneOf;

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

    /// <summary>
    /// Rebuilds a period from its parts, as a host's storage or the JSON companion package holds them; a schedule
    /// gives periods with <see cref="BillingSchedule.Period"/>, and this factory only restores one it gave.
    /// </summary>
    /// <remarks>
    /// Checks what a period alone can show: a non-negative index, ISO dates, and a start before its end in dates and
    /// in instants. Whether the period belongs to a given schedule (its instants the starts of its dates in the
    /// schedule's zone) takes the schedule: <see cref="BillingSchedule.Next"/> refuses a period it did not give.
    /// </remarks>
    /// <param name="index">The position of the period in its schedule; 0 or more.</param>
    /// <param name="startDate">The local date the period starts on.</param>
    /// <param name="endDate">The local date the next period starts on; after <paramref name="startDate"/>.</param>
    /// <param name="start">The first instant of the period.</param>
    /// <param name="end">The first instant after the period; after <paramref name="start"/>.</param>
    /// <returns>The period, or <see cref="InvalidBillingPeriod"/> when the parts are not those of a period.</returns>
    public static OneOf<BillingPeriod, InvalidBillingPeriod> Create(int index, LocalDate startDate, LocalDate endDate, Instant start, Instant end)
        => index >= 0 && startDate.Calendar == CalendarSystem.Iso && endDate.Calendar == CalendarSystem.Iso && startDate < endDate && start < end
            ? new BillingPeriod(index, startDate, endDate, start, end)
            : new InvalidBillingPeriod(index, startDate, endDate, start, end);

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

/// <summary>
/// The parts given to <see cref="BillingPeriod.Create"/> are not those of a period: a negative index, a date outside
/// the ISO calendar, or a start not before its end (in dates or in instants).
/// </summary>
/// <param name="Index">The index given.</param>
/// <param name="StartDate">The start date given.</param>
/// <param name="EndDate">The end date given.</param>
/// <param name="Start">The start instant given.</param>
/// <param name="End">The end instant given.</param>
public sealed record InvalidBillingPeriod(int Index, LocalDate StartDate, LocalDate EndDate, Instant Start, Instant End) : DomainError
{
    /// <inheritdoc/>
    public override string Message
        => string.Create(
            CultureInfo.InvariantCulture,
            $"#{Index} [{StartDate:uuuu'-'MM'-'dd}, {EndDate:uuuu'-'MM'-'dd}) = [{Start:g}, {End:g}) is not a billing period: the index is negative, a date is not ISO, or it does not start before it ends.");
}
