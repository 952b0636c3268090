using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using AgencyConnects.Domain.Plans;
using AgencyConnects.Domain.Values;
using FsCheck;
using FsCheck.Fluent;

namespace AgencyConnects.Domain.Tests.Values;

/// <summary>
/// The generators of every property in this project, built through the public factories, so a generated value is
/// always one the library itself could have handed out. Used as
/// <c>[Property(Arbitrary = new[] { typeof(ValueArbitraries) })]</c>.
/// </summary>
public static class ValueArbitraries
{
    /// <summary>A currency other than US dollars, to reach <see cref="CurrencyMismatch"/>.</summary>
    public static readonly Currency Eur = Currency.Create("EUR").AsT0;

    private static readonly Gen<int> s_anyInt = Gen.Choose(int.MinValue, int.MaxValue);

    /// <summary>
    /// Whole numbers for factory inputs such as <see cref="Connects.Create"/>: small values, values around zero and
    /// around <see cref="int.MaxValue"/> (where the valid range ends), anywhere in the int range, anywhere in the long range.
    /// </summary>
    public static Arbitrary<long> AnyInt64() => Arb.From(
        Gen.Frequency(
            (3, Gen.Choose(-1_000, 1_000).Select(i => (long)i)),
            (3, Gen.Choose(-1_000, 1_000).Select(i => int.MaxValue + (long)i)),
            (3, s_anyInt.Select(i => (long)i)),
            (1, Gen.Zip(s_anyInt, s_anyInt, (hi, lo) => ((long)hi << 32) | unchecked((uint)lo))),
            (1, Gen.Elements(long.MinValue, long.MaxValue, int.MinValue, (long)int.MinValue - 1))));

    /// <summary>
    /// Quantities of Connects from <see cref="Connects.Create"/>: small ones, any in range, and ones close to
    /// <see cref="Connects.MaxValue"/>, where sums overflow.
    /// </summary>
    public static Arbitrary<Connects> AnyConnects() => Arb.From(
        Gen.Frequency(
            (3, Gen.Choose(0, 1_000)),
            (3, Gen.Choose(0, int.MaxValue)),
            (3, Gen.Choose(0, 1_000).Select(i => int.MaxValue - i)),
            (1, Gen.Choose(-1_000, 1_000).Select(i => (int.MaxValue / 2) + i)))
        .Select(i => ConnectsOf(i)));

    /// <summary>Currencies from <see cref="Currency.Create"/>: any three upper-case letters.</summary>
    public static Arbitrary<Currency> AnyCurrency() => Arb.From(
        Gen.Choose('A', 'Z').Three()
            .Select(t => Currency.Create(new string([(char)t.Item1, (char)t.Item2, (char)t.Item3])).AsT0));

    /// <summary>
    /// Amounts of money from <see cref="Money.Create"/>, mostly in US dollars (so sums and products are computed) and
    /// sometimes in euros (so currencies clash). Amounts reach <see cref="decimal.MaxValue"/>: see <see cref="Amounts"/>.
    /// </summary>
    public static Arbitrary<Money> AnyMoney() => Arb.From(
        Gen.Zip(Amounts, Gen.Frequency((9, Gen.Constant(Currency.Usd)), (1, Gen.Constant(Eur))))
            .Select(t => Money.Create(t.Item1, t.Item2).AsT0));

    /// <summary>Person identifiers from <see cref="PersonId.Create"/>: 1 to <see cref="Identifier.MaxLength"/> characters, not all blank.</summary>
    public static Arbitrary<PersonId> AnyPersonId() => Arb.From(
        IdentifierTexts.Select(s => PersonId.Create(s).AsT0));

    /// <summary>Purchase rules from <see cref="PurchaseRules.AnyQuantity"/> or <see cref="PurchaseRules.Bundles"/>, with the inputs they were built from.</summary>
    public static Arbitrary<PurchaseRulesSample> AnyPurchaseRules()
    {
        Gen<Money> prices = AnyMoney().Generator;
        Gen<int> quantities = Gen.Frequency(
            (3, Gen.Choose(1, 400)),
            (1, Gen.Choose(1, int.MaxValue)),
            (1, Gen.Choose(0, 100).Select(i => int.MaxValue - i)));
        Gen<PurchaseRulesSample> range =
            from price in prices
            from a in quantities
            from b in quantities
            from bounded in Gen.Elements(true, false)
            let minimum = Math.Min(a, b)
            let maximum = bounded ? Math.Max(a, b) : (int?)null
            select new PurchaseRulesSample(
                PurchaseRules.AnyQuantity(price, ConnectsOf(minimum), maximum is { } m ? ConnectsOf(m) : null).AsT0,
                minimum, maximum, null);
        Gen<PurchaseRulesSample> bundles =
            from price in prices
            from sizes in Gen.NonEmptyListOf(quantities)
            select new PurchaseRulesSample(
                PurchaseRules.Bundles(price, sizes.Select(s => ConnectsOf(s))).AsT0,
                null, null, [.. sizes]);
        return Arb.From(Gen.OneOf(range, bundles));
    }

    /// <summary>
    /// Non-negative decimals across the whole range: prices in cents, any 96-bit mantissa at any scale (every
    /// magnitude from 10^-28 to <see cref="decimal.MaxValue"/>), values just below <see cref="decimal.MaxValue"/> and
    /// around its half (where sums overflow), and a few edges.
    /// </summary>
    public static Gen<decimal> Amounts { get; } = Gen.Frequency(
        (3, Gen.Choose(0, int.MaxValue).Select(cents => cents / 100m)),
        (3, Gen.Zip(Gen.Zip(s_anyInt, s_anyInt), Gen.Zip(s_anyInt, Gen.Choose(0, 28)))
            .Select(t => new decimal(t.Item1.Item1, t.Item1.Item2, t.Item2.Item1, false, (byte)t.Item2.Item2))),
        (2, Gen.Zip(Gen.Choose(0, 100_000), Gen.Choose(0, 3)).Select(t => decimal.MaxValue - Scaled(t.Item1, t.Item2))),
        (1, Gen.Zip(Gen.Choose(-100_000, 100_000), Gen.Choose(0, 2)).Select(t => 39614081257132168796771975168m + Scaled(t.Item1, t.Item2))),
        (1, Gen.Elements(0m, 0.01m, 0.15m, 0.5m, 1m, 1.5m, 20.00m, decimal.MaxValue, decimal.MaxValue - 1m)));

    /// <summary>Identifier texts: short readable ones, any characters, and ones of exactly <see cref="Identifier.MaxLength"/>.</summary>
    public static Gen<string> IdentifierTexts { get; } = Gen.Frequency(
            (3, Gen.Choose(1, 12).SelectMany(n => Gen.ArrayOf(Gen.Choose('a', 'e').Select(c => (char)c), n))),
            (2, Gen.Choose(1, Identifier.MaxLength).SelectMany(n => Gen.ArrayOf(Gen.Choose(0, 0xD7FF).Select(c => (char)c), n))),
            (1, Gen.ArrayOf(Gen.Choose('0', '9').Select(c => (char)c), Identifier.MaxLength)))
        .Select(chars => new string(chars))
        .Where(s => !string.IsNullOrWhiteSpace(s));

    /// <summary>A quantity the generators have kept in range; any failure here is a bug in the generator.</summary>
    public static Connects ConnectsOf(long value) => Connects.Create(value).AsT0;

    private static decimal Scaled(int value, int scale) => new(Math.Abs(value), 0, 0, value < 0, (byte)scale);
}

/// <summary>Purchase rules and the inputs they were built from, to check them against a reference.</summary>
/// <param name="Rules">The rules.</param>
/// <param name="Minimum">The smallest quantity of range rules; null for bundles.</param>
/// <param name="Maximum">The largest quantity of range rules, null when unbounded or for bundles.</param>
/// <param name="BundleSizes">The bundle sizes given, duplicates and order as generated; null for range rules.</param>
public sealed record PurchaseRulesSample(PurchaseRules Rules, int? Minimum, int? Maximum, ImmutableArray<int>? BundleSizes)
{
    /// <summary>Quantities worth asking about: every bound and bundle size, and their neighbours.</summary>
    public IEnumerable<long> InterestingQuantities()
    {
        IEnumerable<long> anchors = BundleSizes is { } sizes
            ? sizes.Select(s => (long)s)
            : new long?[] { Minimum, Maximum }.OfType<long>();
        return anchors.SelectMany(a => new[] { a - 1, a, a + 1 }).Append(0).Append(int.MaxValue)
            .Where(q => q is >= 0 and <= int.MaxValue);
    }

    /// <summary>The reference answer: a bundle size exactly (bundles), or inside the inclusive range (range).</summary>
    public bool ReferenceAllows(long quantity)
        => BundleSizes is { } sizes
            ? sizes.Contains((int)quantity)
            : quantity >= Minimum && (Maximum is null || quantity <= Maximum);

    /// <inheritdoc />
    public override string ToString()
        => BundleSizes is { } sizes ? $"Bundles [{string.Join(", ", sizes)}]" : $"AnyQuantity {Minimum}..{Maximum?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unbounded"}";
}
