using AgencyConnects.Domain.Values;

namespace AgencyConnects.Domain.Pool;

/// <summary>The pool holds fewer Connects than asked for; nothing was taken (the balance is never negative).</summary>
/// <param name="Requested">The Connects asked for.</param>
/// <param name="Available">The Connects in the pool.</param>
public sealed record InsufficientConnects(Connects Requested, Connects Available) : DomainError
{
    /// <inheritdoc/>
    public override string Message => $"{Requested} were asked for; the pool holds {Available}.";
}

/// <summary>The plan's purchase rules do not offer this quantity (zero, outside the range, or not a bundle size).</summary>
/// <param name="Requested">The quantity asked for.</param>
public sealed record InvalidPurchaseQuantity(Connects Requested) : DomainError
{
    /// <inheritdoc/>
    public override string Message => $"{Requested} cannot be bought under the plan's purchase rules.";
}
