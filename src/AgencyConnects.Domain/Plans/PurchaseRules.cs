using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using AgencyConnects.Domain.Internal;
using AgencyConnects.Domain.Values;
using OneOf;

namespace AgencyConnects.Domain.Plans;

/// <summary>How a plan lets Connects be bought: the unit price, and either a quantity range or a list of bundle sizes.</summary>
public sealed class PurchaseRules
{
    private PurchaseRules(Money unitPrice, Connects minimum, Connects? maximum, ImmutableArray<Connects> bundleSizes)
    {
        UnitPrice = unitPrice;
        MinimumQuantity = minimum;
        MaximumQuantity = maximum;
        BundleSizes = bundleSizes;
    }

    /// <summary>The price of one Connect.</summary>
    public Money UnitPrice { get; }

    /// <summary>The smallest quantity accepted when buying by range; the smallest bundle when buying bundles.</summary>
    public Connects MinimumQuantity { get; }

    /// <summary>The largest quantity accepted when buying by range (<c>null</c>: no upper bound); the largest bundle when buying bundles.</summary>
    public Connects? MaximumQuantity { get; }

    /// <summary>The bundle sizes on offer, ascending; empty when any quantity in the range may be bought.</summary>
    public ImmutableArray<Connects> BundleSizes { get; }

    /// <summary>Rules for buying any quantity from <paramref name="minimum"/> to <paramref name="maximum"/>.</summary>
    /// <param name="unitPrice">The price of one Connect.</param>
    /// <param name="minimum">The smallest quantity; at least one.</param>
    /// <param name="maximum">The largest quantity, or <c>null</c> for no upper bound.</param>
    /// <returns>The rules, <see cref="InvalidQuantityRange"/> when the range is empty or starts at zero, or <see cref="InvalidCurrencyCode"/> for a <c>default</c> price.</returns>
    public static OneOf<PurchaseRules, InvalidQuantityRange, InvalidCurrencyCode> AnyQuantity(Money unitPrice, Connects minimum, Connects? maximum = null)
    {
        if (unitPrice.Currency.IsDefault)
        {
            return new InvalidCurrencyCode(string.Empty);
        }

        if (minimum.IsZero || (maximum is { } max && max < minimum))
        {
            return new InvalidQuantityRange(minimum, maximum);
        }

        return new PurchaseRules(unitPrice, minimum, maximum, ImmutableArray<Connects>.Empty);
    }

    /// <summary>Rules for buying only in the given bundle sizes.</summary>
    /// <param name="unitPrice">The price of one Connect.</param>
    /// <param name="bundleSizes">The bundle sizes; at least one, none zero. Duplicates are merged.</param>
    /// <returns>The rules, <see cref="EmptyBundleList"/> when no size is given, <see cref="ZeroBundleSize"/> when a size is zero, or <see cref="InvalidCurrencyCode"/> for a <c>default</c> price.</returns>
    /// <exception cref="System.ArgumentNullException"><paramref name="bundleSizes"/> is null.</exception>
    public static OneOf<PurchaseRules, EmptyBundleList, ZeroBundleSize, InvalidCurrencyCode> Bundles(Money unitPrice, IEnumerable<Connects> bundleSizes)
    {
        Guard.NotNull(bundleSizes);
        if (unitPrice.Currency.IsDefault)
        {
            return new InvalidCurrencyCode(string.Empty);
        }

        ImmutableArray<Connects> sizes = bundleSizes.Distinct().Order().ToImmutableArray();
        if (sizes.IsEmpty)
        {
            return new EmptyBundleList();
        }

        if (sizes[0].IsZero)
        {
            return new ZeroBundleSize();
        }

        return new PurchaseRules(unitPrice, sizes[0], sizes[^1], sizes);
    }

    /// <summary>Whether <paramref name="quantity"/> may be bought under these rules.</summary>
    /// <param name="quantity">The quantity asked for.</param>
    /// <returns><c>true</c> when it is a bundle size (bundle rules) or inside the range (range rules).</returns>
    public bool Allows(Connects quantity)
        => BundleSizes.IsEmpty
            ? quantity >= MinimumQuantity && (MaximumQuantity is not { } max || quantity <= max)
            : BundleSizes.Contains(quantity);
}

/// <summary>A purchase quantity range that is empty or starts at zero.</summary>
/// <param name="Minimum">The smallest quantity given.</param>
/// <param name="Maximum">The largest quantity given.</param>
public sealed record InvalidQuantityRange(Connects Minimum, Connects? Maximum) : DomainError
{
    /// <inheritdoc/>
    public override string Message => $"The purchase range from {Minimum} to {(Maximum?.ToString() ?? "any")} is empty or starts at zero.";
}

/// <summary>Bundle purchase rules were given no bundle size.</summary>
public sealed record EmptyBundleList : DomainError
{
    /// <inheritdoc/>
    public override string Message => "No bundle size was given.";
}

/// <summary>Bundle purchase rules were given a bundle of zero Connects.</summary>
public sealed record ZeroBundleSize : DomainError
{
    /// <inheritdoc/>
    public override string Message => "A bundle size is zero.";
}
