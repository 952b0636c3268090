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
public readonly record struct Lot
{
    // Instant.MaxValue stands for "never": a 40-byte lot, and spend order compares two instants.
    private readonly Instant _expiresAt;

    /// <summary>Creates a lot.</summary>
    /// <param name="source">Where the Connects came from.</param>
    /// <param name="quantity">How many Connects remain in the lot; never zero in a pool.</param>
    /// <param name="acquiredAt">When the Connects were acquired.</param>
    /// <param name="expiresAt">When they expire (the lot is gone at this instant), or <c>null</c> if never.</param>
    public Lot(LotSource source, Connects quantity, Instant acquiredAt, Instant? expiresAt)
    {
        Source = source;
        Quantity = quantity;
        AcquiredAt = acquiredAt;
        _expiresAt = expiresAt ?? Instant.MaxValue;
    }

    /// <summary>Where the Connects came from.</summary>
    public LotSource Source { get; init; }

    /// <summary>How many Connects remain in the lot; never zero in a pool.</summary>
    public Connects Quantity { get; init; }

    /// <summary>When the Connects were acquired.</summary>
    public Instant AcquiredAt { get; init; }

    /// <summary>When the Connects expire (the lot is gone at this instant), or <c>null</c> if never.</summary>
    public Instant? ExpiresAt
    {
        get => _expiresAt == Instant.MaxValue ? null : _expiresAt;
        init => _expiresAt = value ?? Instant.MaxValue;
    }

    /// <summary>Whether the lot has expired at <paramref name="instant"/> (its expiry is at or before it).</summary>
    /// <param name="instant">The instant.</param>
    /// <returns><c>true</c> when <see cref="ExpiresAt"/> is at or before <paramref name="instant"/>.</returns>
    public bool IsExpiredAt(Instant instant) => _expiresAt != Instant.MaxValue && _expiresAt <= instant;

    /// <summary>The same lot with another source and quantity (what survives a month end).</summary>
    internal Lot Remaining(LotSource source, int quantity) => new(source, Connects.Of(quantity), AcquiredAt, _expiresAt);

    private Lot(LotSource source, Connects quantity, Instant acquiredAt, Instant expiresAt)
    {
        Source = source;
        Quantity = quantity;
        AcquiredAt = acquiredAt;
        _expiresAt = expiresAt;
    }

    /// <summary>Whether this lot is spent before <paramref name="other"/>: the one expiring sooner first (never-expiring last), then the older.</summary>
    internal bool SpendsBefore(in Lot other)
        => _expiresAt != other._expiresAt ? _expiresAt < other._expiresAt : AcquiredAt < other.AcquiredAt;
}
