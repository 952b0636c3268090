using System.Collections.Generic;
using System.Linq;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Membership;
using AgencyConnects.Domain.Plans;
using AgencyConnects.Domain.Pool;
using AgencyConnects.Domain.Tests.Lifecycle;
using NodaTime;
using Xunit;
using static AgencyConnects.Domain.Tests.TestData;

namespace AgencyConnects.Domain.Tests.Accounts;

public class MonthEndExamplesTests
{
    private static readonly Instant Start = Utc(2025, 1, 10, 9);

    private static AgencyAccount PlusAgency(AccountSettings? settings = null)
    {
        AgencyAccount created = AgencyAccount.Create(Agency("acme"), Person("olivia"), Start, AgencyDirectory.Empty, settings).AsT0.Account;
        return created.UpgradeToPlus(Person("olivia"), Start).AsT0.Account;
    }

    [Fact]
    public void Classic_30_spent_of_80_leaves_130_after_close()
    {
        AgencyAccount agency = PlusAgency();
        Assert.Equal(C(80), agency.Balance);
        agency = agency.SubmitProposal(Person("olivia"), Person("olivia"), Proposal("p1"), C(6), C(24), Key("k1"), Start.Plus(Duration.FromHours(1))).AsT0.Account;
        Assert.Equal(C(50), agency.Balance);

        Updated<AgencyAccount> closed = agency.CloseElapsedPeriods(Utc(2025, 2, 10)).AsT0;

        Assert.Equal(C(130), closed.Account.Balance);
        PeriodClosed close = Assert.Single(closed.Events.OfType<PeriodClosed>());
        Assert.Equal(new RolloverOutcome(C(0), C(0), C(50)), close.Outcome);
        Assert.Equal(Utc(2025, 2, 10), close.At);
    }

    [Fact]
    public void Classic_200_unused_carries_160_forfeits_40_and_holds_240_after()
    {
        Given.Story<AgencyAccount> agency = Given.PlusAgencyStory().Then(a => a.BuyConnects(Person("olivia"), C(120), Key("buy"), Start.Plus(Duration.FromHours(2))).AsT0);
        Assert.Equal(C(200), agency.Account.Balance);

        Updated<AgencyAccount> closed = agency.Account.CloseElapsedPeriods(Utc(2025, 2, 10, 1)).AsT0;

        PeriodClosed close = Assert.Single(closed.Events.OfType<PeriodClosed>());
        Assert.Equal(new RolloverOutcome(C(0), C(40), C(160)), close.Outcome);
        Assert.Equal(C(240), closed.Account.Balance);
        Assert.Equal(
            closed.Account.Balance.Value,
            agency.Then(_ => closed).History.Ledger.Sum(entry => entry.Delta));
    }

    [Fact]
    public void Current_bought_lot_expires_a_year_after_purchase_through_an_expired_entry()
    {
        var settings = AccountSettings.Create(PlanCatalog.Current, DateTimeZone.Utc).AsT0;
        Instant bought = Start.Plus(Duration.FromHours(3));
        Given.Story<AgencyAccount> agency = Given.PlusAgencyStory(settings).Then(a => a.BuyConnects(Person("olivia"), C(40), Key("buy"), bought).AsT0);

        Updated<AgencyAccount> later = agency.Account.CloseElapsedPeriods(Utc(2026, 1, 10, 12)).AsT0;

        ConnectsExpired expired = Assert.Single(later.Events.OfType<ConnectsExpired>());
        Assert.Equal(Utc(2026, 1, 10, 12), expired.At);
        Assert.Equal(C(40), expired.Quantity);
        Assert.Contains(later.Entries(), e => e.Kind == LedgerEntryKind.Expired && e.Quantity == C(40) && e.At == expired.At);
        Assert.Equal(C(0), later.Account.Balance);
        Assert.Equal(later.Account.Balance.Value, agency.Then(_ => later).History.Ledger.Sum(entry => entry.Delta));
    }

    [Fact]
    public void Replaying_the_events_rebuilds_the_same_agency()
    {
        var events = new List<AccountEvent>();
        Updated<AgencyAccount> created = AgencyAccount.Create(Agency("acme"), Person("olivia"), Start, AgencyDirectory.Empty).AsT0;
        events.AddRange(created.Events);
        Updated<AgencyAccount> upgraded = created.Account.UpgradeToPlus(Person("olivia"), Start).AsT0;
        events.AddRange(upgraded.Events);
        Updated<AgencyAccount> closed = upgraded.Account.CloseElapsedPeriods(Utc(2025, 5, 1)).AsT0;
        events.AddRange(closed.Events);

        AgencyAccount replayed = AgencyAccount.Replay(events);

        Assert.Equal(closed.Account.Balance, replayed.Balance);
        Assert.Equal(closed.Account.Version, replayed.Version);
        Assert.Equal<Lot>(closed.Account.Pool.Lots, replayed.Pool.Lots);
        Assert.Equal(closed.Account.CurrentPeriod, replayed.CurrentPeriod);
        // Feb 10: 80 + 80; Mar 10: 160 + 80; Apr 10: 240 capped to 160, + 80.
        Assert.Equal(C(240), replayed.Balance);
    }
}
