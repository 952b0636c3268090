using System;
using OneOf;

namespace AgencyConnects.Domain.Values;

/// <summary>An ISO 4217 currency code of three upper-case letters, such as <c>USD</c>.</summary>
/// <remarks><c>default</c> has no code (<see cref="Code"/> is empty) and is refused by every factory that takes a currency.</remarks>
public readonly record struct Currency
{
    private readonly string? _code;

    private Currency(string code) => _code = code;

    /// <summary>United States dollars, the currency of the shipped catalogs.</summary>
    public static Currency Usd { get; } = new("USD");

    /// <summary>The three-letter code; empty for <c>default</c>.</summary>
    public string Code => _code ?? string.Empty;

    /// <summary>Whether this is the <c>default</c> value, which names no currency.</summary>
    public bool IsDefault => _code is null;

    /// <summary>Creates a currency from its ISO 4217 code.</summary>
    /// <param name="code">Three letters A–Z, upper case.</param>
    /// <returns>The currency, or <see cref="InvalidCurrencyCode"/> when <paramref name="code"/> is not three upper-case letters.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="code"/> is null.</exception>
    public static OneOf<Currency, InvalidCurrencyCode> Create(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (code.Length != 3)
        {
            return new InvalidCurrencyCode(code);
        }

        foreach (char c in code)
        {
            if (c is < 'A' or > 'Z')
            {
                return new InvalidCurrencyCode(code);
            }
        }

        return new Currency(code);
    }

    /// <summary>The code, as in <c>USD</c>.</summary>
    public override string ToString() => Code;
}

/// <summary>A currency code that is not three upper-case letters was given.</summary>
/// <param name="Value">The code given.</param>
public sealed record InvalidCurrencyCode(string Value) : DomainError
{
    /// <inheritdoc/>
    public override string Message => $"\"{Value}\" is not a currency code (three letters A to Z).";
}
