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
}
