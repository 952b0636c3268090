using AgencyConnects.Domain.Values;
using NodaTime;

namespace AgencyConnects.Domain.Plans;

/// <summary>
/// What a month end needs of one plan's terms, read once when its catalog is built: flat fields for the hot path
/// instead of properties of <see cref="PlanTerms"/> and a lookup per account.
/// </summary>
internal readonly struct MonthEndTerms
{
    public MonthEndTerms(PlanTerms terms)
    {
        Cap = terms.RolloverCap;
        Scope = terms.RolloverScope;
        Allotment = terms.MonthlyAllotment;
        Lifetime = terms.ConnectsLifetime;
        Fee = terms.MonthlyFee;
        ChargesFee = !terms.MonthlyFee.IsZero;
    }

    /// <summary>The rollover cap (<c>null</c>: none).</summary>
    public readonly Connects? Cap;

    /// <summary>What the cap applies to.</summary>
    public readonly RolloverScope Scope;

    /// <summary>The allotment granted when a period starts.</summary>
    public readonly Connects Allotment;

    /// <summary>How long acquired Connects last (<c>null</c>: forever).</summary>
    public readonly Period? Lifetime;

    /// <summary>The fee charged when a period starts.</summary>
    public readonly Money Fee;

    /// <summary>Whether <see cref="Fee"/> is not zero (a bill line is written): read per account, so not compared as a decimal each time.</summary>
    public readonly bool ChargesFee;

    /// <summary>
    /// When Connects acquired at <paramref name="acquired"/> expire: <paramref name="lifetime"/> later in
    /// <paramref name="zone"/>'s local time (resolved leniently), or never.
    /// </summary>
    public static Instant? ExpiryOf(Period? lifetime, Instant acquired, DateTimeZone zone)
        => lifetime is null ? null : acquired.InZone(zone).LocalDateTime.Plus(lifetime).InZoneLeniently(zone).ToInstant();
}
