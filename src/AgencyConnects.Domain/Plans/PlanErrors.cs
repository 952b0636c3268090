using NodaTime;

namespace AgencyConnects.Domain.Plans;

/// <summary>The account's current plan does not allow the action (in the shipped catalogs, it needs Plus).</summary>
/// <param name="Plan">The current plan.</param>
/// <param name="Action">The action refused.</param>
public sealed record PlanDoesNotAllow(Plan Plan, PlanActions Action);

/// <summary>The account is on that plan already.</summary>
/// <param name="Plan">The current plan.</param>
public sealed record AlreadyOnPlan(Plan Plan);

/// <summary>A downgrade or cancellation is already scheduled.</summary>
/// <param name="Reason">What is scheduled.</param>
/// <param name="EffectiveAt">When it takes effect.</param>
public sealed record PlanChangeAlreadyScheduled(PlanChangeReason Reason, Instant EffectiveAt);
