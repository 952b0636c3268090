using System;

namespace AgencyConnects.Domain.Values;

/// <summary>The rules every host-supplied identifier follows.</summary>
public static class Identifier
{
    /// <summary>The longest identifier accepted, in characters.</summary>
    public const int MaxLength = 128;

    internal static InvalidIdentifier? Validate(string value, string kind)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (string.IsNullOrWhiteSpace(value))
        {
            return new InvalidIdentifier(kind, value, IdentifierProblem.Blank);
        }

        return value.Length > MaxLength ? new InvalidIdentifier(kind, value, IdentifierProblem.TooLong) : null;
    }
}

/// <summary>What is wrong with an identifier.</summary>
public enum IdentifierProblem
{
    /// <summary>It is empty or only white space.</summary>
    Blank,

    /// <summary>It is longer than <see cref="Identifier.MaxLength"/> characters.</summary>
    TooLong,
}

/// <summary>An identifier could not be created from the text given.</summary>
/// <param name="Kind">The identifier type, such as <c>PersonId</c>.</param>
/// <param name="Value">The text given.</param>
/// <param name="Problem">What is wrong with it.</param>
public sealed record InvalidIdentifier(string Kind, string Value, IdentifierProblem Problem) : DomainError
{
    /// <inheritdoc/>
    public override string Message => $"\"{Value}\" is not a valid {Kind}: {Problem}.";
}
