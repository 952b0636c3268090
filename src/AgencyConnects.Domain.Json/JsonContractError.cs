namespace AgencyConnects.Domain.Json;

/// <summary>
/// Why a JSON document could not be read as an event of the contract. Reading never throws for bad input: it returns
/// one of these sealed cases, each carrying the <see cref="Path"/> of the offending field (<c>$.line.amount</c>;
/// <c>$[3].quantity</c> for the fourth document of a batch) and the facts, and nothing is built from a document that
/// has one.
/// </summary>
/// <remarks>
/// Shaped like the core's <see cref="DomainError"/> (a stable <see cref="Code"/> and a <see cref="Message"/>), which
/// only the core can derive from. Only this package creates the cases, so a host may switch over them exhaustively:
/// <see cref="MalformedJson"/>, <see cref="UnknownTypeTag"/>, <see cref="UnsupportedSchemaVersion"/>,
/// <see cref="MissingField"/>, <see cref="UnexpectedField"/>, <see cref="WrongJsonType"/>, <see cref="InvalidValue"/>,
/// <see cref="UnknownCatalogName"/> and <see cref="UnknownTimeZoneId"/>.
/// </remarks>
public abstract record JsonContractError
{
    /// <summary>Creates the error; only this package's cases can.</summary>
    /// <param name="path">The path of the offending field.</param>
    private protected JsonContractError(string path) => Path = path;

    /// <summary>
    /// The path of the offending field, in the form System.Text.Json uses: <c>$</c> for the document, <c>$.line.amount</c>
    /// for a field, <c>$.member.permissions[1]</c> for an array element; a batch puts the index of the document first
    /// (<c>$[3].line</c>).
    /// </summary>
    public string Path { get; internal init; }

    /// <summary>A stable name for the case, the name of its type (<c>MissingField</c>), kept across versions of the package.</summary>
    public string Code => GetType().Name;

    /// <summary>A sentence in English saying what is wrong and where; for logs and developers, not a contract.</summary>
    public abstract string Message { get; }
}

/// <summary>The text is not JSON: empty, truncated, not UTF-8, or broken at <see cref="JsonContractError.Path"/>, where reading stopped.</summary>
/// <param name="Path">Where reading stopped.</param>
public sealed record MalformedJson(string Path) : JsonContractError(Path)
{
    /// <inheritdoc/>
    public override string Message => $"The text is not well-formed JSON (reading stopped at {Path}).";
}

/// <summary>The document's <c>type</c> names no event of the contract.</summary>
/// <param name="Path">The path of the type tag.</param>
/// <param name="Tag">The tag given.</param>
public sealed record UnknownTypeTag(string Path, string Tag) : JsonContractError(Path)
{
    /// <inheritdoc/>
    public override string Message => $"\"{Tag}\" at {Path} is not a type of event this version reads.";
}

/// <summary>
/// The document's <c>schema</c> is a version this package does not read: one written by a later version (upgrade the
/// package), or a number no version ever wrote.
/// </summary>
/// <param name="Path">The path of the schema version.</param>
/// <param name="Version">The version given.</param>
public sealed record UnsupportedSchemaVersion(string Path, long Version) : JsonContractError(Path)
{
    /// <inheritdoc/>
    public override string Message => $"Schema version {Version} at {Path} is not one this version reads (1 to {AccountEventJson.SchemaVersion}).";
}

/// <summary>A field the contract requires is absent or <c>null</c>.</summary>
/// <param name="Path">The path of the field.</param>
public sealed record MissingField(string Path) : JsonContractError(Path)
{
    /// <inheritdoc/>
    public override string Message => $"The field {Path} is missing or null.";
}

/// <summary>A field the contract does not have for this type and schema version, or a field given twice.</summary>
/// <param name="Path">The path of the field.</param>
public sealed record UnexpectedField(string Path) : JsonContractError(Path)
{
    /// <inheritdoc/>
    public override string Message => $"The field {Path} is not part of the contract here, or appears twice.";
}

/// <summary>A field holds the wrong kind of JSON value: a string where a number belongs, say.</summary>
/// <param name="Path">The path of the field.</param>
/// <param name="Expected">The JSON kind the contract has there: <c>object</c>, <c>array</c>, <c>string</c>, <c>number</c> or <c>boolean</c>.</param>
public sealed record WrongJsonType(string Path, string Expected) : JsonContractError(Path)
{
    /// <inheritdoc/>
    public override string Message => $"The field {Path} should be a JSON {Expected}.";
}

/// <summary>
/// A field has the right JSON kind but a value the domain refuses: a negative or too large quantity, a blank or too
/// long identifier, an unknown enum name, an instant that does not parse, a period that ends before it starts, …
/// </summary>
/// <param name="Path">The path of the field.</param>
/// <param name="Problem">What is wrong with the value, in English.</param>
public sealed record InvalidValue(string Path, string Problem) : JsonContractError(Path)
{
    /// <inheritdoc/>
    public override string Message => $"The value at {Path} is invalid: {Problem}";
}

/// <summary>
/// The catalog a document names is not in the <see cref="Plans.PlanCatalogRegistry"/> the reader was given. (Named apart
/// from the core's <see cref="Plans.UnknownCatalog"/>, so a host may import both namespaces.)
/// </summary>
/// <param name="Path">The path of the catalog's name.</param>
/// <param name="Name">The name given.</param>
public sealed record UnknownCatalogName(string Path, string Name) : JsonContractError(Path)
{
    /// <inheritdoc/>
    public override string Message => $"No catalog is registered as \"{Name}\" (at {Path}).";
}

/// <summary>
/// The time zone a document names is not known to the <see cref="NodaTime.IDateTimeZoneProvider"/> the reader was given.
/// (Named apart from the core's errors, so a host may import both namespaces.)
/// </summary>
/// <param name="Path">The path of the zone's identifier.</param>
/// <param name="Id">The identifier given.</param>
public sealed record UnknownTimeZoneId(string Path, string Id) : JsonContractError(Path)
{
    /// <inheritdoc/>
    public override string Message => $"No time zone \"{Id}\" is known to the reader's provider (at {Path}).";
}
