using AgencyConnects.Domain.Values;
using NodaTime;

namespace AgencyConnects.Domain.Pool;

/// <summary>Where the Connects of a lot came from.</summary>
public enum LotSource
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
/// <param name="Source">Where the Connects came from.</param>
/// <param name="Quantity">How many Connects remain in the lot; never zero in a pool.</param>
/// <param name="AcquiredAt">When the Connects were acquired.</param>
/// <param name="ExpiresAt">When they expire (the lot is gone at this instant), or <c>null</c> if never.</param>
/// <remarks><c>default</c> is an empty allotment lot acquired at the Unix epoch that never expires; pools hold no such lot.</remarks>
public readonly record struct Lot(LotSource Source, Connects Quantity, Instant AcquiredAt, Instant? ExpiresAt)
{
    /// <summary>Whether the lot has expired at <paramref name="instant"/> (its expiry is at or before it).</summary>
    /// <param name="instant">The instant.</param>
    /// <returns><c>true</c> when <see cref="ExpiresAt"/> is at or before <paramref name="instant"/>.</returns>
    public bool IsExpiredAt(Instant instant) => ExpiresAt is { } expiry && expiry <= instant;

    /// <summary>Whether this lot is spent before <paramref name="other"/>: the one expiring sooner first (never-expiring last), then the older.</summary>
    internal bool SpendsBefore(in Lot other)
    {
        if (ExpiresAt != other.ExpiresAt)
        {
            return other.ExpiresAt is not { } otherExpiry || (ExpiresAt is { } expiry && expiry < otherExpiry);
        }

        return AcquiredAt < other.AcquiredAt;
    }
}
