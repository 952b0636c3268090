using System.Collections.Generic;
using System.Linq;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Billing;
using AgencyConnects.Domain.Membership;
using AgencyConnects.Domain.MonthEnd;
using AgencyConnects.Domain.Plans;
using AgencyConnects.Domain.Pool;
using AgencyConnects.Domain.Values;
using AgencyConnects.Domain.Tests.Lifecycle;
using NodaTime;
using NodaTime.Text;
using Xunit;
using static AgencyConnects.Domain.Tests.TestData;

namespace AgencyConnects.Domain.Tests.Billing;

/// <summary>
/// Examples of <see cref="MonthEndPolicy.FirstOfNextMonth"/>, the market's rule: cycles that start on the 29th, 30th
/// or 31st renew on the 1st of the following month, and the 28th is the last date eligible for monthly billing.
/// </summary>
public sealed class FirstOfNextMonthTests
{
    [Theory]
    [InlineData("2023-01-31", "2023-01-31 2023-03-01 2023-04-01 2023-05-01 2023-06-01 2023-07-01 2023-08-01 2023-09-01 2023-10-01 2023-11-01 2023-12-01 2024-01-01 2024-02-01 2024-03-01 2024-04-01")]
    [InlineData("2024-01-31", "2024-01-31 2024-03-01 2024-04-01 2024-05-01")]
    [InlineData("2023-12-31", "2023-12-31 2024-02-01 2024-03-01 2024-04-01 2024-05-01")]
    [InlineData("2023-03-31", "2023-03-31 2023-05-01 2023-06-01")]
    [InlineData("2024-01-30", "2024-01-30 2024-03-01 2024-04-01 2024-05-01")]
    [InlineData("2023-01-30", "2023-01-30 2023-03-01 2023-04-01 2023-05-01")]
    [InlineData("2023-11-30", "2023-11-30 2024-01-01 2024-02-01 2024-03-01 2024-04-01")]
    [InlineData("2024-01-29", "2024-01-29 2024-03-01 2024-04-01 2024-05-01")]
    [InlineData("2023-01-29", "2023-01-29 2023-03-01 2023-04-01 2023-05-01")]
    [InlineData("2023-03-29", "2023-03-29 2023-05-01 2023-06-01")]
    [InlineData("2024-02-29", "2024-02-29 2024-04-01 2024-05-01")]
    [InlineData("2024-12-29", "2024-12-29 2025-02-01 2025-03-01 2025-04-01")]
    [InlineData("2023-01-28", "2023-01-28 2023-02-28 2023-03-28")]
    [InlineData("2024-02-28", "2024-02-28 2024-03-28 2024-04-28")]
    public void An_anchor_on_the_29th_to_the_31st_renews_on_the_1st_of_the_following_month_from_then_on(string anchor, string expectedStarts)
    {
        BillingSchedule schedule = BillingSchedule.Create(Date(anchor), policy: MonthEndPolicy.FirstOfNextMonth).AsT0;
        LocalDate[] expected = expectedStarts.Split(' ').Select(Date).ToArray();

        Assert.Equal(expected, ClampToMonthEndTests.StartDates(schedule, expected.Length));
    }

    [Theory]
    [InlineData("2023-01-29", 31)]
    [InlineData("2024-01-29", 32)]
    [InlineData("2023-01-30", 30)]
    [InlineData("2024-01-30", 31)]
    [InlineData("2023-01-31", 29)]
    [InlineData("2024-01-31", 30)]
    [InlineData("2024-02-29", 32)]
    [InlineData("2023-12-29", 34)]
    [InlineData("2023-07-29", 34)]
    [InlineData("2023-04-30", 32)]
    public void The_first_period_runs_from_the_anchor_to_the_1st_after_the_next_month(string anchor, int days)
    {
        BillingSchedule schedule = BillingSchedule.Create(Date(anchor), policy: MonthEndPolicy.FirstOfNextMonth).AsT0;

        BillingPeriod first = schedule.Period(0).AsT0;

        Assert.Equal(Date(anchor), first.StartDate);
        Assert.Equal(Date(anchor).PlusMonths(2).With(DateAdjusters.StartOfMonth), first.EndDate);
        Assert.Equal(Duration.FromDays(days), first.Duration);
    }

    [Fact]
    public void Anchor_29_in_a_common_year_gives_calendar_month_periods_from_March_1()
    {
        BillingSchedule schedule = BillingSchedule.Create(new LocalDate(2023, 1, 29), policy: MonthEndPolicy.FirstOfNextMonth).AsT0;

        BillingPeriod second = schedule.Period(1).AsT0;

        Assert.Equal(new LocalDate(2023, 3, 1), second.StartDate);
        Assert.Equal(new LocalDate(2023, 4, 1), second.EndDate);
        Assert.Equal(Duration.FromDays(31), second.Duration);
        Assert.Equal(Duration.FromDays(31), schedule.Period(0).AsT0.Duration);
        Assert.Equal(Duration.FromDays(30), schedule.Period(2).AsT0.Duration);
    }

    [Fact]
    public void Anchor_29_in_a_leap_year_skips_February_29()
    {
        BillingSchedule schedule = BillingSchedule.Create(new LocalDate(2024, 1, 29), policy: MonthEndPolicy.FirstOfNextMonth).AsT0;

        Assert.Equal(new LocalDate(2024, 3, 1), schedule.Period(0).AsT0.EndDate);
        Assert.Equal(0, schedule.PeriodContaining(Instant.FromUtc(2024, 2, 29, 12, 0)).AsT0.Index);
        Assert.Equal(1, schedule.PeriodContaining(Instant.FromUtc(2024, 3, 1, 0, 0)).AsT0.Index);
        Assert.Equal(1, schedule.PeriodContaining(Instant.FromUtc(2024, 3, 29, 12, 0)).AsT0.Index);
        Assert.Equal(2, schedule.PeriodContaining(Instant.FromUtc(2024, 4, 1, 0, 0)).AsT0.Index);
    }

    [Fact]
    public void The_anchor_day_never_comes_back()
    {
        BillingSchedule schedule = BillingSchedule.Create(new LocalDate(2024, 1, 31), policy: MonthEndPolicy.FirstOfNextMonth).AsT0;

        Assert.Equal(new LocalDate(2024, 3, 1), schedule.Period(1).AsT0.StartDate);
        Assert.Equal(new LocalDate(2024, 8, 1), schedule.Period(6).AsT0.StartDate);
        Assert.Equal(new LocalDate(2025, 2, 1), schedule.Period(12).AsT0.StartDate);
        Assert.Equal(new LocalDate(2124, 3, 1), schedule.Period(1201).AsT0.StartDate);
    }

    [Fact]
    public void Next_and_PeriodsEndedBetween_follow_the_1st()
    {
        BillingSchedule schedule = BillingSchedule.Create(new LocalDate(2023, 1, 30), policy: MonthEndPolicy.FirstOfNextMonth).AsT0;

        BillingPeriod second = schedule.Next(schedule.Period(0).AsT0).AsT0;
        var ended = schedule.PeriodsEndedBetween(Instant.FromUtc(2023, 1, 30, 0, 0), Instant.FromUtc(2023, 5, 1, 0, 0));

        Assert.Equal(new LocalDate(2023, 3, 1), second.StartDate);
        Assert.Equal(new LocalDate(2023, 4, 1), schedule.Next(second).AsT0.StartDate);
        Assert.Equal<int>([0, 1, 2], ended.Select(period => period.Index));
        Assert.Equal<Instant>(
            [Instant.FromUtc(2023, 3, 1, 0, 0), Instant.FromUtc(2023, 4, 1, 0, 0), Instant.FromUtc(2023, 5, 1, 0, 0)],
            ended.Select(period => period.End));
    }

    [Theory]
    [InlineData("UTC", "9999-02-01T00:00:00Z")]
    [InlineData("Etc/GMT+12", "9999-02-01T12:00:00Z")]
    [InlineData("Etc/GMT-14", "9999-01-31T10:00:00Z")]
    [InlineData("America/New_York", "9999-02-01T05:00:00Z")]
    public void The_last_supported_period_of_the_latest_anchor_starts_on_9999_01_01(string zoneId, string end)
    {
        DateTimeZone zone = DateTimeZoneProviders.Tzdb[zoneId];
        BillingSchedule schedule = BillingSchedule.Create(BillingSchedule.MaxAnchor, zone, MonthEndPolicy.FirstOfNextMonth).AsT0;

        BillingPeriod last = schedule.Period(schedule.LastIndex).AsT0;

        Assert.Equal(998 * 12, schedule.LastIndex);
        Assert.Equal(new LocalDate(9001, 2, 1), schedule.Period(1).AsT0.StartDate);
        Assert.Equal(new LocalDate(9999, 1, 1), last.StartDate);
        Assert.Equal(new LocalDate(9999, 2, 1), last.EndDate);
        Assert.Equal(schedule.End, last.End);
        Assert.Equal(InstantPattern.General.Parse(end).Value, schedule.End);
        Assert.Equal(last, schedule.PeriodContaining(schedule.End - Duration.Epsilon).AsT0);
        Assert.Equal(last, schedule.Next(schedule.Period(schedule.LastIndex - 1).AsT0).AsT0);
        Assert.Equal<BillingPeriod>([last], schedule.PeriodsEndedBetween(last.Start, Instant.MaxValue));
        Assert.Equal(LotInstant.From(schedule.End).Days, schedule.EndOf(schedule.LastIndex).Days);
        Assert.Equal(LotInstant.From(schedule.End).NanosecondOfDay, schedule.EndOf(schedule.LastIndex).NanosecondOfDay);
    }

    [Fact]
    public void An_account_anchored_on_the_30th_is_charged_and_granted_on_the_1st()
    {
        AccountSettings settings = AccountSettings.Create(
            PlanCatalog.Classic, DateTimeZoneProviders.Tzdb["America/New_York"], MonthEndPolicy.FirstOfNextMonth).AsT0;
        Instant upgraded = Instant.FromUtc(2025, 1, 30, 15, 0);
        Given.Story<AgencyAccount> story = Given.Begin(AgencyAccount.Create(Agency("acme"), Given.Owner, upgraded, AgencyDirectory.Empty, settings).AsT0)
            .Then(a => a.UpgradeToPlus(Given.Owner, upgraded).AsT0)
            .Then(a => a.CloseElapsedPeriods(Instant.FromUtc(2025, 6, 15, 0, 0)).AsT0);
        AgencyAccount closed = story.Account;
        AccountHistory history = story.History;

        // Midnight in New York: EST (−5) until March 9, EDT (−4) after.
        Instant[] firsts = [Utc(2025, 3, 1, 5), Utc(2025, 4, 1, 4), Utc(2025, 5, 1, 4), Utc(2025, 6, 1, 4)];
        Assert.Equal(new LocalDate(2025, 1, 30), closed.Schedule.Anchor);
        Assert.Equal(4, closed.CurrentPeriod.Index);
        Assert.Equal(new LocalDate(2025, 6, 1), closed.CurrentPeriod.StartDate);
        Assert.Equal<Instant>(
            [upgraded, .. firsts],
            history.BillLines.Where(line => line.Kind == BillLineKind.PeriodFee).Select(line => line.At));
        Assert.Equal<LocalDate>(
            [new LocalDate(2025, 1, 30), new LocalDate(2025, 3, 1), new LocalDate(2025, 4, 1), new LocalDate(2025, 5, 1), new LocalDate(2025, 6, 1)],
            history.BillLines.Where(line => line.Kind == BillLineKind.PeriodFee).Select(line => line.Period!.Value.StartDate));
        Assert.Equal<Instant>(
            [upgraded, .. firsts],
            history.Ledger.Where(entry => entry.Kind == LedgerEntryKind.Granted).Select(entry => entry.At));
    }

    [Theory]
    [InlineData("America/New_York")]
    [InlineData("Europe/London")]
    [InlineData("Etc/GMT-14")]
    [InlineData("Etc/GMT+12")]
    [InlineData("UTC")]
    public void The_batch_close_charges_on_the_1st_as_the_account_does(string zoneId)
    {
        DateTimeZone zone = DateTimeZoneProviders.Tzdb[zoneId];
        AccountSettings settings = AccountSettings.Create(PlanCatalog.Classic, zone, MonthEndPolicy.FirstOfNextMonth).AsT0;
        var agencies = new List<AgencyAccount>();
        foreach (int day in new[] { 28, 29, 30, 31 })
        {
            Instant upgraded = new LocalDate(2024, 1, day).At(new LocalTime(12, 0)).InZoneStrictly(zone).ToInstant();
            agencies.Add(AgencyAccount.Create(Agency($"agency-{day}"), Given.Owner, upgraded, AgencyDirectory.Empty, settings).AsT0.Account
                .UpgradeToPlus(Given.Owner, upgraded).AsT0.Account);
        }

        var lots = new List<Lot>();
        MonthEndAccount[] accounts = agencies.Select(agency => Compact.Of(agency, lots)).ToArray();
        Instant at = new LocalDate(2025, 3, 1).AtStartOfDayInZone(zone).ToInstant();
        var closedAccounts = new MonthEndAccount[accounts.Length];
        var outcomes = new MonthEndOutcome[accounts.Length];
        var fees = new MonthEndFee[100];

        MonthEndBatchResult result = MonthEndBatch.Close(
            PlanCatalog.Classic, at, accounts, lots.ToArray(), closedAccounts, new Lot[100], outcomes, fees).AsT0;

        for (int i = 0; i < agencies.Count; i++)
        {
            Updated<AgencyAccount> closing = agencies[i].CloseElapsedPeriods(at).AsT0;
            AgencyAccount closed = closing.Account;
            BillLine[] expected = closing.Lines().Where(line => line.Kind == BillLineKind.PeriodFee).ToArray();
            MonthEndFee[] charged = fees.Take(result.FeesWritten).Where(fee => fee.Account == i).ToArray();

            Assert.Equal(expected.Select(line => line.At), charged.Select(fee => fee.At));
            Assert.Equal(expected.Select(line => line.Period!.Value.Index), charged.Select(fee => fee.PeriodIndex));
            Assert.Equal(closed.CurrentPeriod.Index, closedAccounts[i].PeriodIndex);
            Assert.Equal(closed.Balance, outcomes[i].Balance);
        }

        // The 28th renews on the 28th, the 29th to the 31st on the 1st: 13 closes each up to 2025-03-01.
        Assert.Equal<LocalDate>(
            [new LocalDate(2025, 2, 28), new LocalDate(2025, 3, 1), new LocalDate(2025, 3, 1), new LocalDate(2025, 3, 1)],
            closedAccounts.Select(account => account.Schedule.Period(account.PeriodIndex).AsT0.StartDate));
        Assert.Equal<int>([13, 13, 13, 13], outcomes.Select(outcome => outcome.PeriodsClosed));
        Assert.All(
            fees.Take(result.FeesWritten).Where(fee => fee.Account > 0),
            fee => Assert.Equal(1, fee.At.InZone(zone).Day));
    }

    private static LocalDate Date(string text) => LocalDatePattern.Iso.Parse(text).Value;
}
