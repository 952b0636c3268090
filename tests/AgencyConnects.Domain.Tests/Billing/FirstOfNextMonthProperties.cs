using System.Collections.Generic;
using System.Linq;
using AgencyConnects.Domain.Billing;
using AgencyConnects.Domain.Values;
using FsCheck.Xunit;
using NodaTime;
using Xunit;

namespace AgencyConnects.Domain.Tests.Billing;

/// <summary>
/// Invariants of <see cref="MonthEndPolicy.FirstOfNextMonth"/> over anchors on every day of the month in years 1 to
/// 9000, in UTC, America/New_York, Europe/London, Etc/GMT-14 and Etc/GMT+12, over three years of periods from the
/// first, from within a century of the anchor, or up to the last supported period.
/// </summary>
public sealed class FirstOfNextMonthProperties
{
    [Property(Arbitrary = new[] { typeof(BillingArbitraries) }, MaxTest = 300)]
    public void No_period_after_the_first_starts_after_the_28th(FirstOfNextMonthWindow c)
    {
        BillingSchedule schedule = c.Schedule;
        foreach (BillingPeriod period in Periods(schedule, c.From, c.Count).Where(period => period.Index > 0))
        {
            LocalDate local = period.Start.InZone(schedule.Zone).Date;
            Assert.True(local.Day <= 28, $"{period} of {schedule} starts on day {local.Day} in its zone");
            Assert.Equal(period.StartDate, local);

            // From an anchor on the 29th to the 31st, on the 1st of the month after the nominal month.
            LocalDate nominalMonth = new LocalDate(schedule.Anchor.Year, schedule.Anchor.Month, 1).PlusMonths(period.Index);
            Assert.Equal(schedule.Anchor.Day > 28 ? nominalMonth.PlusMonths(1) : nominalMonth.PlusDays(schedule.Anchor.Day - 1), period.StartDate);
        }
    }

    [Property(Arbitrary = new[] { typeof(BillingArbitraries) }, MaxTest = 300)]
    public void Periods_are_contiguous_and_strictly_increasing(FirstOfNextMonthWindow c)
    {
        BillingPeriod[] periods = Periods(c.Schedule, c.From, c.Count);
        for (int i = 0; i < periods.Length; i++)
        {
            Assert.Equal(c.From + i, periods[i].Index);
            Assert.True(periods[i].Start < periods[i].End, $"{periods[i]} of {c.Schedule} is empty");
            Assert.True(periods[i].StartDate < periods[i].EndDate, $"{periods[i]} of {c.Schedule} does not advance");
            if (i + 1 < periods.Length)
            {
                Assert.Equal(periods[i].End, periods[i + 1].Start);
                Assert.Equal(periods[i].EndDate, periods[i + 1].StartDate);
            }
        }

        // Next, PeriodContaining and PeriodsEndedBetween find the very same periods.
        BillingPeriod walked = periods[0];
        for (int i = 1; i < periods.Length; i++)
        {
            walked = c.Schedule.Next(walked).AsT0;
            Assert.Equal(periods[i], walked);
        }

        Assert.All(periods, period => Assert.Equal(period, c.Schedule.PeriodContaining(period.Start).AsT0));
        Assert.All(periods, period => Assert.Equal(period, c.Schedule.PeriodContaining(period.End - Duration.Epsilon).AsT0));
        Assert.Equal<BillingPeriod>(periods, c.Schedule.PeriodsEndedBetween(periods[0].Start, periods[^1].End));
    }

    [Property(Arbitrary = new[] { typeof(BillingArbitraries) }, MaxTest = 300)]
    public void With_an_anchor_day_up_to_the_28th_both_policies_give_the_same_schedule(EarlyAnchor c)
    {
        BillingSchedule clamped = BillingSchedule.Create(c.Anchor, c.Zone, MonthEndPolicy.ClampToMonthEnd).AsT0;
        BillingSchedule firstOfNext = BillingSchedule.Create(c.Anchor, c.Zone, MonthEndPolicy.FirstOfNextMonth).AsT0;

        Assert.Equal(clamped.Start, firstOfNext.Start);
        Assert.Equal(clamped.End, firstOfNext.End);
        Assert.Equal(clamped.LastIndex, firstOfNext.LastIndex);
        for (int index = c.From; index < c.From + c.Count; index++)
        {
            Assert.Equal(clamped.Period(index).AsT0, firstOfNext.Period(index).AsT0);
        }

        Assert.Equal(clamped.PeriodContaining(c.Probe).Value, firstOfNext.PeriodContaining(c.Probe).Value);
        Assert.Equal<BillingPeriod>(clamped.PeriodsEndedBetween(clamped.Start, c.Probe), firstOfNext.PeriodsEndedBetween(firstOfNext.Start, c.Probe));
    }

    /// <summary>Under both policies: the batch's day count in fixed-offset zones, and its general path in the others.</summary>
    [Property(Arbitrary = new[] { typeof(BillingArbitraries) }, MaxTest = 300)]
    public void The_month_end_batch_ends_each_period_where_the_schedule_does(ScheduleWindow c)
    {
        foreach (BillingPeriod period in Periods(c.Schedule, c.From, c.Count))
        {
            // The form lots keep, field by field: the batch compares period ends with lots through these fields.
            LotInstant end = c.Schedule.EndOf(period.Index);
            LotInstant expected = LotInstant.From(period.End);
            Assert.Equal((expected.Days, expected.NanosecondOfDay), (end.Days, end.NanosecondOfDay));
        }
    }

    private static BillingPeriod[] Periods(BillingSchedule schedule, int from, int count)
    {
        var periods = new List<BillingPeriod>(count);
        for (int index = from; index < from + count; index++)
        {
            periods.Add(schedule.Period(index).AsT0);
        }

        return [.. periods];
    }
}
