using System.Linq;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Billing;
using AgencyConnects.Domain.Membership;
using AgencyConnects.Domain.Plans;
using AgencyConnects.Domain.Proposals;
using AgencyConnects.Domain.Values;
using NodaTime;
using Xunit;
using static AgencyConnects.Domain.Tests.Lifecycle.Given;
using static AgencyConnects.Domain.Tests.TestData;

namespace AgencyConnects.Domain.Tests.Accounts;

/// <summary>Bills and usage by billing period and by local dates; the period at any instant; defined enumeration orders.</summary>
public sealed class ReportsAndPeriodsTests
{
    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];

    private static Story<AgencyAccount> NewYorkAgency()
    {
        AccountSettings settings = AccountSettings.Create(PlanCatalog.Classic, NewYork).AsT0;
        return Begin(AgencyAccount.Create(Agency("acme"), Owner, Utc(2025, 1, 10, 15), AgencyDirectory.Empty, settings).AsT0)
            .Then(a => a.UpgradeToPlus(Owner, Utc(2025, 1, 10, 15)).AsT0);
    }

    [Fact]
    public void A_bill_by_local_dates_covers_those_days_in_the_account_zone()
    {
        AccountHistory agency = NewYorkAgency()
            .Then(a => a.BuyConnects(Owner, C(3), Key("late-jan-31-local"), Utc(2025, 2, 1, 4)).AsT0) // Jan 31, 23:00 in New York
            .Then(a => a.BuyConnects(Owner, C(4), Key("feb-1-local"), Utc(2025, 2, 1, 5)).AsT0) // Feb 1, 00:00 in New York
            .History;

        Bill january = agency.Bill(new DateInterval(new LocalDate(2025, 1, 1), new LocalDate(2025, 1, 31)));

        Assert.Equal(Utc(2025, 1, 1, 5), january.From);
        Assert.Equal(Utc(2025, 2, 1, 5), january.To);
        Assert.Equal([BillLineKind.PeriodFee, BillLineKind.ConnectsPurchase], january.Lines.Select(l => l.Kind));
        Assert.Equal(Usd(23.00m), january.Total);
        Assert.Equal<BillLine>(agency.Bill(january.From, january.To).Lines, january.Lines);
    }

    [Fact]
    public void A_bill_by_period_is_the_bill_of_its_instants()
    {
        Story<AgencyAccount> agency = NewYorkAgency().Then(a => a.CloseElapsedPeriods(Utc(2025, 3, 1)).AsT0);
        BillingPeriod second = agency.Account.Schedule.Period(1).AsT0;

        Bill bill = agency.History.Bill(second);

        Assert.Equal(second.Start, bill.From);
        Assert.Equal(second.End, bill.To);
        Assert.Equal(Usd(20.00m), bill.Total);
        Assert.Equal(second, Assert.Single(bill.Lines).Period);
    }

    [Fact]
    public void Usage_by_period_and_by_local_dates_agrees_with_usage_by_instants()
    {
        Story<AgencyAccount> story = NewYorkAgency()
            .Then(a => a.AddMember(Owner, Person("ben"), Permissions.Freelancer, MembershipKind.NonExclusive, Utc(2025, 1, 11), AgencyDirectory.Empty).AsT0)
            .Then(a => a.SubmitProposal(Owner, Person("ben"), Proposal("p1"), C(2), C(1), Key("s1"), Utc(2025, 1, 12, 12)).AsT0);
        AgencyAccount agency = story.Account;
        AccountHistory history = story.History;

        UsageReport byDates = history.Usage(new DateInterval(new LocalDate(2025, 1, 12), new LocalDate(2025, 1, 12)));
        UsageReport byPeriod = history.Usage(agency.CurrentPeriod);

        Assert.Equal(3, byDates.TotalSpent);
        Assert.Equal(Utc(2025, 1, 12, 5), byDates.From);
        Assert.Equal(Utc(2025, 1, 13, 5), byDates.To);
        Assert.Equal<MemberUsage>(history.Usage(agency.CurrentPeriod.Start, agency.CurrentPeriod.End).Members, byPeriod.Members);
        Assert.Equal(3, byPeriod.TotalSpent);
    }

    [Fact]
    public void Local_dates_at_the_ends_of_the_calendar_are_clamped_to_the_instants_there_are()
    {
        Bill all = NewYorkAgency().History.Bill(new DateInterval(LocalDate.MinIsoValue, LocalDate.MaxIsoValue));

        Assert.Equal(Instant.MinValue, all.From);
        Assert.Equal(Instant.MaxValue, all.To);
        Assert.Equal(Usd(20.00m), all.Total);
    }

    [Fact]
    public void The_period_at_an_instant_needs_no_month_end_first()
    {
        AgencyAccount agency = NewYorkAgency().Account;

        BillingPeriod later = agency.PeriodAt(Utc(2025, 3, 20)).AsT0;

        Assert.Equal(agency.CurrentPeriod, agency.PeriodAt(Utc(2025, 1, 20)).AsT0);
        Assert.Equal(2, later.Index);
        Assert.Equal(new LocalDate(2025, 4, 10).AtStartOfDayInZone(NewYork).ToInstant(), later.End);
        Assert.Equal(new InstantBeforeSchedule(Utc(2025, 1, 1), agency.Schedule.Start), agency.PeriodAt(Utc(2025, 1, 1)).AsT1);
        Assert.Equal(agency.Schedule.End, agency.PeriodAt(agency.Schedule.End).AsT2.ScheduleEnd);
    }

    [Fact]
    public void Members_enumerate_in_joining_order_and_proposals_in_submission_order()
    {
        var history = new System.Collections.Generic.List<AccountEvent>();
        AgencyAccount Take(Updated<AgencyAccount> change)
        {
            history.AddRange(change.Events);
            return change.Account;
        }

        AgencyAccount agency = Take(AgencyAccount.Create(Agency("acme"), Owner, Start, AgencyDirectory.Empty).AsT0);
        agency = Take(agency.UpgradeToPlus(Owner, Start).AsT0);
        foreach ((string name, int hour) in new[] { ("zoe", 1), ("adam", 2), ("mia", 3) })
        {
            agency = Take(agency.AddMember(Owner, Person(name), Permissions.Freelancer, MembershipKind.NonExclusive, Hours(hour), AgencyDirectory.Empty).AsT0);
        }

        agency = Take(agency.RemoveMember(Owner, Person("adam"), Hours(4)).AsT0);
        agency = Take(agency.AddMember(Owner, Person("adam"), Permissions.Freelancer, MembershipKind.NonExclusive, Hours(5), AgencyDirectory.Empty).AsT0);
        foreach (string id in new[] { "p9", "p1", "p5" })
        {
            agency = Take(agency.SubmitProposal(Owner, Person("zoe"), Proposal(id), C(1), C(0), Key(id), Hours(6)).AsT0);
        }

        PersonId[] joined = [Owner, Person("zoe"), Person("mia"), Person("adam")];
        Assert.Equal(joined, agency.Members.Keys);
        Assert.Equal(joined, agency.Members.Select(m => m.Value.Person));
        Assert.Equal(joined, agency.Members.Values.Select(m => m.Person));
        Assert.Equal([Proposal("p9"), Proposal("p1"), Proposal("p5")], agency.Proposals.Keys);
        Assert.Equal([Proposal("p9"), Proposal("p1"), Proposal("p5")], agency.Proposals.Values.Select(p => p.Id));
        AgencyAccount replayed = AgencyAccount.Replay(history);
        Assert.Equal(joined, replayed.Members.Keys);
        Assert.Equal([Proposal("p9"), Proposal("p1"), Proposal("p5")], replayed.Proposals.Keys);
    }
}
