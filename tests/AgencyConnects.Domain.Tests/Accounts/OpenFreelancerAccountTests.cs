using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Billing;
using AgencyConnects.Domain.Plans;
using AgencyConnects.Domain.Values;
using NodaTime;
using Xunit;
using static AgencyConnects.Domain.Tests.Lifecycle.Given;

namespace AgencyConnects.Domain.Tests.Accounts;

/// <summary><see cref="FreelancerAccount.Open"/> refuses the empty person and instants whose local date no schedule can start on.</summary>
public sealed class OpenFreelancerAccountTests
{
    [Fact]
    public void A_freelancer_account_is_not_opened_for_the_empty_person()
    {
        var result = FreelancerAccount.Open(default, Start);

        Assert.Equal(new DefaultValue("holder", nameof(PersonId)), result.AsT1);
    }

    [Fact]
    public void An_account_opened_two_days_before_the_last_instant_is_refused_with_its_local_date()
    {
        // At UTC+1 the local date is a day after the UTC date: the error names the date the schedule would start on.
        AccountSettings settings = AccountSettings.Create(PlanCatalog.Classic, DateTimeZone.ForOffset(Offset.FromHours(1))).AsT0;
        Instant at = Instant.MaxValue - Duration.FromDays(2);

        Assert.Equal(new AnchorOutOfRange(new LocalDate(9999, 12, 30)), FreelancerAccount.Open(Holder, at, settings).AsT2);
    }

    [Fact]
    public void An_account_opened_two_days_after_the_first_instant_is_refused_with_its_local_date()
    {
        AccountSettings settings = AccountSettings.Create(PlanCatalog.Classic, DateTimeZone.ForOffset(Offset.FromHours(-1))).AsT0;
        Instant at = Instant.MinValue + Duration.FromDays(2);

        Assert.Equal(new AnchorOutOfRange(new LocalDate(-9998, 1, 2)), FreelancerAccount.Open(Holder, at, settings).AsT2);
    }
}
