using AgencyConnects.Domain.Billing;
using NodaTime;
using Xunit;

namespace AgencyConnects.Domain.Tests.Billing;

/// <summary>Period boundaries in zones with daylight saving, skipped and repeated midnights, and a skipped date.</summary>
public sealed class BillingScheduleTimeZoneTests
{
    [Fact]
    public void A_period_across_the_spring_change_in_New_York_is_an_hour_short()
    {
        BillingSchedule schedule = Schedule(new LocalDate(2024, 3, 1), "America/New_York");

        BillingPeriod period = schedule.Period(0).AsT0;

        Assert.Equal(new LocalDate(2024, 4, 1), period.EndDate);
        Assert.Equal(Instant.FromUtc(2024, 3, 1, 5, 0), period.Start);
        Assert.Equal(Instant.FromUtc(2024, 4, 1, 4, 0), period.End);
        Assert.Equal(Duration.FromDays(31) - Duration.FromHours(1), period.Duration);
    }

    [Fact]
    public void A_period_across_the_autumn_change_in_New_York_is_an_hour_long()
    {
        BillingSchedule schedule = Schedule(new LocalDate(2024, 10, 15), "America/New_York");

        BillingPeriod period = schedule.Period(0).AsT0;

        Assert.Equal(Instant.FromUtc(2024, 10, 15, 4, 0), period.Start);
        Assert.Equal(Instant.FromUtc(2024, 11, 15, 5, 0), period.End);
        Assert.Equal(Duration.FromDays(31) + Duration.FromHours(1), period.Duration);
    }

    [Fact]
    public void A_skipped_midnight_in_Santiago_starts_the_period_at_one_in_the_morning()
    {
        // Chile moved its clocks from 2024-09-08 00:00 to 01:00: local midnight did not exist that day.
        DateTimeZone santiago = DateTimeZoneProviders.Tzdb["America/Santiago"];
        BillingSchedule schedule = BillingSchedule.Create(new LocalDate(2024, 8, 8), santiago).AsT0;
        Instant oneInTheMorning = Instant.FromUtc(2024, 9, 8, 4, 0);

        BillingPeriod september = schedule.Period(1).AsT0;

        Assert.Equal(new LocalDate(2024, 9, 8), september.StartDate);
        Assert.Equal(oneInTheMorning, september.Start);
        Assert.Equal(new LocalTime(1, 0), september.Start.InZone(santiago).TimeOfDay);
        Assert.Equal(santiago.AtStartOfDay(new LocalDate(2024, 9, 8)).ToInstant(), september.Start);
        Assert.Equal(oneInTheMorning, schedule.Period(0).AsT0.End);
        Assert.Equal(0, schedule.PeriodContaining(oneInTheMorning - Duration.Epsilon).AsT0.Index);
        Assert.Equal(1, schedule.PeriodContaining(oneInTheMorning).AsT0.Index);
    }

    [Fact]
    public void A_skipped_midnight_on_the_anchor_date_in_Beirut_starts_the_schedule_at_one_in_the_morning()
    {
        BillingSchedule schedule = Schedule(new LocalDate(2024, 3, 31), "Asia/Beirut");

        Assert.Equal(Instant.FromUtc(2024, 3, 30, 22, 0), schedule.Start);
        Assert.Equal(schedule.Start, schedule.Period(0).AsT0.Start);
        Assert.Equal(
            new InstantBeforeSchedule(Instant.FromUtc(2024, 3, 30, 21, 59), schedule.Start),
            schedule.PeriodContaining(Instant.FromUtc(2024, 3, 30, 21, 59)).AsT1);
    }

    [Fact]
    public void A_repeated_midnight_in_Havana_starts_the_period_at_the_first_midnight()
    {
        // Cuba moved its clocks back from 2023-11-05 01:00 to 00:00: local midnight happened twice that day.
        BillingSchedule schedule = Schedule(new LocalDate(2023, 10, 5), "America/Havana");

        BillingPeriod october = schedule.Period(0).AsT0;
        BillingPeriod november = schedule.Period(1).AsT0;

        Assert.Equal(Instant.FromUtc(2023, 11, 5, 4, 0), november.Start);
        Assert.Equal(Duration.FromDays(31), october.Duration);
        Assert.Equal(Duration.FromDays(30) + Duration.FromHours(1), november.Duration);
        Assert.Equal(november, schedule.PeriodContaining(Instant.FromUtc(2023, 11, 5, 4, 30)).AsT0);
        Assert.Equal(november, schedule.PeriodContaining(Instant.FromUtc(2023, 11, 5, 5, 30)).AsT0);
        Assert.Equal(october, schedule.PeriodContaining(Instant.FromUtc(2023, 11, 5, 3, 59)).AsT0);
    }

    [Fact]
    public void A_repeated_midnight_east_of_Greenwich_in_Amman_starts_the_period_at_the_first_midnight()
    {
        // Jordan moved its clocks back from 2021-10-29 01:00 (+03) to 00:00 (+02).
        BillingSchedule schedule = Schedule(new LocalDate(2021, 9, 29), "Asia/Amman");

        BillingPeriod september = schedule.Period(0).AsT0;
        BillingPeriod october = schedule.Period(1).AsT0;

        Assert.Equal(Instant.FromUtc(2021, 10, 28, 21, 0), october.Start);
        Assert.Equal(Duration.FromDays(30), september.Duration);
        Assert.Equal(Duration.FromDays(31) + Duration.FromHours(1), october.Duration);
        Assert.Equal(october, schedule.PeriodContaining(Instant.FromUtc(2021, 10, 28, 22, 30)).AsT0);
        Assert.Equal(september, schedule.PeriodContaining(Instant.FromUtc(2021, 10, 28, 20, 59)).AsT0);
    }

    [Fact]
    public void An_instant_whose_local_date_went_back_across_midnight_belongs_to_the_period_already_begun()
    {
        // Goose Bay moved its clocks back from 2010-11-07 00:01 to 2010-11-06 23:01.
        DateTimeZone gooseBay = DateTimeZoneProviders.Tzdb["America/Goose_Bay"];
        BillingSchedule schedule = BillingSchedule.Create(new LocalDate(2010, 10, 7), gooseBay).AsT0;
        Instant afterTheChange = Instant.FromUtc(2010, 11, 7, 3, 30);

        BillingPeriod november = schedule.PeriodContaining(afterTheChange).AsT0;

        Assert.Equal(new LocalDate(2010, 11, 6), afterTheChange.InZone(gooseBay).Date);
        Assert.Equal(1, november.Index);
        Assert.Equal(Instant.FromUtc(2010, 11, 7, 3, 0), november.Start);
    }

    [Fact]
    public void An_instant_whose_local_date_went_back_before_the_anchor_belongs_to_period_zero()
    {
        // Goose Bay moved its clocks back from 2009-11-01 00:01 to 2009-10-31 23:01.
        DateTimeZone gooseBay = DateTimeZoneProviders.Tzdb["America/Goose_Bay"];
        BillingSchedule schedule = BillingSchedule.Create(new LocalDate(2009, 11, 1), gooseBay).AsT0;
        Instant afterTheChange = Instant.FromUtc(2009, 11, 1, 3, 30);

        BillingPeriod period = schedule.PeriodContaining(afterTheChange).AsT0;

        Assert.Equal(new LocalDate(2009, 10, 31), afterTheChange.InZone(gooseBay).Date);
        Assert.Equal(Instant.FromUtc(2009, 11, 1, 3, 0), schedule.Start);
        Assert.Equal(schedule.Period(0).AsT0, period);
    }

    [Fact]
    public void A_date_skipped_entirely_in_Apia_starts_when_the_clocks_jumped_over_it()
    {
        // Samoa went from 2011-12-29 23:59:59 straight to 2011-12-31 00:00: 2011-12-30 never happened there.
        DateTimeZone apia = DateTimeZoneProviders.Tzdb["Pacific/Apia"];
        BillingSchedule schedule = BillingSchedule.Create(new LocalDate(2011, 11, 30), apia).AsT0;
        var skipped = new LocalDate(2011, 12, 30);

        BillingPeriod november = schedule.Period(0).AsT0;
        BillingPeriod december = schedule.Period(1).AsT0;

        Assert.Throws<SkippedTimeException>(() => apia.AtStartOfDay(skipped));
        Assert.Equal(skipped, december.StartDate);
        Assert.Equal(Instant.FromUtc(2011, 12, 30, 10, 0), december.Start);
        Assert.Equal(apia.AtStartOfDay(new LocalDate(2011, 12, 31)).ToInstant(), december.Start);
        Assert.Equal(december.Start, november.End);
        Assert.Equal(Duration.FromDays(30), november.Duration);
        Assert.Equal(Instant.FromUtc(2012, 1, 29, 10, 0), december.End);
    }

    [Theory]
    [InlineData("America/Santiago")]
    [InlineData("America/Sao_Paulo")]
    [InlineData("America/Havana")]
    [InlineData("Asia/Amman")]
    [InlineData("Africa/Tunis")]
    [InlineData("America/Goose_Bay")]
    [InlineData("Asia/Beirut")]
    [InlineData("Pacific/Apia")]
    [InlineData("Pacific/Kwajalein")]
    [InlineData("Pacific/Kiritimati")]
    public void Every_period_starts_at_the_start_of_its_date_in_zones_whose_midnights_misbehave(string zoneId)
    {
        DateTimeZone zone = DateTimeZoneProviders.Tzdb[zoneId];
        foreach (MonthEndPolicy policy in new[] { MonthEndPolicy.ClampToMonthEnd, MonthEndPolicy.FirstOfNextMonth })
        {
            for (int day = 1; day <= 31; day++)
            {
                BillingSchedule schedule = BillingSchedule.Create(new LocalDate(1980, 1, day), zone, policy).AsT0;
                for (int index = 0; index < 12 * 60; index++)
                {
                    BillingPeriod period = schedule.Period(index).AsT0;
                    Assert.Equal(BillingScheduleProperties.StartOfDayReference(zone, period.StartDate), period.Start);
                }
            }
        }
    }

    private static BillingSchedule Schedule(LocalDate anchor, string zoneId)
        => BillingSchedule.Create(anchor, DateTimeZoneProviders.Tzdb[zoneId]).AsT0;
}
