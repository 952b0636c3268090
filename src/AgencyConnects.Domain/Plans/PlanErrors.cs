using NodaTime;

namespace AgencyConnects.Domain.Plans;

/// <summary>The account's current plan does not allow the action (in the shipped catalogs, it needs Plus).</summary>
/// <param name="Plan">The current plan.</param>
/// <param name="Action">The action refused.</param>
public sealed record PlanDoesNotAllow(Plan Plan, PlanActions Action) : DomainError
{
    /// <inheritdoc/>
    public override string Message => $"{Plan} does not allow {Action}.";
}

/// <summary>The account is on that plan already.</summary>
/// <param name="Plan">The current plan.</param>
public sealed record AlreadyOnPlan(Plan Plan) : DomainError
{
    /// <inheritdoc/>
    public override string Message => $"The account is on {Plan} already.";
}

/// <summary>A downgrade or cancellation is already scheduled.</summary>
/// <param name="Reason">What is scheduled.</param>
/// <param name="EffectiveAt">When it takes effect.</param>
public sealed record PlanChangeAlreadyScheduled(PlanChangeReason Reason, Instant EffectiveAt) : DomainError
{
    /// <inheritdoc/>
    public override string Message => $"A {Reason} is already scheduled for {EffectiveAt}.";
}
