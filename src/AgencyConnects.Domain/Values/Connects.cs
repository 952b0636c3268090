using System;
using System.Globalization;
using OneOf;

namespace AgencyConnects.Domain.Values;

/// <summary>
/// A non-negative whole number of Connects, the credits a marketplace charges for sending a proposal.
/// </summary>
/// <remarks>
/// <para><c>default</c> is zero Connects. Arithmetic never wraps: <see cref="Plus"/> returns
/// <see cref="ConnectsOverflow"/> and <see cref="Minus"/> returns <see cref="NotEnoughConnects"/> instead.</para>
/// <para>The largest quantity is <see cref="int.MaxValue"/>, the most one pool holds.</para>
/// <para>One rule for number types throughout the library: a quantity of one pool, lot, event or period (a balance, a
/// ledger entry's quantity, a rollover outcome, a grant) is <see cref="Connects"/>, since a pool can hold it; a sum
/// over many (several periods of a batch close, the proposals of a date range in a usage report) and a signed change
/// (<see cref="Pool.LedgerEntry.Delta"/>) is a <see cref="long"/>, since it can pass <see cref="MaxValue"/> or be negative.</para>
/// </remarks>
public readonly record struct Connects : IComparable<Connects>
{
    private Connects(int value) => Value = value;

    /// <summary>Zero Connects.</summary>
    public static Connects Zero => default;

    /// <summary>The largest quantity a <see cref="Connects"/> can hold.</summary>
    public static Connects MaxValue => new(int.MaxValue);

    /// <summary>The number of Connects; never negative.</summary>
    public int Value { get; }

    /// <summary>Whether this is zero Connects.</summary>
    public bool IsZero => Value == 0;

    /// <summary>Creates a quantity of Connects.</summary>
    /// <param name="value">The number of Connects.</param>
    /// <returns>The quantity, or <see cref="InvalidConnectsQuantity"/> when <paramref name="value"/> is negative or larger than <see cref="int.MaxValue"/>.</returns>
    public static OneOf<Connects, InvalidConnectsQuantity> Create(long value)
        => value is < 0 or > int.MaxValue ? new InvalidConnectsQuantity(value) : new Connects((int)value);

    /// <summary>Adds two quantities.</summary>
    /// <param name="other">The quantity to add.</param>
    /// <returns>The sum, or <see cref="ConnectsOverflow"/> when it would exceed <see cref="MaxValue"/>.</returns>
    public OneOf<Connects, ConnectsOverflow> Plus(Connects other)
    {
        long sum = (long)Value + other.Value;
        return sum > int.MaxValue ? new ConnectsOverflow(this, other) : new Connects((int)sum);
    }

    /// <summary>Subtracts a quantity.</summary>
    /// <param name="other">The quantity to take away.</param>
    /// <returns>The difference, or <see cref="NotEnoughConnects"/> when <paramref name="other"/> is larger than this quantity.</returns>
    public OneOf<Connects, NotEnoughConnects> Minus(Connects other)
        => other.Value > Value ? new NotEnoughConnects(other, this) : new Connects(Value - other.Value);

    /// <summary>The smaller of two quantities.</summary>
    /// <param name="a">One quantity.</param>
    /// <param name="b">The other quantity.</param>
    /// <returns>The smaller quantity.</returns>
    public static Connects Min(Connects a, Connects b) => a.Value <= b.Value ? a : b;

    /// <inheritdoc />
    public int CompareTo(Connects other) => Value.CompareTo(other.Value);

    /// <summary>Whether <paramref name="left"/> is less than <paramref name="right"/>.</summary>
    public static bool operator <(Connects left, Connects right) => left.Value < right.Value;

    /// <summary>Whether <paramref name="left"/> is greater than <paramref name="right"/>.</summary>
    public static bool operator >(Connects left, Connects right) => left.Value > right.Value;

    /// <summary>Whether <paramref name="left"/> is less than or equal to <paramref name="right"/>.</summary>
    public static bool operator <=(Connects left, Connects right) => left.Value <= right.Value;

    /// <summary>Whether <paramref name="left"/> is greater than or equal to <paramref name="right"/>.</summary>
    public static bool operator >=(Connects left, Connects right) => left.Value >= right.Value;

    /// <summary>The quantity, as in <c>80 Connects</c>.</summary>
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture) + " Connects";

    /// <summary>Creates a quantity the caller has already proven to be in range.</summary>
    internal static Connects Of(int value)
        => value >= 0 ? new Connects(value) : throw new ArgumentOutOfRangeException(nameof(value), value, "Connects are never negative.");

    /// <summary>Adds, throwing on overflow; for sums the caller has proven to be in range.</summary>
    internal Connects Add(Connects other) => new(checked(Value + other.Value));

    /// <summary>Subtracts, throwing when negative; for differences the caller has proven to be in range.</summary>
    internal Connects Subtract(Connects other) => Of(Value - other.Value);
}

/// <summary>A quantity of Connects outside 0 to <see cref="int.MaxValue"/> was given.</summary>
/// <param name="Value">The value given.</param>
public sealed record InvalidConnectsQuantity(long Value) : DomainError
{
    /// <inheritdoc/>
    public override string Message => $"{Value} is not a quantity of Connects (0 to {Connects.MaxValue.Value}).";
}

/// <summary>Adding two quantities of Connects would exceed <see cref="Connects.MaxValue"/>.</summary>
/// <param name="Left">The first quantity.</param>
/// <param name="Right">The second quantity.</param>
public sealed record ConnectsOverflow(Connects Left, Connects Right) : DomainError
{
    /// <inheritdoc/>
    public override string Message => $"{Left} and {Right} together exceed the largest quantity ({Connects.MaxValue}).";
}

/// <summary>A subtraction asked for more Connects than there are.</summary>
/// <param name="Requested">The quantity asked for.</param>
/// <param name="Available">The quantity there is.</param>
public sealed record NotEnoughConnects(Connects Requested, Connects Available) : DomainError
{
    /// <inheritdoc/>
    public override string Message => $"{Requested} cannot be taken from {Available}.";
}
