using System;
using System.Linq;
using AgencyConnects.Domain.Billing;
using NodaTime;
using NodaTime.TimeZones;
using Xunit;

namespace AgencyConnects.Domain.Tests.Billing;

/// <summary>Examples of <see cref="MonthEndPolicy.ClampToMonthEnd"/>, the default policy.</summary>
public sealed class ClampToMonthEndTests
{
    [Fact]
    public void Create_defaults_to_UTC_and_ClampToMonthEnd()
    {
        BillingSchedule schedule = BillingSchedule.Create(new LocalDate(2024, 1, 31)).AsT0;

        Assert.Equal(new LocalDate(2024, 1, 31), schedule.Anchor);
        Assert.Same(DateTimeZone.Utc, schedule.Zone);
        Assert.Equal(MonthEndPolicy.ClampToMonthEnd, schedule.Policy);
        Assert.Equal(MonthEndPolicy.ClampToMonthEnd, default(MonthEndPolicy));
        Assert.Equal(Instant.FromUtc(2024, 1, 31, 0, 0), schedule.Start);
    }

    [Fact]
    public void Anchor_31_clamps_to_February_and_returns_to_31()
    {
        BillingSchedule schedule = BillingSchedule.Create(new LocalDate(2024, 1, 31)).AsT0;

        Assert.Equal(
            [new(2024, 1, 31), new(2024, 2, 29), new(2024, 3, 31), new(2024, 4, 30), new(2024, 5, 31), new(2024, 6, 30)],
            StartDates(schedule, 6));
    }

    [Fact]
    public void Anchor_31_renews_on_February_28_in_a_common_year()
    {
        BillingSchedule schedule = BillingSchedule.Create(new LocalDate(2023, 1, 31)).AsT0;

        Assert.Equal([new(2023, 1, 31), new(2023, 2, 28), new(2023, 3, 31)], StartDates(schedule, 3));
    }

    [Fact]
    public void Anchor_April_30_renews_on_May_30()
    {
        BillingSchedule schedule = BillingSchedule.Create(new LocalDate(2024, 4, 30)).AsT0;

        Assert.Equal([new(2024, 4, 30), new(2024, 5, 30), new(2024, 6, 30), new(2024, 7, 30)], StartDates(schedule, 4));
    }

    [Fact]
    public void Anchor_February_29_renews_on_the_29th_and_on_February_28_in_common_years()
    {
        BillingSchedule schedule = BillingSchedule.Create(new LocalDate(2024, 2, 29)).AsT0;

        Assert.Equal(new LocalDate(2024, 3, 29), schedule.Period(1).AsT0.StartDate);
        Assert.Equal(new LocalDate(2025, 2, 28), schedule.Period(12).AsT0.StartDate);
        Assert.Equal(new LocalDate(2025, 3, 29), schedule.Period(13).AsT0.StartDate);
        Assert.Equal(new LocalDate(2028, 2, 29), schedule.Period(48).AsT0.StartDate);
    }

    [Fact]
    public void A_period_ends_where_the_next_one_starts()
    {
        BillingPeriod period = BillingSchedule.Create(new LocalDate(2024, 1, 31)).AsT0.Period(0).AsT0;

        Assert.Equal(0, period.Index);
        Assert.Equal(new LocalDate(2024, 1, 31), period.StartDate);
        Assert.Equal(new LocalDate(2024, 2, 29), period.EndDate);
        Assert.Equal(Instant.FromUtc(2024, 1, 31, 0, 0), period.Start);
        Assert.Equal(Instant.FromUtc(2024, 2, 29, 0, 0), period.End);
        Assert.Equal(Duration.FromDays(29), period.Duration);
    }

    [Fact]
    public void A_period_a_century_ahead_is_computed_from_the_anchor()
    {
        BillingSchedule schedule = BillingSchedule.Create(new LocalDate(2024, 1, 31)).AsT0;

        BillingPeriod period = schedule.Period(1201).AsT0;

        Assert.Equal(new LocalDate(2124, 2, 29), period.StartDate);
        Assert.Equal(new LocalDate(2124, 3, 31), period.EndDate);
    }

    [Fact]
    public void The_last_supported_period_is_in_December_9998()
    {
        BillingSchedule schedule = BillingSchedule.Create(BillingSchedule.MaxAnchor).AsT0;

        BillingPeriod last = schedule.Period(schedule.LastIndex).AsT0;

        Assert.Equal(new LocalDate(9000, 12, 31), BillingSchedule.MaxAnchor);
        Assert.Equal(998 * 12, schedule.LastIndex);
        Assert.Equal(new LocalDate(9998, 12, 31), last.StartDate);
        Assert.Equal(new LocalDate(9999, 1, 31), last.EndDate);
        Assert.Equal(schedule.End, last.End);
        Assert.Equal(Instant.FromUtc(9999, 1, 31, 0, 0), schedule.End);
    }

    [Fact]
    public void The_earliest_anchor_is_year_1()
    {
        BillingSchedule schedule = BillingSchedule.Create(BillingSchedule.MinAnchor, DateTimeZoneProviders.Tzdb["Pacific/Kiritimati"]).AsT0;

        Assert.Equal(new LocalDate(1, 1, 1), BillingSchedule.MinAnchor);
        Assert.Equal(((9998 - 1) * 12) + 11, schedule.LastIndex);
        Assert.Equal(new LocalDate(1, 2, 1), schedule.Period(0).AsT0.EndDate);
    }

    [Fact]
    public void Schedule_ToString_names_anchor_zone_and_policy()
    {
        BillingSchedule schedule = BillingSchedule.Create(
            new LocalDate(2024, 1, 31), DateTimeZoneProviders.Tzdb["America/New_York"], MonthEndPolicy.FirstOfNextMonth).AsT0;

        Assert.Equal("anchor 2024-01-31 in America/New_York, FirstOfNextMonth", schedule.ToString());
    }

    [Fact]
    public void Period_and_PeriodContaining_allocate_nothing_once_warmed_up()
    {
        // A zone instance of its own: the shared Tzdb instance's interval cache is also used, and evicted, by tests
        // running in parallel, and a cache miss allocates in NodaTime.
        DateTimeZone newYork = new DateTimeZoneCache(TzdbDateTimeZoneSource.Default)["America/New_York"];
        BillingSchedule schedule = BillingSchedule.Create(new LocalDate(2024, 1, 31), newYork).AsT0;
        Instant start = schedule.Start;
        long checksum = Exercise(schedule, start); // warms up the JIT and NodaTime's zone interval cache

        long before = GC.GetAllocatedBytesForCurrentThread();
        checksum += Exercise(schedule, start);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.NotEqual(0, checksum);

        static long Exercise(BillingSchedule schedule, Instant start)
        {
            long sum = 0;
            for (int i = 0; i < 20_000; i++)
            {
                sum += schedule.Period(i % 36).AsT0.Index;
                sum += schedule.PeriodContaining(start + Duration.FromHours(i % (36 * 30 * 24))).AsT0.Index;
            }

            return sum;
        }
    }

    internal static LocalDate[] StartDates(BillingSchedule schedule, int count)
        => Enumerable.Range(0, count).Select(index => schedule.Period(index).AsT0.StartDate).ToArray();
}
