using OneOf;

namespace AgencyConnects.Domain.Values;

/// <summary>
/// A caller-chosen key that makes a request which moves money idempotent: repeating a key with the same request inside
/// the account's <see cref="Accounts.AccountSettings.RequestRetention"/> returns the first outcome; past it the key is
/// unknown again (a retry guard, not a permanent record).
/// </summary>
/// <remarks>
/// Supplied by the host application; the library never generates identifiers. Compared ordinally.
/// <c>default</c> is the empty identifier, which no operation accepts as a real request.
/// </remarks>
public readonly record struct RequestKey : System.IComparable<RequestKey>
{
    private readonly string? _value;

    private RequestKey(string value) => _value = value;

    /// <summary>The identifier text; empty for <c>default</c>.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Whether this is the <c>default</c>, empty identifier.</summary>
    public bool IsEmpty => _value is null;

    /// <summary>Creates an identifier from the host's text.</summary>
    /// <param name="value">1 to <see cref="Identifier.MaxLength"/> characters, not all white space.</param>
    /// <returns>The identifier, or <see cref="InvalidIdentifier"/> naming what is wrong.</returns>
    /// <exception cref="System.ArgumentNullException"><paramref name="value"/> is null.</exception>
    public static OneOf<RequestKey, InvalidIdentifier> Create(string value)
    {
        InvalidIdentifier? error = Identifier.Validate(value, "RequestKey");
        return error is null ? new RequestKey(value) : error;
    }

    /// <inheritdoc />
    public int CompareTo(RequestKey other) => string.CompareOrdinal(Value, other.Value);

    /// <summary>The identifier text.</summary>
    public override string ToString() => Value;
}
