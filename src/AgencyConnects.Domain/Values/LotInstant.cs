using System.Runtime.CompilerServices;
using NodaTime;

namespace AgencyConnects.Domain.Values;

/// <summary>
/// An instant in the form a <see cref="Pool.Lot"/> keeps it: whole days since the Unix epoch and the nanosecond of that
/// day, as <see cref="Duration.Days"/> and <see cref="Duration.NanosecondOfDay"/> give them for the time since the
/// epoch (truncated toward zero, so both are negative before 1970; ordered by days, then nanoseconds, they are in the
/// instants' order). The month-end loop compares period ends with lots and builds lots in this form, without the
/// range checks and normalisation of NodaTime's arithmetic per account.
/// </summary>
internal readonly struct LotInstant
{
    public const long NanosecondsPerDay = 86_400_000_000_000;

    public LotInstant(int days, long nanosecondOfDay)
    {
        Days = days;
        NanosecondOfDay = nanosecondOfDay;
    }

    /// <summary>Whole days since the Unix epoch, truncated toward zero.</summary>
    public readonly int Days;

    /// <summary>Nanoseconds past those days: from −<see cref="NanosecondsPerDay"/> to <see cref="NanosecondsPerDay"/>, exclusive, with the sign of the time since the epoch.</summary>
    public readonly long NanosecondOfDay;

    /// <summary>The instant in this form.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LotInstant From(Instant instant)
    {
        Duration since = instant - NodaConstants.UnixEpoch;
        return new(since.Days, since.NanosecondOfDay);
    }

    /// <summary>
    /// Local midnight of a day, counted from the Unix epoch, in a zone whose offset from UTC is always
    /// <paramref name="offsetSeconds"/> (within ±18 hours): that many seconds before midnight UTC of the day.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LotInstant MidnightAt(int unixDays, int offsetSeconds)
    {
        // Unchecked: |unixDays| < 4.4 million and |offsetSeconds| ≤ 64,800, so nothing here overflows.
        unchecked
        {
            long nanoseconds = -offsetSeconds * 1_000_000_000L;
            if (unixDays > 0 && nanoseconds < 0)
            {
                return new(unixDays - 1, nanoseconds + NanosecondsPerDay);
            }

            if (unixDays < 0 && nanoseconds > 0)
            {
                return new(unixDays + 1, nanoseconds - NanosecondsPerDay);
            }

            return new(unixDays, nanoseconds);
        }
    }

    /// <summary>The instant this stands for.</summary>
    public Instant ToInstant() => NodaConstants.UnixEpoch + Duration.FromDays(Days) + Duration.FromNanoseconds(NanosecondOfDay);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool operator <=(LotInstant left, LotInstant right)
        => left.Days != right.Days ? left.Days < right.Days : left.NanosecondOfDay <= right.NanosecondOfDay;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool operator >(LotInstant left, LotInstant right) => !(left <= right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool operator <(LotInstant left, LotInstant right) => right > left;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool operator >=(LotInstant left, LotInstant right) => right <= left;
}
