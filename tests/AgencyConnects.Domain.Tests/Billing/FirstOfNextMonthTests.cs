using System.Linq;
using AgencyConnects.Domain.Billing;
using NodaTime;
using NodaTime.Text;
using Xunit;

namespace AgencyConnects.Domain.Tests.Billing;

/// <summary>Examples of <see cref="MonthEndPolicy.FirstOfNextMonth"/>.</summary>
public sealed class FirstOfNextMonthTests
{
    [Theory]
    [InlineData("2023-01-31", "2023-01-31 2023-03-01 2023-03-31 2023-05-01 2023-05-31 2023-07-01 2023-07-31 2023-08-31 2023-10-01 2023-10-31 2023-12-01 2023-12-31 2024-01-31 2024-03-01 2024-03-31")]
    [InlineData("2023-12-31", "2023-12-31 2024-01-31 2024-03-01 2024-03-31 2024-05-01")]
    [InlineData("2023-03-31", "2023-03-31 2023-05-01 2023-05-31")]
    [InlineData("2024-01-30", "2024-01-30 2024-03-01 2024-03-30 2024-04-30")]
    [InlineData("2023-01-30", "2023-01-30 2023-03-01 2023-03-30")]
    [InlineData("2023-11-30", "2023-11-30 2023-12-30 2024-01-30 2024-03-01 2024-03-30")]
    [InlineData("2024-01-29", "2024-01-29 2024-02-29 2024-03-29")]
    [InlineData("2023-01-29", "2023-01-29 2023-03-01 2023-03-29")]
    [InlineData("2024-12-29", "2024-12-29 2025-01-29 2025-03-01 2025-03-29")]
    [InlineData("2023-01-28", "2023-01-28 2023-02-28 2023-03-28")]
    public void A_month_without_the_anchor_day_starts_its_period_on_the_1st_of_the_next_month(string anchor, string expectedStarts)
    {
        BillingSchedule schedule = BillingSchedule.Create(Date(anchor), policy: MonthEndPolicy.FirstOfNextMonth).AsT0;
        LocalDate[] expected = expectedStarts.Split(' ').Select(Date).ToArray();

        Assert.Equal(expected, ClampToMonthEndTests.StartDates(schedule, expected.Length));
    }

    [Fact]
    public void Anchor_29_in_a_common_year_gives_a_28_day_period_in_March()
    {
        BillingSchedule schedule = BillingSchedule.Create(new LocalDate(2023, 1, 29), policy: MonthEndPolicy.FirstOfNextMonth).AsT0;

        BillingPeriod february = schedule.Period(1).AsT0;

        Assert.Equal(new LocalDate(2023, 3, 1), february.StartDate);
        Assert.Equal(new LocalDate(2023, 3, 29), february.EndDate);
        Assert.Equal(Duration.FromDays(28), february.Duration);
        Assert.Equal(Duration.FromDays(31), schedule.Period(0).AsT0.Duration);
    }

    [Fact]
    public void The_anchor_day_comes_back_after_a_short_month()
    {
        BillingSchedule schedule = BillingSchedule.Create(new LocalDate(2024, 1, 31), policy: MonthEndPolicy.FirstOfNextMonth).AsT0;

        Assert.Equal(new LocalDate(2024, 3, 1), schedule.Period(1).AsT0.StartDate);
        Assert.Equal(new LocalDate(2025, 1, 31), schedule.Period(12).AsT0.StartDate);
        Assert.Equal(new LocalDate(2124, 3, 1), schedule.Period(1201).AsT0.StartDate);
    }

    private static LocalDate Date(string text) => LocalDatePattern.Iso.Parse(text).Value;
}
