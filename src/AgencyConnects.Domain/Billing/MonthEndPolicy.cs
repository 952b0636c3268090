namespace AgencyConnects.Domain.Billing;

/// <summary>
/// Where an anniversary billing period starts in a month that has no day equal to the anchor's day
/// (an anchor on the 29th, 30th or 31st; DOMAIN §3).
/// </summary>
/// <remarks>
/// <para>Period <c>k</c> of a <see cref="BillingSchedule"/> belongs to the month <c>k</c> months after the anchor's month
/// (its <em>nominal month</em>). When the nominal month has the anchor's day, the period starts on that day under both
/// policies; the policies differ only when it does not.</para>
/// <para><c>default</c> is <see cref="ClampToMonthEnd"/>.</para>
/// </remarks>
public enum MonthEndPolicy
{
    /// <summary>
    /// The period starts on the last day of its nominal month; the anchor day never drifts. [market, the default]
    /// </summary>
    /// <remarks>
    /// <para>Rule: period <c>k</c> starts on day <c>min(anchor day, days in the nominal month)</c> of its nominal month.</para>
    /// <para>Examples: anchor 2024-01-31 → Jan 31, Feb 29, Mar 31, Apr 30, May 31; anchor 2023-01-31 → Jan 31, Feb 28,
    /// Mar 31; anchor 2024-04-30 → Apr 30, May 30, Jun 30. Periods last 28 to 31 days.</para>
    /// </remarks>
    ClampToMonthEnd = 0,

    /// <summary>
    /// The period starts on the 1st of the month after its nominal month. [choice: DOMAIN §3 "renews on the 1st of the next month"]
    /// </summary>
    /// <remarks>
    /// <para>Rule: period <c>k</c> starts on the anchor's day of its nominal month when that month has such a day, and
    /// otherwise on the 1st of the month that follows the nominal month. The anchor day is kept: in the next month that
    /// has it, the period starts on it again.</para>
    /// <para>Examples: anchor 2023-01-31 → Jan 31, Mar 1 (February has no 31st), Mar 31, May 1 (April has no 31st),
    /// May 31, Jul 1, Jul 31, Aug 31, Oct 1, Oct 31, Dec 1, Dec 31. Anchor 2023-01-29 → Jan 29, Mar 1, Mar 29;
    /// anchor 2024-01-29 → Jan 29, Feb 29, Mar 29 (a leap February has a 29th). Anchor 2024-01-30 → Jan 30, Mar 1,
    /// Mar 30. Periods last 28 to 31 days: anchor 2023-01-29 gives [Mar 1, Mar 29), 28 days.</para>
    /// </remarks>
    FirstOfNextMonth = 1,
}
