namespace AgencyConnects.Domain.Billing;

/// <summary>
/// How the billing periods of an anchor on the 29th, 30th or 31st renew, days not every month has (DOMAIN §3). For an
/// anchor on the 1st to the 28th both policies give the same periods.
/// </summary>
/// <remarks>
/// <para>Period <c>k</c> of a <see cref="BillingSchedule"/> belongs to the month <c>k</c> months after the anchor's month
/// (its <em>nominal month</em>). Period 0 starts on the anchor date under both policies. With an anchor day up to the
/// 28th, every later period starts on the anchor's day of its nominal month under both policies; the policies differ
/// only for an anchor on the 29th, 30th or 31st.</para>
/// <para><c>default</c> is <see cref="ClampToMonthEnd"/>.</para>
/// </remarks>
public enum MonthEndPolicy
{
    /// <summary>
    /// The period starts on the last day of its nominal month when that month has no day equal to the anchor's; the
    /// anchor day never drifts. [market, the default]
    /// </summary>
    /// <remarks>
    /// <para>Rule: period <c>k</c> starts on day <c>min(anchor day, days in the nominal month)</c> of its nominal month.</para>
    /// <para>Examples: anchor 2024-01-31 → Jan 31, Feb 29, Mar 31, Apr 30, May 31; anchor 2023-01-31 → Jan 31, Feb 28,
    /// Mar 31; anchor 2024-04-30 → Apr 30, May 30, Jun 30. Periods last 28 to 31 days.</para>
    /// </remarks>
    ClampToMonthEnd = 0,

    /// <summary>
    /// The market's rule: "billing cycles that start on the 29th, 30th or 31st renew on the 1st of the following month;
    /// the 28th is the last date eligible for monthly billing". After the first period, no period starts on the 29th,
    /// 30th or 31st. [market: DOMAIN §3]
    /// </summary>
    /// <remarks>
    /// <para>Rule: with an anchor day up to the 28th, period <c>k</c> starts on the anchor's day of its nominal month
    /// (as under <see cref="ClampToMonthEnd"/>). With an anchor on the 29th, 30th or 31st, period 0 starts on the anchor
    /// date and every period <c>k</c> ≥ 1 on the 1st of the month after its nominal month (the month <c>k + 1</c>
    /// months after the anchor's), whether or not the nominal month has the anchor's day: the billing date moves to
    /// the 1st for good and never goes back to the anchor's day.</para>
    /// <para>Examples: anchor 2023-01-30 → Jan 30, Mar 1, Apr 1, May 1, Jun 1; anchor 2023-01-31 → Jan 31, Mar 1, Apr 1;
    /// anchor 2024-01-29 → Jan 29, Mar 1, Apr 1 (not Feb 29, although a leap February has a 29th); anchor 2023-03-29 →
    /// Mar 29, May 1, Jun 1 (not Apr 29); anchor 2023-12-31 → Dec 31, Feb 1, Mar 1; anchor 2023-01-28 → Jan 28, Feb 28,
    /// Mar 28. Periods after the first last 28 to 31 days (a calendar month); the first, from an anchor on the 29th to
    /// the 31st, lasts 29 to 34 days: 29 from 2023-01-31 to Mar 1, 34 from 2023-12-29 to 2024-02-01.</para>
    /// </remarks>
    FirstOfNextMonth = 1,
}
