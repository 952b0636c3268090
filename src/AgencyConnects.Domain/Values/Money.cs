using System.Globalization;
using OneOf;

namespace AgencyConnects.Domain.Values;

/// <summary>A non-negative amount of money in one currency, such as <c>20.00 USD</c>.</summary>
/// <remarks>
/// <para>Amounts are exact decimals: a price of 0.15 times 40 is exactly 6.00. Combining two currencies is a
/// named error (<see cref="CurrencyMismatch"/>), never a silent conversion; an amount too large for
/// <see cref="decimal"/> is <see cref="MoneyOverflow"/>.</para>
/// <para><c>default</c> is zero in no currency (<see cref="Currency.IsDefault"/>); factories and catalogs refuse it.</para>
/// </remarks>
public readonly record struct Money
{
    private Money(decimal amount, Currency currency)
    {
        Amount = amount;
        Currency = currency;
    }

    /// <summary>The amount, never negative.</summary>
    public decimal Amount { get; }

    /// <summary>The currency of the amount.</summary>
    public Currency Currency { get; }

    /// <summary>Whether the amount is zero.</summary>
    public bool IsZero => Amount == 0m;

    /// <summary>Creates an amount of money.</summary>
    /// <param name="amount">The amount; zero or more.</param>
    /// <param name="currency">The currency; not <c>default</c>.</param>
    /// <returns>The money, <see cref="NegativeAmount"/> for an amount below zero, or <see cref="InvalidCurrencyCode"/> for a <c>default</c> currency.</returns>
    public static OneOf<Money, NegativeAmount, InvalidCurrencyCode> Create(decimal amount, Currency currency)
    {
        if (currency.IsDefault)
        {
            return new InvalidCurrencyCode(currency.Code);
        }

        return amount < 0m ? new NegativeAmount(amount) : new Money(amount, currency);
    }

    /// <summary>Zero in the given currency.</summary>
    /// <param name="currency">The currency; not <c>default</c>.</param>
    /// <returns>Zero money, or <see cref="InvalidCurrencyCode"/> for a <c>default</c> currency, as <see cref="Create"/> returns.</returns>
    public static OneOf<Money, InvalidCurrencyCode> Zero(Currency currency)
        => currency.IsDefault ? new InvalidCurrencyCode(currency.Code) : new Money(0m, currency);

    /// <summary>Adds two amounts of the same currency.</summary>
    /// <param name="other">The amount to add.</param>
    /// <returns>The sum, <see cref="CurrencyMismatch"/> when the currencies differ, or <see cref="MoneyOverflow"/> when it exceeds <see cref="decimal.MaxValue"/>.</returns>
    public OneOf<Money, CurrencyMismatch, MoneyOverflow> Plus(Money other)
    {
        if (other.Currency != Currency)
        {
            return new CurrencyMismatch(Currency, other.Currency);
        }

        return SumExceedsMaxValue(Amount, other.Amount)
            ? new MoneyOverflow(Amount, other.Amount)
            : new Money(Amount + other.Amount, Currency);
    }

    /// <summary>Multiplies a unit price by a quantity of Connects, which is never negative.</summary>
    /// <param name="quantity">How many Connects.</param>
    /// <returns>The product, or <see cref="MoneyOverflow"/> (with the quantity as <see cref="MoneyOverflow.Right"/>) when it exceeds <see cref="decimal.MaxValue"/>.</returns>
    public OneOf<Money, MoneyOverflow> Times(Connects quantity)
    {
        int units = quantity.Value;
        return ProductExceedsMaxValue(Amount, units)
            ? new MoneyOverflow(Amount, units)
            : new Money(Amount * units, Currency);
    }

    /// <summary>The amount and currency, as in <c>20.00 USD</c>; the amount alone for <c>default</c>, which has no currency.</summary>
    public override string ToString()
    {
        string amount = Amount.ToString("0.00##", CultureInfo.InvariantCulture);
        return Currency.IsDefault ? amount : amount + " " + Currency.Code;
    }

    /// <summary>
    /// Whether the exact sum of two non-negative amounts exceeds <see cref="decimal.MaxValue"/>. Decimal addition
    /// rounds to 28 or 29 significant digits, so neither <c>a + b</c> (which may round a sum just above the maximum
    /// down to it, or one just below up past it and throw) nor <c>decimal.MaxValue - a</c> (which rounds too) decides
    /// this. The whole parts and the fractions are compared separately instead, and every step is exact.
    /// </summary>
    private static bool SumExceedsMaxValue(decimal a, decimal b)
    {
        decimal wholeA = decimal.Truncate(a);
        decimal wholeB = decimal.Truncate(b);
        decimal fractions = a - wholeA + (b - wholeB); // each in [0, 1), so exact: below 2 with at most 28 decimals
        decimal room = decimal.MaxValue - wholeA; // a whole number from 0 to MaxValue: exact
        return wholeB > room || fractions > room - wholeB;
    }

    /// <summary>
    /// Whether the exact product of a non-negative amount and a non-negative quantity exceeds
    /// <see cref="decimal.MaxValue"/>. <c>decimal.MaxValue / quantity</c> rounds (sometimes up, letting an amount
    /// through whose product then overflows), so the bound is split into a whole quotient and a remainder, both exact.
    /// </summary>
    private static bool ProductExceedsMaxValue(decimal amount, int quantity)
    {
        if (quantity <= 1)
        {
            return false;
        }

        decimal remainder = decimal.MaxValue % quantity;
        decimal quotient = (decimal.MaxValue - remainder) / quantity; // a whole number, exactly
        if (amount <= quotient)
        {
            return false;
        }

        // amount * quantity > quotient * quantity + remainder  <=>  (amount - quotient) * quantity > remainder, and
        // remainder < quantity. An amount above quotient (above MaxValue / int.MaxValue, about 3.7e19) has at most 9
        // decimals, so an excess below 1 times the quantity is below 2.2e18 in units of its last decimal: exact.
        decimal excess = amount - quotient;
        return excess >= 1m || excess * quantity > remainder;
    }
}

/// <summary>An amount of money below zero was given.</summary>
/// <param name="Amount">The amount given.</param>
public sealed record NegativeAmount(decimal Amount) : DomainError
{
    /// <inheritdoc/>
    public override string Message => $"{Amount} is negative; an amount of money never is.";
}

/// <summary>Two amounts in different currencies were combined.</summary>
/// <param name="Expected">The currency of the first amount.</param>
/// <param name="Actual">The currency of the second amount.</param>
public sealed record CurrencyMismatch(Currency Expected, Currency Actual) : DomainError
{
    /// <inheritdoc/>
    public override string Message => $"An amount in {Actual} was given where {Expected} was expected.";
}

/// <summary>An amount of money would exceed <see cref="decimal.MaxValue"/>.</summary>
/// <param name="Left">The first operand.</param>
/// <param name="Right">The second operand.</param>
public sealed record MoneyOverflow(decimal Left, decimal Right) : DomainError
{
    /// <inheritdoc/>
    public override string Message => $"{Left} and {Right} together do not fit in an amount of money.";
}
