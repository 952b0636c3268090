using System.Collections.Generic;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.MonthEnd;
using AgencyConnects.Domain.Plans;
using AgencyConnects.Domain.Pool;
using NodaTime;
using Xunit;
using static AgencyConnects.Domain.Tests.Lifecycle.Catalogs;
using static AgencyConnects.Domain.Tests.Lifecycle.Given;
using static AgencyConnects.Domain.Tests.TestData;

namespace AgencyConnects.Domain.Tests.Lifecycle;

/// <summary>
/// Examples that kill mutants of <see cref="MonthEndBatch"/> left alive by the Stryker.NET run: an account with no
/// period due, and a new allotment that is spent before older lots (see SurvivingMutants.md).
/// </summary>
public sealed class MutantKillingTests
{
    [Fact]
    public void Batch_close_before_the_period_ends_writes_the_lots_unchanged()
    {
        AgencyAccount agency = PlusAgency().BuyConnects(Owner, C(120), Key("b1"), Hours(1)).AsT0.Account;
        var lots = new List<Lot>();
        MonthEndAccount[] accounts = [Compact.Of(agency, lots)];
        var closedAccounts = new MonthEndAccount[1];
        var closedLots = new Lot[lots.Count];
        var outcomes = new MonthEndOutcome[1];

        MonthEndBatchResult result = MonthEndBatch.Close(PlanCatalog.Classic, Hours(5), accounts, lots.ToArray(), closedAccounts, closedLots, outcomes, []).AsT0;

        Assert.Equal(new MonthEndBatchResult(2, 0), result);
        Assert.Equal<Lot>(agency.Pool.Lots, closedLots);
        Assert.Equal(accounts[0], closedAccounts[0]);
        Assert.Equal(new MonthEndOutcome(0, 0, 0, C(0), 0, C(200), 0), outcomes[0]);
    }

    [Fact]
    public void A_new_allotment_that_expires_is_placed_before_older_lots_that_never_expire()
    {
        // MixedLifetimes: Connects acquired on Freelancer Plus never expire; those acquired on Basic expire a month later.
        FreelancerAccount account = PlusFreelancer(Settings(MixedLifetimes))
            .BuyConnects(Holder, C(15), Key("b1"), Hours(1)).AsT0.Account
            .DowngradeToBasic(Holder, Hours(2)).AsT0.Account;
        var lots = new List<Lot>();
        MonthEndAccount[] accounts = [Compact.Of(account, lots)];
        var closedLots = new Lot[lots.Count + 1];
        Instant at = Utc(2025, 2, 10, 12);

        MonthEndBatchResult result = MonthEndBatch.Close(MixedLifetimes, at, accounts, lots.ToArray(), new MonthEndAccount[1], closedLots, new MonthEndOutcome[1], new MonthEndFee[1]).AsT0;

        Assert.Equal(new Lot(LotSource.Allotment, C(10), Utc(2025, 2, 10), Utc(2025, 3, 10)), closedLots[0]);
        Assert.Equal(3, result.LotsWritten);
        Assert.Equal<Lot>(account.CloseElapsedPeriods(at).AsT0.Account.Pool.Lots, closedLots[..result.LotsWritten]);
    }
}
