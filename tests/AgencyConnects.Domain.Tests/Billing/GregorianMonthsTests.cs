using AgencyConnects.Domain.Billing;
using NodaTime;
using Xunit;

namespace AgencyConnects.Domain.Tests.Billing;

/// <summary>The month table behind the fixed-offset period ends agrees with NodaTime's ISO calendar on every month from year 1 to 9999.</summary>
public sealed class GregorianMonthsTests
{
    [Fact]
    public void Every_month_starts_on_NodaTimes_day_and_has_its_length()
    {
        LocalDate epoch = new(1970, 1, 1);
        for (int year = 1; year <= 9999; year++)
        {
            for (int month = 1; month <= 12; month++)
            {
                int first = GregorianMonths.FirstDay((year * 12) + month - 1, out int length);

                LocalDate expected = new(year, month, 1);
                Assert.Equal(Period.Between(epoch, expected, PeriodUnits.Days).Days, first);
                Assert.Equal(CalendarSystem.Iso.GetDaysInMonth(year, month), length);
            }
        }
    }
}
