using AgencyConnects.Domain.Billing;
using NodaTime;
using Xunit;
using static AgencyConnects.Domain.Tests.TestData;

namespace AgencyConnects.Domain.Tests.Billing;

/// <summary>Examples of <see cref="BillingSchedule.PeriodsEndedBetween"/>: ends after the first bound (exclusive), up to the second (inclusive).</summary>
public sealed class PeriodsEndedBetweenTests
{
    // Periods: #0 [Jan 31, Feb 29), #1 [Feb 29, Mar 31), #2 [Mar 31, Apr 30), #3 [Apr 30, May 31), all at 00:00 UTC.
    private static readonly BillingSchedule s_schedule = BillingSchedule.Create(new LocalDate(2024, 1, 31)).AsT0;

    [Fact]
    public void A_period_ending_exactly_at_the_lower_bound_is_excluded_and_one_ending_at_the_upper_bound_included()
    {
        var periods = s_schedule.PeriodsEndedBetween(Instant.FromUtc(2024, 2, 29, 0, 0), Instant.FromUtc(2024, 4, 30, 0, 0));

        Assert.Equal<BillingPeriod>([Period(1), Period(2)], periods);
    }

    [Fact]
    public void Moving_either_bound_by_a_tick_moves_a_period_in_or_out()
    {
        Instant feb29 = Instant.FromUtc(2024, 2, 29, 0, 0);
        Instant apr30 = Instant.FromUtc(2024, 4, 30, 0, 0);

        Assert.Equal<BillingPeriod>([Period(0), Period(1), Period(2)], s_schedule.PeriodsEndedBetween(feb29 - Duration.Epsilon, apr30));
        Assert.Equal<BillingPeriod>([Period(1)], s_schedule.PeriodsEndedBetween(feb29, apr30 - Duration.Epsilon));
    }

    [Fact]
    public void An_empty_or_reversed_interval_ends_no_period()
    {
        Instant apr30 = Instant.FromUtc(2024, 4, 30, 0, 0);

        Assert.Empty(s_schedule.PeriodsEndedBetween(apr30, apr30));
        Assert.Empty(s_schedule.PeriodsEndedBetween(apr30, Instant.FromUtc(2024, 2, 1, 0, 0)));
    }

    [Fact]
    public void An_interval_inside_one_period_ends_no_period()
    {
        Assert.Empty(s_schedule.PeriodsEndedBetween(Instant.FromUtc(2024, 3, 1, 0, 0), Instant.FromUtc(2024, 3, 30, 0, 0)));
        Assert.Empty(s_schedule.PeriodsEndedBetween(Instant.MinValue, Instant.FromUtc(2024, 2, 28, 0, 0)));
        Assert.Empty(s_schedule.PeriodsEndedBetween(Instant.MinValue, Instant.FromUtc(2023, 1, 1, 0, 0)));
    }

    [Fact]
    public void A_lower_bound_before_the_schedule_starts_with_period_zero()
    {
        Assert.Equal<BillingPeriod>([Period(0)], s_schedule.PeriodsEndedBetween(Instant.MinValue, Instant.FromUtc(2024, 2, 29, 0, 0)));
    }

    [Fact]
    public void An_upper_bound_past_the_schedule_ends_with_the_last_period()
    {
        BillingSchedule schedule = BillingSchedule.Create(BillingSchedule.MaxAnchor).AsT0;
        int last = schedule.LastIndex;

        var periods = schedule.PeriodsEndedBetween(schedule.Period(last - 2).AsT0.End, Instant.MaxValue);

        Assert.Equal<BillingPeriod>([schedule.Period(last - 1).AsT0, schedule.Period(last).AsT0], periods);
        Assert.Empty(schedule.PeriodsEndedBetween(schedule.End, Instant.MaxValue));
    }

    [Fact]
    public void An_unbounded_interval_returns_every_supported_period()
    {
        BillingSchedule schedule = BillingSchedule.Create(BillingSchedule.MaxAnchor).AsT0;

        var periods = schedule.PeriodsEndedBetween(Instant.MinValue, Instant.MaxValue);

        Assert.Equal(schedule.LastIndex + 1, periods.Length);
        Assert.Equal(schedule.Period(0).AsT0, periods[0]);
        Assert.Equal(schedule.Period(schedule.LastIndex).AsT0, periods[^1]);
    }

    [Fact]
    public void No_period_ends_in_an_interval_that_starts_after_the_schedule_ends()
    {
        BillingSchedule schedule = BillingSchedule.Create(new LocalDate(2025, 1, 10), DateTimeZone.Utc, MonthEndPolicy.ClampToMonthEnd).AsT0;
        Instant after = Utc(9999, 12, 20);

        Assert.True(after >= schedule.End);
        Assert.Empty(schedule.PeriodsEndedBetween(after, Utc(9999, 12, 21)));
    }

    private static BillingPeriod Period(int index) => s_schedule.Period(index).AsT0;
}
