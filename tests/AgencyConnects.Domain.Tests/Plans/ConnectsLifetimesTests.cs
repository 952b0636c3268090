using AgencyConnects.Domain.Plans;
using NodaTime;
using Xunit;

namespace AgencyConnects.Domain.Tests.Plans;

/// <summary>
/// The first local time from which Connects acquired would expire after the last instant there is. Adding a lifetime
/// is not monotonic across days (the month-end clamp maps two dates to one), so the answer can lie up to three days
/// before where a binary search over days stops.
/// </summary>
public sealed class ConnectsLifetimesTests
{
    public static TheoryData<int, int, int> Lifetimes() => new()
    {
        { 11, 31, -12 }, // 9998-12-30T12:00 and 9998-12-31T01:00 both land on 9999-12-31.
        { 11, 31, 0 },
        { 0, 365, -12 },
        { 12, 0, -18 },
        { 10, 61, -7 },
        { 1, 0, 14 },
    };

    [Theory]
    [MemberData(nameof(Lifetimes))]
    public void Every_time_before_the_first_unfitting_one_fits_and_it_does_not(int months, int days, int offsetHours)
    {
        Period lifetime = Period.FromMonths(months) + Period.FromDays(days);
        DateTimeZone zone = DateTimeZone.ForOffset(Offset.FromHours(offsetHours));

        LocalDateTime first = ConnectsLifetimes.FirstUnfitting(lifetime, zone);

        Assert.False(ConnectsLifetimes.Fits(first, lifetime, zone));
        Assert.True(ConnectsLifetimes.Fits(first.PlusNanoseconds(-1), lifetime, zone));
        for (LocalDateTime t = first.PlusDays(-5); t < first; t = t.PlusMinutes(30))
        {
            Assert.True(ConnectsLifetimes.Fits(t, lifetime, zone), $"{t} does not fit, before {first}");
        }
    }

    [Fact]
    public void The_clamp_makes_an_earlier_day_unfitting_than_where_a_search_over_days_stops()
    {
        Period lifetime = Period.FromMonths(11) + Period.FromDays(31);
        DateTimeZone zone = DateTimeZone.ForOffset(Offset.FromHours(-12));

        Assert.Equal(new LocalDateTime(9998, 12, 30, 12, 0), ConnectsLifetimes.FirstUnfitting(lifetime, zone));
        Assert.True(ConnectsLifetimes.Fits(new LocalDateTime(9998, 12, 31, 1, 0), lifetime, zone));
    }

    // From 9001-01-01T00:00, P998Y11M30D reaches 9999-12-31T00:00 local. At UTC-18 local 06:00 on that day is already
    // 10000-01-01 UTC, while at UTC+18 every time of that day is an instant.
    [Fact]
    public void A_lifetime_is_valid_only_if_it_fits_at_utc_minus_18()
    {
        Period toLastDay = Period.FromYears(998) + Period.FromMonths(11) + Period.FromDays(30);

        Assert.True(ConnectsLifetimes.IsValid(toLastDay + Period.FromHours(5)));
        Assert.False(ConnectsLifetimes.IsValid(toLastDay + Period.FromHours(12)));
    }

    // Midnight of 9999-12-31 plus one hour fits, so the first unfitting time lies within the last day there is.
    [Fact]
    public void The_first_unfitting_time_of_a_lifetime_shorter_than_a_day_is_on_the_last_day()
    {
        DateTimeZone zone = DateTimeZone.ForOffset(Offset.FromHours(-18));

        Assert.Equal(new LocalDateTime(9999, 12, 31, 5, 0), ConnectsLifetimes.FirstUnfitting(Period.FromHours(1), zone));
    }

    // 9999-01-28 to 01-31 plus one month all clamp to 02-28, and plus 306 days to 12-31, which at UTC-5 does not fit from
    // 19:00 on. Midnight of 01-31 fits and of 02-01 does not, so the search over days stops in 01-31, three days late.
    [Fact]
    public void The_first_unfitting_time_can_be_three_days_before_the_last_fitting_midnight()
    {
        Period lifetime = Period.FromMonths(1) + Period.FromDays(306);
        DateTimeZone zone = DateTimeZone.ForOffset(Offset.FromHours(-5));

        Assert.Equal(new LocalDateTime(9999, 1, 28, 19, 0), ConnectsLifetimes.FirstUnfitting(lifetime, zone));
        Assert.True(ConnectsLifetimes.Fits(new LocalDateTime(9999, 1, 31, 0, 0), lifetime, zone));
        Assert.False(ConnectsLifetimes.Fits(new LocalDateTime(9999, 2, 1, 0, 0), lifetime, zone));
    }
}
