using System;
using System.Runtime.CompilerServices;
using AgencyConnects.Domain.Plans;
using AgencyConnects.Domain.Pool;
using AgencyConnects.Domain.Values;
using NodaTime;

namespace AgencyConnects.Domain.MonthEnd;

/// <summary>
/// What starting a billing period gives besides its fee (the fee is its plan's <see cref="MonthEndTerms.Fee"/>): the
/// allotment granted, when it expires, and the part of the allotment withheld because the pool was full.
/// </summary>
internal readonly record struct PeriodStart(Connects Granted, Instant? GrantExpiresAt, Connects Withheld)
{
    /// <summary>
    /// The start of a period under <paramref name="terms"/> for a pool holding <paramref name="balance"/>. A pool holds at
    /// most <see cref="Connects.MaxValue"/>: an allotment that would pass it is granted only up to it, and the rest is
    /// withheld (the grant's event and the batch's outcome say how much).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static PeriodStart Of(in MonthEndTerms terms, DateTimeZone zone, LotInstant at, Connects balance)
    {
        Connects granted = Connects.Min(terms.Allotment, Connects.MaxValue.Subtract(balance));
        return new(
            granted,
            granted.IsZero || terms.Lifetime is null ? null : MonthEndTerms.ExpiryOf(terms.Lifetime, at.ToInstant(), zone),
            terms.Allotment.Subtract(granted));
    }
}

/// <summary>What closing one billing period did: the rollover, the plan of the next period, and what that period starts with.</summary>
internal readonly record struct PeriodClose(RolloverOutcome Rollover, Plan NextPlan, PeriodStart Next);

/// <summary>
/// The month-end step of DOMAIN §3, once, for the one-account close and the batch close alike: expire lots and apply
/// the rollover cap of the plan in force (<see cref="Rollover.Close"/>), take a scheduled downgrade, then start the
/// next period with its plan's allotment (and its fee, <see cref="MonthEndTerms.Fee"/> of <see cref="PeriodClose.NextPlan"/>).
/// </summary>
internal static class MonthEndRule
{
    public static PeriodClose Close(
        PlanCatalog catalog, Plan plan, bool downgradePending, LotInstant periodEnd, DateTimeZone zone,
        ReadOnlySpan<Lot> lots, Span<Lot> survivors, out int survivorCount)
    {
        ref readonly MonthEndTerms terms = ref catalog.MonthEnd(plan);
        RolloverOutcome rollover = Rollover.Close(lots, periodEnd, terms.Cap, terms.Scope, survivors, out survivorCount);
        Plan next = downgradePending ? plan with { Tier = PlanTier.Basic } : plan;
        return new PeriodClose(
            rollover, next, PeriodStart.Of(in downgradePending ? ref catalog.MonthEnd(next) : ref terms, zone, periodEnd, rollover.CarriedOver));
    }
}
