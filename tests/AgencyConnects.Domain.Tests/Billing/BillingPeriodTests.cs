using AgencyConnects.Domain.Billing;
using NodaTime;
using Xunit;

namespace AgencyConnects.Domain.Tests.Billing;

/// <summary>The <see cref="BillingPeriod"/> value.</summary>
public sealed class BillingPeriodTests
{
    private static readonly BillingPeriod s_march = BillingSchedule.Create(
        new LocalDate(2024, 1, 31), DateTimeZoneProviders.Tzdb["America/New_York"]).AsT0.Period(2).AsT0;

    [Fact]
    public void Contains_includes_the_start_and_excludes_the_end()
    {
        Assert.True(s_march.Contains(s_march.Start));
        Assert.True(s_march.Contains(s_march.End - Duration.Epsilon));
        Assert.False(s_march.Contains(s_march.End));
        Assert.False(s_march.Contains(s_march.Start - Duration.Epsilon));
    }

    [Fact]
    public void ToString_shows_the_index_the_dates_and_the_instants()
    {
        Assert.Equal("#2 [2024-03-31, 2024-04-30) = [2024-03-31T04:00:00Z, 2024-04-30T04:00:00Z)", s_march.ToString());
    }

    [Fact]
    public void The_default_period_is_empty_and_contains_no_instant()
    {
        BillingPeriod period = default;

        Assert.Equal(new LocalDate(1, 1, 1), period.StartDate);
        Assert.Equal(Duration.Zero, period.Duration);
        Assert.False(period.Contains(Instant.FromUnixTimeTicks(0)));
    }

    [Fact]
    public void Periods_are_equal_by_value()
    {
        BillingPeriod again = BillingSchedule.Create(
            new LocalDate(2024, 1, 31), DateTimeZoneProviders.Tzdb["America/New_York"]).AsT0.Period(2).AsT0;

        Assert.Equal(s_march, again);
        Assert.NotEqual(s_march, BillingSchedule.Create(new LocalDate(2024, 1, 31)).AsT0.Period(2).AsT0);
    }
}
