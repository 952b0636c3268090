using System.Collections.Generic;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.MonthEnd;
using AgencyConnects.Domain.Pool;

namespace AgencyConnects.Domain.Tests.Lifecycle;

/// <summary>The compact month-end state of an account, as a host's batch job would read it.</summary>
internal static class Compact
{
    /// <summary>The account's compact state, its lots appended to <paramref name="lots"/>.</summary>
    public static MonthEndAccount Of(AgencyAccount account, List<Lot> lots)
    {
        int start = lots.Count;
        lots.AddRange(account.Pool.Lots);
        return new MonthEndAccount(
            account.Plan, account.Schedule, account.CurrentPeriod.Index, account.PendingChange is not null, start, account.Pool.Lots.Count);
    }

    /// <summary>The account's compact state, its lots appended to <paramref name="lots"/>.</summary>
    public static MonthEndAccount Of(FreelancerAccount account, List<Lot> lots)
    {
        int start = lots.Count;
        lots.AddRange(account.Pool.Lots);
        return new MonthEndAccount(
            account.Plan, account.Schedule, account.CurrentPeriod.Index, account.PendingChange is not null, start, account.Pool.Lots.Count);
    }
}
