using System.Collections.Generic;
using System.Linq;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.MonthEnd;
using AgencyConnects.Domain.Plans;
using AgencyConnects.Domain.Pool;
using AgencyConnects.Domain.Values;
using Xunit;
using static AgencyConnects.Domain.Tests.Lifecycle.Catalogs;
using static AgencyConnects.Domain.Tests.Lifecycle.Given;
using static AgencyConnects.Domain.Tests.TestData;

namespace AgencyConnects.Domain.Tests.Lifecycle;

/// <summary>A pool holds at most <see cref="Connects.MaxValue"/>: grants stop there instead of overflowing.</summary>
public sealed class FullPoolTests
{
    // No cap, 80 a month on Agency Plus, any quantity at $1.00.
    private static readonly PlanCatalog s_uncapped = Catalog(
        "Uncapped",
        Terms(Plan.FreelancerBasic, 0m, 10, null, PlanActions.SpendConnects),
        Terms(Plan.FreelancerPlus, 10m, 70, null, PlanActions.SpendConnects | PlanActions.BuyConnects, PurchaseRules.AnyQuantity(Usd(1.00m), C(1)).AsT0),
        Terms(Plan.AgencyBasic, 0m, 0, null, PlanActions.None),
        Terms(Plan.AgencyPlus, 20m, 80, null, PlanActions.All, PurchaseRules.AnyQuantity(Usd(1.00m), C(1)).AsT0));

    [Fact]
    public void A_month_end_grant_stops_at_the_largest_balance()
    {
        Story<AgencyAccount> agency = PlusAgencyStory(Settings(s_uncapped)).Then(a => a.BuyConnects(Owner, C(int.MaxValue - 80 - 30), Key("b1"), Hours(1)).AsT0);
        Assert.Equal(C(int.MaxValue - 30), agency.Account.Balance);

        Updated<AgencyAccount> closed = agency.Account.CloseElapsedPeriods(Utc(2025, 3, 10)).AsT0;

        // Feb 10: 30 of the 80 fit and 50 are withheld; Mar 10: nothing fits, and the event says all 80 were withheld.
        Assert.Equal(
            [new ConnectsGranted(Utc(2025, 2, 10), C(30), null, C(50)), new ConnectsGranted(Utc(2025, 3, 10), C(0), null, C(80))],
            closed.Events.OfType<ConnectsGranted>());
        Assert.Equal(2, closed.Events.OfType<PeriodClosed>().Count());
        Assert.Equal(Connects.MaxValue, closed.Account.Balance);
        Assert.Equal(closed.Account.Balance.Value, agency.Then(_ => closed).History.LedgerSum());
    }

    [Fact]
    public void The_batch_close_reports_the_allotment_withheld_from_a_full_pool()
    {
        AgencyAccount agency = PlusAgency(Settings(s_uncapped));
        agency = agency.BuyConnects(Owner, C(int.MaxValue - 80 - 30), Key("b1"), Hours(1)).AsT0.Account;
        var lots = new List<Lot>();
        MonthEndAccount[] accounts = [Compact.Of(agency, lots)];
        var outcomes = new MonthEndOutcome[1];

        Assert.True(MonthEndBatch.Close(s_uncapped, Utc(2025, 3, 10), accounts, lots.ToArray(), new MonthEndAccount[1], new Lot[8], outcomes, new MonthEndFee[4]).IsT0);

        Assert.Equal(new MonthEndOutcome(2, 0, 0, Connects.MaxValue, 30, Connects.MaxValue, 130), outcomes[0]);
    }

    [Fact]
    public void An_upgrade_grant_stops_at_the_largest_balance()
    {
        AgencyAccount agency = PlusAgency(Settings(s_uncapped));
        agency = agency.BuyConnects(Owner, C(int.MaxValue - 80 - 5), Key("b1"), Hours(1)).AsT0.Account;
        agency = agency.RecordFailedPayment(Hours(2)).AsT0.Account;

        Updated<AgencyAccount> upgraded = agency.UpgradeToPlus(Owner, Hours(3)).AsT0;

        Assert.Equal(new ConnectsGranted(Hours(3), C(5), null, C(75)), Assert.Single(upgraded.Events.OfType<ConnectsGranted>()));
        Assert.Equal(Connects.MaxValue, upgraded.Account.Balance);
    }
}
