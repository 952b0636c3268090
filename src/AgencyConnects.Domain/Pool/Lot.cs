using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using AgencyConnects.Domain.Values;
using NodaTime;

namespace AgencyConnects.Domain.Pool;

/// <summary>Where the Connects of a lot came from.</summary>
public enum LotSource : byte
{
    /// <summary>The monthly allotment of a plan.</summary>
    Allotment,

    /// <summary>A purchase.</summary>
    Purchase,

    /// <summary>A refund of a proposal's cost or boost.</summary>
    Refund,

    /// <summary>Allotment Connects carried over from an earlier period.</summary>
    CarriedOver,
}

/// <summary>
/// A quantity of Connects acquired together: the pool is made of lots (DOMAIN §5). Spending takes the lot that
/// expires soonest first, then the oldest.
/// </summary>
/// <remarks>
/// <c>default</c> is an empty allotment lot acquired at the Unix epoch that never expires; pools hold no such lot.
/// An expiry of <see cref="Instant.MaxValue"/> means never, the same as <c>null</c>.
/// </remarks>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
public readonly record struct Lot
{
    // 28 bytes, for the month-end job that reads and writes millions of lots: each instant is kept as its distance
    // from the Unix epoch in whole days and nanoseconds of a day, as Duration.Days and NanosecondOfDay give them
    // (truncated toward zero, so both are negative before 1970; their order is still the instants' order), and the source
    // shares an int with the days of acquisition. Instant.MaxValue stands for "never", so spend order compares two
    // instants. default is the Unix epoch, never expiring: the expiry's days are stored as an offset from those of
    // Instant.MaxValue, and its nanoseconds as an offset from its nanosecond of the day.
    private static readonly int s_neverDays = (Instant.MaxValue - NodaConstants.UnixEpoch).Days;
    private static readonly long s_neverNanos = (Instant.MaxValue - NodaConstants.UnixEpoch).NanosecondOfDay;

    private readonly long _acquiredNanos;
    private readonly long _expiresNanosFromNever;
    private readonly int _acquiredDaysAndSource;
    private readonly int _expiresDaysFromNever;
    private readonly int _quantity;

    /// <summary>Creates a lot.</summary>
    /// <param name="source">Where the Connects came from.</param>
    /// <param name="quantity">How many Connects remain in the lot; never zero in a pool.</param>
    /// <param name="acquiredAt">When the Connects were acquired.</param>
    /// <param name="expiresAt">When they expire (the lot is gone at this instant), or <c>null</c> if never.</param>
    public Lot(LotSource source, Connects quantity, Instant acquiredAt, Instant? expiresAt)
        : this(source, quantity, LotInstant.From(acquiredAt), expiresAt)
    {
    }

    /// <summary>Creates a lot acquired at an instant already in the form the lot keeps.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal Lot(LotSource source, Connects quantity, LotInstant acquiredAt, Instant? expiresAt)
    {
        _quantity = quantity.Value;
        _acquiredNanos = acquiredAt.NanosecondOfDay;
        _acquiredDaysAndSource = PackDays(acquiredAt.Days, source);
        (_expiresDaysFromNever, _expiresNanosFromNever) = FromNever(expiresAt);
    }

    private Lot(in Lot lot, LotSource source, int quantity)
    {
        _quantity = quantity;
        _acquiredNanos = lot._acquiredNanos;
        _acquiredDaysAndSource = PackDays(lot._acquiredDaysAndSource >> 2, source);
        _expiresDaysFromNever = lot._expiresDaysFromNever;
        _expiresNanosFromNever = lot._expiresNanosFromNever;
    }

    /// <summary>Where the Connects came from.</summary>
    public LotSource Source
    {
        get => (LotSource)(_acquiredDaysAndSource & 3);
        init => _acquiredDaysAndSource = PackDays(_acquiredDaysAndSource >> 2, value);
    }

    /// <summary>How many Connects remain in the lot; never zero in a pool.</summary>
    public Connects Quantity
    {
        get => Connects.Of(_quantity);
        init => _quantity = value.Value;
    }

    /// <summary>The quantity as an int, without <see cref="Connects.Of"/>'s check (a lot's quantity is never negative): for the month-end loops.</summary>
    internal int QuantityValue
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _quantity;
    }

    /// <summary>When the Connects were acquired.</summary>
    public Instant AcquiredAt
    {
        get => InstantOf(_acquiredDaysAndSource >> 2, _acquiredNanos);
        init
        {
            LotInstant acquired = LotInstant.From(value);
            _acquiredNanos = acquired.NanosecondOfDay;
            _acquiredDaysAndSource = PackDays(acquired.Days, Source);
        }
    }

    /// <summary>When the Connects expire (the lot is gone at this instant), or <c>null</c> if never.</summary>
    public Instant? ExpiresAt
    {
        get => NeverExpires ? null : InstantOf(_expiresDaysFromNever + s_neverDays, _expiresNanosFromNever + s_neverNanos);
        init => (_expiresDaysFromNever, _expiresNanosFromNever) = FromNever(value);
    }

    private bool NeverExpires => _expiresDaysFromNever == 0 && _expiresNanosFromNever == 0;

    /// <summary>Whether the lot has expired at <paramref name="instant"/> (its expiry is at or before it).</summary>
    /// <param name="instant">The instant.</param>
    /// <returns><c>true</c> when <see cref="ExpiresAt"/> is at or before <paramref name="instant"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsExpiredAt(Instant instant) => !NeverExpires && IsExpiredAt(LotInstant.From(instant));

    /// <summary>Whether the lot has expired at an instant in the form the lot keeps.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool IsExpiredAt(LotInstant instant)
    {
        if (NeverExpires)
        {
            return false;
        }

        int days = _expiresDaysFromNever + s_neverDays;
        return days != instant.Days ? days < instant.Days : _expiresNanosFromNever + s_neverNanos <= instant.NanosecondOfDay;
    }

    /// <summary>Whether the lot expires strictly before an instant in the form the lot keeps (so it is gone before a period ending then closes).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool ExpiresBefore(LotInstant instant)
    {
        if (NeverExpires)
        {
            return false;
        }

        int days = _expiresDaysFromNever + s_neverDays;
        return days != instant.Days ? days < instant.Days : _expiresNanosFromNever + s_neverNanos < instant.NanosecondOfDay;
    }

    /// <summary>Whether the two lots expire at the same instant (or both never).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool ExpiresWith(in Lot other)
        => _expiresDaysFromNever == other._expiresDaysFromNever && _expiresNanosFromNever == other._expiresNanosFromNever;

    /// <summary>The same lot with another source and quantity (what survives a month end).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal Lot Remaining(LotSource source, int quantity) => new(this, source, quantity);

    /// <summary>Whether this lot is spent before <paramref name="other"/>: the one expiring sooner first (never-expiring last), then the older.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool SpendsBefore(in Lot other)
    {
        if (_expiresDaysFromNever != other._expiresDaysFromNever)
        {
            return _expiresDaysFromNever < other._expiresDaysFromNever;
        }

        if (_expiresNanosFromNever != other._expiresNanosFromNever)
        {
            return _expiresNanosFromNever < other._expiresNanosFromNever;
        }

        int days = _acquiredDaysAndSource >> 2;
        int otherDays = other._acquiredDaysAndSource >> 2;
        return days != otherDays ? days < otherDays : _acquiredNanos < other._acquiredNanos;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int PackDays(int days, LotSource source) => unchecked((days << 2) | ((int)source & 3));

    /// <summary>An expiry as offsets from <see cref="Instant.MaxValue"/>: zero for never.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (int Days, long Nanos) FromNever(Instant? expiresAt)
    {
        if (expiresAt is not { } expiry || expiry == Instant.MaxValue)
        {
            return (0, 0);
        }

        LotInstant since = LotInstant.From(expiry);
        return (since.Days - s_neverDays, since.NanosecondOfDay - s_neverNanos);
    }

    private static Instant InstantOf(int days, long nanosecondOfDay)
        => NodaConstants.UnixEpoch + Duration.FromDays(days) + Duration.FromNanoseconds(nanosecondOfDay);
}
