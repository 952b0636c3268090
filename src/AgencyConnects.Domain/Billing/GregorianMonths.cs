using System.Runtime.CompilerServices;

namespace AgencyConnects.Domain.Billing;

/// <summary>
/// The first day and the length of every month of the proleptic Gregorian (ISO) calendar, from a table of one
/// 400-year cycle: the calendar repeats every 4,800 months, which are 146,097 days. For the month-end hot path, where
/// counting a date from its year, month and day took several divisions per period.
/// </summary>
internal static class GregorianMonths
{
    private const int MonthsPerCycle = 4_800;
    private const int DaysPerCycle = 146_097;

    // From 0000-01-01 (year 0 is a leap year, as 400 is) to 1970-01-01.
    private const int DaysFromYearZeroToUnixEpoch = 719_528;

    // Days from the start of a cycle to the first of each of its months, and one more entry: the cycle's length.
    private static readonly int[] s_firstDays = Build();

    /// <summary>
    /// The first day of month <paramref name="monthNumber"/> (<c>year * 12 + month - 1</c>, for years 0 to 9999) in
    /// days from the Unix epoch, and the month's length in days.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int FirstDay(int monthNumber, out int length)
    {
        // Unchecked: month numbers up to 120,000 give day counts within ±4 million. Unsigned: a cheaper division.
        unchecked
        {
            uint cycle = (uint)monthNumber / MonthsPerCycle;
            uint inCycle = (uint)monthNumber - (cycle * MonthsPerCycle);
            int[] firstDays = s_firstDays;
            int first = firstDays[inCycle];
            length = firstDays[inCycle + 1] - first;
            return ((int)cycle * DaysPerCycle) + first - DaysFromYearZeroToUnixEpoch;
        }
    }

    /// <summary>The days in a month of the ISO calendar (no argument checks: callers pass valid months).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int DaysInMonth(int year, int month)
        => month == 2
            ? ((year & 3) == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28)
            : 30 + ((month + (month >> 3)) & 1);

    private static int[] Build()
    {
        var firstDays = new int[MonthsPerCycle + 1];
        for (int m = 0; m < MonthsPerCycle; m++)
        {
            firstDays[m + 1] = firstDays[m] + DaysInMonth(m / 12, (m % 12) + 1);
        }

        return firstDays;
    }
}
