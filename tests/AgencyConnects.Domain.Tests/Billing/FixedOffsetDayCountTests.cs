using AgencyConnects.Domain.Billing;
using AgencyConnects.Domain.Values;
using NodaTime;
using Xunit;

namespace AgencyConnects.Domain.Tests.Billing;

/// <summary>
/// In a zone with one fixed offset the schedule counts days itself instead of asking NodaTime: every period end of
/// the whole supported range, for anchor days that exercise both month-end policies, must equal NodaTime's start of
/// that date.
/// </summary>
public sealed class FixedOffsetDayCountTests
{
    public static TheoryData<int, int, int, MonthEndPolicy, int> Schedules()
    {
        var data = new TheoryData<int, int, int, MonthEndPolicy, int>();
        foreach (MonthEndPolicy policy in new[] { MonthEndPolicy.ClampToMonthEnd, MonthEndPolicy.FirstOfNextMonth })
        {
            foreach ((int year, int month, int day) in new[] { (1, 1, 1), (1, 1, 31), (1600, 2, 29), (1899, 12, 30), (1970, 1, 1), (2024, 1, 29), (9000, 12, 31) })
            {
                data.Add(year, month, day, policy, 0);
                data.Add(year, month, day, policy, (5 * 3600) + (30 * 60));
                data.Add(year, month, day, policy, -12 * 3600);
                data.Add(year, month, day, policy, 18 * 3600);
                data.Add(year, month, day, policy, -18 * 3600);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Schedules))]
    public void Every_period_end_is_the_start_of_its_date_in_the_zone(int year, int month, int day, MonthEndPolicy policy, int offsetSeconds)
    {
        DateTimeZone zone = DateTimeZone.ForOffset(Offset.FromSeconds(offsetSeconds));
        BillingSchedule schedule = BillingSchedule.Create(new LocalDate(year, month, day), zone, policy).AsT0;

        Assert.Equal(zone.AtStartOfDay(schedule.Anchor).ToInstant(), schedule.Start);
        for (int index = 0; index <= schedule.LastIndex; index++)
        {
            BillingPeriod period = schedule.Period(index).AsT0;
            Instant expected = zone.AtStartOfDay(period.EndDate).ToInstant();

            // The very form lots keep, not only the same instant: comparisons with lots read its fields.
            LotInstant end = schedule.EndOf(index);
            LotInstant form = LotInstant.From(expected);
            if (end.Days != form.Days || end.NanosecondOfDay != form.NanosecondOfDay || period.End != expected)
            {
                Assert.Fail($"Period {index} ends {period.EndDate}: EndOf gives ({end.Days}, {end.NanosecondOfDay}), Period gives {period.End}, NodaTime {expected}.");
            }
        }

        Assert.Equal(zone.AtStartOfDay(schedule.Period(schedule.LastIndex).AsT0.EndDate).ToInstant(), schedule.End);
    }
}
