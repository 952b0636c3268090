using AgencyConnects.Domain.Billing;
using NodaTime;
using Xunit;
using static AgencyConnects.Domain.Tests.TestData;

namespace AgencyConnects.Domain.Tests.Billing;

/// <summary>An example that kills mutants of <see cref="BillingSchedule.PeriodsEndedBetween"/> left alive by the Stryker.NET run (see SurvivingMutants.md).</summary>
public sealed class MutantKillingTests
{
    [Fact]
    public void No_period_ends_in_an_interval_that_starts_after_the_schedule_ends()
    {
        BillingSchedule schedule = BillingSchedule.Create(new LocalDate(2025, 1, 10), DateTimeZone.Utc, MonthEndPolicy.ClampToMonthEnd).AsT0;
        Instant after = Utc(9999, 12, 20);

        Assert.True(after >= schedule.End);
        Assert.Empty(schedule.PeriodsEndedBetween(after, Utc(9999, 12, 21)));
    }
}
