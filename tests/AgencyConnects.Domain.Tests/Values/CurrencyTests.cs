using System;
using AgencyConnects.Domain.Values;
using FsCheck.Xunit;
using Xunit;

namespace AgencyConnects.Domain.Tests.Values;

public class CurrencyTests
{
    [Theory]
    [InlineData("USD")]
    [InlineData("EUR")]
    [InlineData("AAA")]
    [InlineData("ZZZ")]
    public void Create_accepts_three_upper_case_letters(string code)
    {
        Currency currency = Currency.Create(code).AsT0;

        Assert.Equal(code, currency.Code);
        Assert.Equal(code, currency.ToString());
        Assert.False(currency.IsDefault);
    }

    [Theory]
    [InlineData("")]
    [InlineData("US")]
    [InlineData("USDD")]
    [InlineData("  USD")]
    public void Create_refuses_a_code_that_is_not_three_characters_long(string code)
        => Assert.Equal(new InvalidCurrencyCode(code), Currency.Create(code).AsT1);

    [Theory]
    [InlineData("usd")]
    [InlineData("Usd")]
    [InlineData("USd")]
    public void Create_refuses_lower_case_letters(string code)
        => Assert.Equal(new InvalidCurrencyCode(code), Currency.Create(code).AsT1);

    [Theory]
    [InlineData("US1")]
    [InlineData("840")]
    [InlineData("U$D")]
    [InlineData("U D")]
    [InlineData("ÜSD")]
    [InlineData("@[`")]
    public void Create_refuses_digits_and_other_characters(string code)
        => Assert.Equal(new InvalidCurrencyCode(code), Currency.Create(code).AsT1);

    [Fact]
    public void Create_throws_for_null()
        => Assert.Equal("code", Assert.Throws<ArgumentNullException>(() => Currency.Create(null!)).ParamName);

    [Fact]
    public void Usd_is_the_currency_with_code_USD()
    {
        Assert.Equal("USD", Currency.Usd.Code);
        Assert.Equal(Currency.Create("USD").AsT0, Currency.Usd);
        Assert.NotEqual(Currency.Create("EUR").AsT0, Currency.Usd);
    }

    [Fact]
    public void Default_names_no_currency_and_differs_from_every_real_one()
    {
        Currency none = default;

        Assert.True(none.IsDefault);
        Assert.Equal(string.Empty, none.Code);
        Assert.Equal(string.Empty, none.ToString());
        Assert.Equal(default, none);
        Assert.NotEqual(Currency.Usd, none);
        Assert.False(Currency.Usd.IsDefault);
    }

    [Fact]
    public void Default_is_refused_by_the_money_factory()
        => Assert.Equal(new InvalidCurrencyCode(string.Empty), Money.Create(1m, default).AsT2);

    [Property(Arbitrary = new[] { typeof(ValueArbitraries) }, MaxTest = 200)]
    public void Create_round_trips_every_code(Currency currency)
        => Assert.Equal(currency, Currency.Create(currency.Code).AsT0);
}
