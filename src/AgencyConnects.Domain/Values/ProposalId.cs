using OneOf;

namespace AgencyConnects.Domain.Values;

/// <summary>Identifies a proposal.</summary>
/// <remarks>
/// Supplied by the host application; the library never generates identifiers. Compared ordinally.
/// <c>default</c> is the empty identifier, which no operation accepts as a real proposal.
/// </remarks>
public readonly record struct ProposalId : System.IComparable<ProposalId>
{
    private readonly string? _value;

    private ProposalId(string value) => _value = value;

    /// <summary>The identifier text; empty for <c>default</c>.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Whether this is the <c>default</c>, empty identifier.</summary>
    public bool IsEmpty => _value is null;

    /// <summary>Creates an identifier from the host's text.</summary>
    /// <param name="value">1 to <see cref="Identifier.MaxLength"/> characters, not all white space.</param>
    /// <returns>The identifier, or <see cref="InvalidIdentifier"/> naming what is wrong.</returns>
    /// <exception cref="System.ArgumentNullException"><paramref name="value"/> is null.</exception>
    public static OneOf<ProposalId, InvalidIdentifier> Create(string value)
    {
        InvalidIdentifier? error = Identifier.Validate(value, "ProposalId");
        return error is null ? new ProposalId(value) : error;
    }

    /// <inheritdoc />
    public int CompareTo(ProposalId other) => string.CompareOrdinal(Value, other.Value);

    /// <summary>The identifier text.</summary>
    public override string ToString() => Value;
}
