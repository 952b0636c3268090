using System.Collections.Generic;
using System.Numerics;
using AgencyConnects.Domain.Values;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;
using static AgencyConnects.Domain.Tests.TestData;
using static AgencyConnects.Domain.Tests.Values.ValueArbitraries;

namespace AgencyConnects.Domain.Tests.Values;

public class MoneyTests
{
    /// <summary>2^95, the decimal nearest to half of <see cref="decimal.MaxValue"/> (which is odd, so its half is not a decimal).</summary>
    private const decimal HalfOfMaxRoundedUp = 39614081257132168796771975168m;

    private static Money Usd(decimal amount) => Money.Create(amount, Currency.Usd).AsT0;

    [Fact]
    public void Create_keeps_the_amount_and_the_currency()
    {
        Money money = Money.Create(20.00m, Eur).AsT0;

        Assert.Equal(20.00m, money.Amount);
        Assert.Equal(Eur, money.Currency);
        Assert.False(money.IsZero);
    }

    [Fact]
    public void Create_accepts_zero()
        => Assert.True(Money.Create(0m, Currency.Usd).AsT0.IsZero);

    [Theory]
    [InlineData("-0.01")]
    [InlineData("-20")]
    [InlineData("-79228162514264337593543950335")]
    public void Create_refuses_a_negative_amount(string amount)
    {
        decimal negative = decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(new NegativeAmount(negative), Money.Create(negative, Currency.Usd).AsT1);
    }

    [Fact]
    public void Create_refuses_the_default_currency()
        => Assert.Equal(new InvalidCurrencyCode(string.Empty), Money.Create(20.00m, default).AsT2);

    [Fact]
    public void Zero_is_zero_in_the_currency_given()
    {
        Money zero = Money.Zero(Eur).AsT0;

        Assert.Equal(0m, zero.Amount);
        Assert.Equal(Eur, zero.Currency);
        Assert.True(zero.IsZero);
    }

    [Fact]
    public void Zero_refuses_the_default_currency_as_Create_does()
        => Assert.Equal(new InvalidCurrencyCode(string.Empty), Money.Zero(default).AsT1);

    [Fact]
    public void Plus_adds_exactly()
        => Assert.Equal(Usd(20.15m), Usd(20.00m).Plus(Usd(0.15m)).AsT0);

    [Fact]
    public void Plus_reaches_decimal_MaxValue_exactly()
        => Assert.Equal(Usd(decimal.MaxValue), Usd(decimal.MaxValue - 1m).Plus(Usd(1m)).AsT0);

    [Fact]
    public void Plus_refuses_two_currencies_naming_both()
        => Assert.Equal(new CurrencyMismatch(Expected: Currency.Usd, Actual: Eur), Usd(1m).Plus(Money.Create(1m, Eur).AsT0).AsT1);

    [Fact]
    public void Plus_refuses_to_add_to_the_default_money()
        => Assert.Equal(new CurrencyMismatch(Expected: default, Actual: Currency.Usd), default(Money).Plus(Usd(1m)).AsT1);

    [Fact]
    public void Plus_reports_overflow_past_decimal_MaxValue_with_both_amounts()
        => Assert.Equal(new MoneyOverflow(decimal.MaxValue, 0.01m), Usd(decimal.MaxValue).Plus(Usd(0.01m)).AsT2);

    [Theory]
    [InlineData("0.4", "79228162514264337593543950335")]
    [InlineData("79228162514264337593543950335", "0.4")]
    [InlineData("1.5", "79228162514264337593543950334")]
    [InlineData("0.6", "79228162514264337593543950335")]
    [InlineData("39614081257132168796771975168", "39614081257132168796771975168")]
    public void Plus_reports_overflow_when_the_exact_sum_exceeds_MaxValue_by_less_than_one(string left, string right)
    {
        decimal a = decimal.Parse(left, System.Globalization.CultureInfo.InvariantCulture);
        decimal b = decimal.Parse(right, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(new MoneyOverflow(a, b), Usd(a).Plus(Usd(b)).AsT2);
    }

    [Fact]
    public void Times_multiplies_a_unit_price_exactly()
    {
        Money total = Usd(0.15m).Times(C(40)).AsT0;

        Assert.Equal(6.00m, total.Amount);
        Assert.Equal(Currency.Usd, total.Currency);
        Assert.Equal("6.00 USD", total.ToString());
    }

    [Fact]
    public void Times_zero_is_zero_even_for_the_largest_amount()
        => Assert.Equal(Usd(0m), Usd(decimal.MaxValue).Times(Connects.Zero).AsT0);

    [Fact]
    public void Times_reaches_decimal_MaxValue_exactly()
        => Assert.Equal(Usd(decimal.MaxValue), Usd(26409387504754779197847983445m).Times(C(3)).AsT0);

    [Fact]
    public void Times_reports_overflow_with_the_amount_and_the_quantity()
        => Assert.Equal(new MoneyOverflow(decimal.MaxValue, 2m), Usd(decimal.MaxValue).Times(C(2)).AsT1);

    [Theory]
    [InlineData("39614081257132168796771975168", 2)]
    [InlineData("3601280114284742617888361378.9", 22)]
    [InlineData("3444702718011492938849736971.1", 23)]
    public void Times_reports_overflow_when_the_exact_product_exceeds_MaxValue_by_less_than_the_quantity(string amount, int quantity)
    {
        decimal a = decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(new MoneyOverflow(a, quantity), Usd(a).Times(C(quantity)).AsT1);
    }

    [Theory]
    [InlineData("20", "20.00 USD")]
    [InlineData("0.15", "0.15 USD")]
    [InlineData("1234.5", "1234.50 USD")]
    [InlineData("0.1234", "0.1234 USD")]
    public void ToString_shows_at_least_two_decimals_and_the_code(string amount, string expected)
        => Assert.Equal(expected, Usd(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)).ToString());

    [Fact]
    public void Equality_compares_the_value_of_the_amount_not_its_scale()
    {
        Assert.Equal(Usd(20m), Usd(20.00m));
        Assert.Equal(Usd(20m).GetHashCode(), Usd(20.00m).GetHashCode());
        Assert.NotEqual(Usd(20m), Money.Create(20m, Eur).AsT0);
        Assert.NotEqual(Usd(20m), Usd(20.01m));
    }

    [Fact]
    public void Default_is_zero_in_no_currency()
    {
        Money none = default;

        Assert.Equal(0m, none.Amount);
        Assert.True(none.IsZero);
        Assert.True(none.Currency.IsDefault);
        Assert.Equal(default, none);
        Assert.NotEqual(Money.Zero(Currency.Usd), none);
        Assert.Equal("0.00", none.ToString());
    }

    [Property(Arbitrary = new[] { typeof(ValueArbitraries) }, MaxTest = 2000)]
    public Property Plus_is_the_exact_sum_a_currency_mismatch_or_an_overflow_never_an_exception(Money left, Money right)
    {
        var sum = left.Plus(right);

        if (left.Currency != right.Currency)
        {
            Assert.Equal(new CurrencyMismatch(left.Currency, right.Currency), sum.AsT1);
            return true.Classify(true, "mismatch");
        }

        bool overflows = AssertSum(left, right);
        return true.Classify(overflows, "overflow");
    }

    [Property(Arbitrary = new[] { typeof(ValueArbitraries) }, MaxTest = 300)]
    public void Plus_is_exact_or_an_overflow_right_at_decimal_MaxValue(Money left)
    {
        // The amounts whose sum with left is closest to decimal.MaxValue, on either side.
        decimal room = decimal.MaxValue - left.Amount;
        foreach (decimal right in Neighbours(room))
        {
            if (right >= 0m)
            {
                AssertSum(left, Money.Create(right, left.Currency).AsT0);
            }
        }
    }

    [Property(Arbitrary = new[] { typeof(ValueArbitraries) }, MaxTest = 2000)]
    public Property Times_is_the_exact_product_or_an_overflow_never_an_exception(Money price, Connects quantity)
        => true.Classify(AssertProduct(price, quantity.Value), "overflow");

    [Property(Arbitrary = new[] { typeof(ValueArbitraries) }, MaxTest = 300)]
    public void Times_is_exact_or_an_overflow_right_at_decimal_MaxValue(Connects quantity)
    {
        if (quantity.IsZero)
        {
            return;
        }

        // The amounts whose product with quantity is closest to decimal.MaxValue, on either side.
        foreach (decimal amount in Neighbours(decimal.MaxValue / quantity.Value))
        {
            AssertProduct(Usd(amount), quantity.Value);
        }
    }

    /// <summary>Asserts that <c>left.Plus(right)</c> (same currency) is the exact sum or an overflow; returns whether it overflowed.</summary>
    private static bool AssertSum(Money left, Money right)
    {
        BigInteger exact = ExactDecimal.Units(left.Amount) + ExactDecimal.Units(right.Amount);
        var sum = left.Plus(right);
        if (exact > ExactDecimal.MaxValue)
        {
            Assert.Equal(new MoneyOverflow(left.Amount, right.Amount), sum.AsT2);
            return true;
        }

        AssertExact(exact, left.Amount + right.Amount, sum.AsT0, left.Currency);
        return false;
    }

    /// <summary>Asserts that <c>price.Times(quantity)</c> is the exact product or an overflow; returns whether it overflowed.</summary>
    private static bool AssertProduct(Money price, int quantity)
    {
        BigInteger exact = ExactDecimal.Units(price.Amount) * quantity;
        var product = price.Times(C(quantity));
        if (exact > ExactDecimal.MaxValue)
        {
            Assert.Equal(new MoneyOverflow(price.Amount, quantity), product.AsT1);
            return true;
        }

        AssertExact(exact, price.Amount * quantity, product.AsT0, price.Currency);
        return false;
    }

    /// <summary>
    /// The result is what decimal arithmetic gives (the exact value rounded to 28 or 29 significant digits), and is
    /// exactly the exact value whenever a decimal can hold it.
    /// </summary>
    private static void AssertExact(BigInteger exact, decimal rounded, Money actual, Currency currency)
    {
        Assert.Equal(currency, actual.Currency);
        Assert.Equal(rounded, actual.Amount);
        if (ExactDecimal.IsRepresentable(exact))
        {
            Assert.Equal(exact, ExactDecimal.Units(actual.Amount));
        }
    }

    /// <summary>The value and the decimals a few units of its last digit on either side, where they exist.</summary>
    private static IEnumerable<decimal> Neighbours(decimal value)
    {
        decimal unit = new(1, 0, 0, false, value.Scale);
        for (int k = -3; k <= 3; k++)
        {
            decimal step = unit * k;
            if ((step <= 0m || value <= decimal.MaxValue - step) && value + step >= 0m)
            {
                yield return value + step;
            }
        }
    }
}
