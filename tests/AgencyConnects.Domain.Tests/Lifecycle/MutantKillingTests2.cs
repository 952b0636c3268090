using System.Collections.Generic;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Billing;
using AgencyConnects.Domain.MonthEnd;
using AgencyConnects.Domain.Plans;
using AgencyConnects.Domain.Pool;
using AgencyConnects.Domain.Values;
using NodaTime;
using Xunit;
using static AgencyConnects.Domain.Tests.Lifecycle.Given;
using static AgencyConnects.Domain.Tests.TestData;

namespace AgencyConnects.Domain.Tests.Lifecycle;

/// <summary>
/// Examples at the boundaries of <see cref="MonthEndBatch.Close"/> that kill mutants left alive by the mutation run on
/// the month-end changes: a period ending exactly now, the last period of a schedule, a pool holding exactly the
/// largest quantity, a lot acquired before 1970 (see SurvivingMutants.md).
/// </summary>
public sealed class MutantKillingTests2
{
    // Agency Plus anchored on 2025-01-10 in UTC: periods end on 2025-02-10 and 2025-03-10 at midnight.
    private static (AgencyAccount Agency, MonthEndAccount[] Accounts, Lot[] Lots) OneAgency()
    {
        AgencyAccount agency = PlusAgency().BuyConnects(Owner, C(120), Key("b1"), Hours(1)).AsT0.Account;
        var lots = new List<Lot>();
        MonthEndAccount[] accounts = [Compact.Of(agency, lots)];
        return (agency, accounts, lots.ToArray());
    }

    private static (MonthEndBatchResult Result, MonthEndAccount Closed, MonthEndOutcome Outcome) Close(Instant at, MonthEndAccount[] accounts, Lot[] lots)
    {
        var closed = new MonthEndAccount[1];
        var outcomes = new MonthEndOutcome[1];
        MonthEndBatchResult result = MonthEndBatch.Close(PlanCatalog.Classic, at, accounts, lots, closed, new Lot[lots.Length + 4], outcomes, new MonthEndFee[4]).AsT0;
        return (result, closed[0], outcomes[0]);
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(3, 2)]
    public void Periods_that_end_exactly_now_are_closed_as_the_account_closes_them(int month, int periods)
    {
        (AgencyAccount agency, MonthEndAccount[] accounts, Lot[] lots) = OneAgency();
        Instant end = Utc(2025, month, 10);

        (_, MonthEndAccount closed, MonthEndOutcome outcome) = Close(end, accounts, lots);

        Assert.Equal(periods, outcome.PeriodsClosed);
        Assert.Equal(periods, closed.PeriodIndex);
        Assert.Equal(agency.CloseElapsedPeriods(end).AsT0.Account.Pool.Balance, outcome.Balance);
    }

    [Fact]
    public void An_account_in_the_last_period_of_its_schedule_is_accepted_and_left_open()
    {
        (_, MonthEndAccount[] accounts, Lot[] lots) = OneAgency();
        MonthEndAccount last = accounts[0] with { PeriodIndex = accounts[0].Schedule.LastIndex };
        Instant at = accounts[0].Schedule.End - Duration.FromDays(1);

        (MonthEndBatchResult result, MonthEndAccount closed, MonthEndOutcome outcome) = Close(at, [last], lots);

        Assert.Equal(new MonthEndBatchResult(lots.Length, 0), result);
        Assert.Equal(last, closed);
        Assert.Equal(0, outcome.PeriodsClosed);
    }

    [Fact]
    public void Lots_holding_exactly_the_most_Connects_a_pool_can_are_accepted()
    {
        (_, MonthEndAccount[] accounts, _) = OneAgency();
        Lot[] full = [new Lot(LotSource.Purchase, C(1), Hours(1), null), new Lot(LotSource.Purchase, Connects.MaxValue.Subtract(C(1)), Hours(2), null)];

        (MonthEndBatchResult result, _, MonthEndOutcome outcome) = Close(Hours(5), [accounts[0] with { LotStart = 0, LotCount = 2 }], full);

        Assert.Equal(new MonthEndBatchResult(2, 0), result);
        Assert.Equal(Connects.MaxValue, outcome.Balance);
    }

    [Fact]
    public void Of_two_lots_that_never_expire_the_one_acquired_before_1970_is_spent_first()
    {
        var before = new Lot(LotSource.Purchase, C(1), Utc(1969, 12, 31), null);
        var after = new Lot(LotSource.Purchase, C(1), Utc(1970, 1, 2), null);

        Assert.True(before.SpendsBefore(after));
        Assert.False(after.SpendsBefore(before));
    }

    [Fact]
    public void An_account_opened_two_days_before_the_last_instant_is_refused_with_its_local_date()
    {
        // At UTC+1 the local date is a day after the UTC date: the error names the date the schedule would start on.
        AccountSettings settings = AccountSettings.Create(PlanCatalog.Classic, DateTimeZone.ForOffset(Offset.FromHours(1))).AsT0;
        Instant at = Instant.MaxValue - Duration.FromDays(2);

        Assert.Equal(new AnchorOutOfRange(new LocalDate(9999, 12, 30)), FreelancerAccount.Open(Holder, at, settings).AsT2);
    }

    [Fact]
    public void An_account_opened_two_days_after_the_first_instant_is_refused_with_its_local_date()
    {
        AccountSettings settings = AccountSettings.Create(PlanCatalog.Classic, DateTimeZone.ForOffset(Offset.FromHours(-1))).AsT0;
        Instant at = Instant.MinValue + Duration.FromDays(2);

        Assert.Equal(new AnchorOutOfRange(new LocalDate(-9998, 1, 2)), FreelancerAccount.Open(Holder, at, settings).AsT2);
    }
}
