using System;
using AgencyConnects.Domain.Plans;
using AgencyConnects.Domain.Pool;
using AgencyConnects.Domain.Values;
using NodaTime;

namespace AgencyConnects.Domain.MonthEnd;

/// <summary>What starting a billing period gives: the allotment granted (and when it expires) and the fee charged.</summary>
internal readonly record struct PeriodStart(Connects Granted, Instant? GrantExpiresAt, Money Fee)
{
    /// <summary>
    /// The start of a period under <paramref name="terms"/> for a pool holding <paramref name="balance"/>. A pool holds at
    /// most <see cref="Connects.MaxValue"/>: an allotment that would pass it is granted only up to it (the grant's
    /// event and ledger entry show the quantity granted).
    /// </summary>
    public static PeriodStart Of(PlanTerms terms, DateTimeZone zone, Instant at, Connects balance)
    {
        Connects granted = Connects.Min(terms.MonthlyAllotment, Connects.MaxValue.Subtract(balance));
        return new(granted, granted.IsZero ? null : terms.ExpiryOf(at, zone), terms.MonthlyFee);
    }
}

/// <summary>What closing one billing period did: the rollover, the plan of the next period, and what that period starts with.</summary>
internal readonly record struct PeriodClose(RolloverOutcome Rollover, Plan NextPlan, PeriodStart Next);

/// <summary>
/// The month-end step of DOMAIN §3, once, for the one-account close and the batch close alike: expire lots and apply
/// the rollover cap of the plan in force (<see cref="Rollover.Close"/>), take a scheduled downgrade, then start the
/// next period with its plan's allotment and fee.
/// </summary>
internal static class MonthEndRule
{
    public static PeriodClose Close(
        PlanCatalog catalog, Plan plan, bool downgradePending, Instant periodEnd, DateTimeZone zone,
        ReadOnlySpan<Lot> lots, Span<Lot> survivors, out int survivorCount)
    {
        PlanTerms terms = catalog[plan];
        RolloverOutcome rollover = Rollover.Close(lots, periodEnd, terms.RolloverCap, terms.RolloverScope, survivors, out survivorCount);
        Plan next = downgradePending ? plan with { Tier = PlanTier.Basic } : plan;
        PlanTerms nextTerms = downgradePending ? catalog[next] : terms;
        return new PeriodClose(rollover, next, PeriodStart.Of(nextTerms, zone, periodEnd, rollover.CarriedOver));
    }
}
