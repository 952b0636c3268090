using AgencyConnects.Domain.Billing;
using NodaTime;
using Xunit;

namespace AgencyConnects.Domain.Tests.Billing;

/// <summary>Every error case of <see cref="BillingSchedule"/>, with its data.</summary>
public sealed class BillingScheduleErrorTests
{
    private static readonly BillingSchedule s_schedule = BillingSchedule.Create(new LocalDate(2024, 1, 31)).AsT0;

    [Fact]
    public void Create_refuses_an_anchor_before_year_1()
    {
        var anchor = new LocalDate(0, 12, 31);

        Assert.Equal(new AnchorOutOfRange(anchor), BillingSchedule.Create(anchor).AsT1);
        Assert.True(BillingSchedule.Create(BillingSchedule.MinAnchor).IsT0);
    }

    [Fact]
    public void Create_refuses_an_anchor_after_9000()
    {
        var anchor = new LocalDate(9001, 1, 1);

        Assert.Equal(new AnchorOutOfRange(anchor), BillingSchedule.Create(anchor).AsT1);
        Assert.True(BillingSchedule.Create(BillingSchedule.MaxAnchor).IsT0);
    }

    [Fact]
    public void Create_refuses_an_anchor_in_another_calendar()
    {
        var anchor = new LocalDate(2024, 1, 31, CalendarSystem.Julian);

        Assert.Equal(new AnchorNotInIsoCalendar(anchor), BillingSchedule.Create(anchor).AsT2);
    }

    [Fact]
    public void Create_refuses_a_policy_that_is_not_named()
    {
        const MonthEndPolicy undefined = (MonthEndPolicy)2;

        Assert.Equal(new UndefinedMonthEndPolicy(undefined), BillingSchedule.Create(new LocalDate(2024, 1, 31), policy: undefined).AsT3);
    }

    [Fact]
    public void Period_refuses_a_negative_index()
    {
        Assert.Equal(new PeriodOutOfRange(-1, s_schedule.LastIndex), s_schedule.Period(-1).AsT1);
        Assert.Equal(new PeriodOutOfRange(int.MinValue, s_schedule.LastIndex), s_schedule.Period(int.MinValue).AsT1);
    }

    [Fact]
    public void Period_refuses_an_index_past_the_last()
    {
        int last = s_schedule.LastIndex;

        Assert.Equal(((9998 - 2024) * 12) + 11, last);
        Assert.True(s_schedule.Period(last).IsT0);
        Assert.Equal(new PeriodOutOfRange(last + 1, last), s_schedule.Period(last + 1).AsT1);
        Assert.Equal(new PeriodOutOfRange(int.MaxValue, last), s_schedule.Period(int.MaxValue).AsT1);
    }

    [Fact]
    public void PeriodContaining_refuses_an_instant_before_the_schedule()
    {
        Instant justBefore = s_schedule.Start - Duration.Epsilon;

        Assert.Equal(new InstantBeforeSchedule(justBefore, s_schedule.Start), s_schedule.PeriodContaining(justBefore).AsT1);
        Assert.Equal(new InstantBeforeSchedule(Instant.MinValue, s_schedule.Start), s_schedule.PeriodContaining(Instant.MinValue).AsT1);
        Assert.Equal(0, s_schedule.PeriodContaining(s_schedule.Start).AsT0.Index);
    }

    [Fact]
    public void PeriodContaining_refuses_an_instant_at_or_after_the_end_of_the_last_period()
    {
        Assert.Equal(new InstantAfterSchedule(s_schedule.End, s_schedule.End), s_schedule.PeriodContaining(s_schedule.End).AsT2);
        Assert.Equal(new InstantAfterSchedule(Instant.MaxValue, s_schedule.End), s_schedule.PeriodContaining(Instant.MaxValue).AsT2);
        Assert.Equal(s_schedule.LastIndex, s_schedule.PeriodContaining(s_schedule.End - Duration.Epsilon).AsT0.Index);
    }

    [Fact]
    public void Next_refuses_to_go_past_the_last_period()
    {
        BillingPeriod last = s_schedule.Period(s_schedule.LastIndex).AsT0;

        Assert.Equal(new PeriodOutOfRange(s_schedule.LastIndex + 1, s_schedule.LastIndex), s_schedule.Next(last).AsT1);
    }

    [Fact]
    public void Next_refuses_the_default_period()
    {
        Assert.Equal(new PeriodNotInSchedule(default), s_schedule.Next(default).AsT2);
    }

    [Fact]
    public void Next_refuses_a_period_of_another_schedule()
    {
        BillingPeriod sameIndexOtherZone = BillingSchedule.Create(s_schedule.Anchor, DateTimeZoneProviders.Tzdb["Europe/Paris"]).AsT0.Period(3).AsT0;
        BillingPeriod sameIndexOtherPolicy = BillingSchedule.Create(s_schedule.Anchor, policy: MonthEndPolicy.FirstOfNextMonth).AsT0.Period(1).AsT0;
        BillingSchedule older = BillingSchedule.Create(new LocalDate(1900, 1, 31)).AsT0;
        BillingPeriod indexBeyondThisSchedule = older.Period(older.LastIndex).AsT0;

        Assert.Equal(new PeriodNotInSchedule(sameIndexOtherZone), s_schedule.Next(sameIndexOtherZone).AsT2);
        Assert.Equal(new PeriodNotInSchedule(sameIndexOtherPolicy), s_schedule.Next(sameIndexOtherPolicy).AsT2);
        Assert.Equal(new PeriodNotInSchedule(indexBeyondThisSchedule), s_schedule.Next(indexBeyondThisSchedule).AsT2);
    }

    [Fact]
    public void Next_accepts_an_equal_period_from_an_equal_schedule()
    {
        BillingSchedule twin = BillingSchedule.Create(s_schedule.Anchor).AsT0;

        Assert.Equal(s_schedule.Period(2).AsT0, s_schedule.Next(twin.Period(1).AsT0).AsT0);
    }
}
