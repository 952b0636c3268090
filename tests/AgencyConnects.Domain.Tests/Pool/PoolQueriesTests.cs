using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Plans;
using AgencyConnects.Domain.Pool;
using NodaTime;
using Xunit;
using static AgencyConnects.Domain.Tests.Lifecycle.Given;
using static AgencyConnects.Domain.Tests.TestData;

namespace AgencyConnects.Domain.Tests.Pool;

/// <summary><see cref="AccountHistory.LedgerBetween"/> and <see cref="ConnectsPool.ExpiringBetween"/>: start included, end excluded.</summary>
public sealed class PoolQueriesTests
{
    private static Story<AgencyAccount> ClassicHistory()
        => PlusAgencyStory()
            .Then(a => a.BuyConnects(Owner, C(20), Key("buy"), Hours(1)).AsT0)
            .Then(a => a.SubmitProposal(Owner, Owner, Proposal("p1"), C(6), C(4), Key("p1"), Hours(2)).AsT0);

    [Fact]
    public void LedgerBetween_includes_its_start_and_excludes_its_end()
    {
        AccountHistory pool = ClassicHistory().History;
        var granted = new LedgerEntry(LedgerEntryKind.Granted, C(80), Start);
        var bought = new LedgerEntry(LedgerEntryKind.Bought, C(20), Hours(1), Owner);
        var cost = new LedgerEntry(LedgerEntryKind.Spent, C(6), Hours(2), Owner, Proposal("p1"), Owner, false, Owner);
        var boost = new LedgerEntry(LedgerEntryKind.Spent, C(4), Hours(2), Owner, Proposal("p1"), Owner, true, Owner);

        Assert.Equal<LedgerEntry>([granted, bought, cost, boost], pool.Ledger);
        Assert.Equal<LedgerEntry>([granted, bought], pool.LedgerBetween(Start, Hours(2)));
        Assert.Equal<LedgerEntry>([bought, cost, boost], pool.LedgerBetween(Hours(1), Hours(2).Plus(Duration.Epsilon)));
        Assert.Equal<LedgerEntry>([cost, boost], pool.LedgerBetween(Hours(2), Utc(2030, 1, 1)));
        Assert.Empty(pool.LedgerBetween(Start.Plus(Duration.Epsilon), Hours(1)));
        Assert.Empty(pool.LedgerBetween(Hours(2), Hours(2)));
        Assert.Empty(pool.LedgerBetween(Hours(2), Hours(1)));
    }

    [Fact]
    public void ExpiringBetween_includes_a_lot_expiring_at_the_start_and_excludes_one_expiring_at_the_end()
    {
        AgencyAccount agency = PlusAgency(Settings(PlanCatalog.Current))
            .BuyConnects(Owner, C(10), Key("b1"), Hours(1)).AsT0.Account
            .BuyConnects(Owner, C(20), Key("b2"), Utc(2025, 1, 20)).AsT0.Account;
        var first = new Lot(LotSource.Purchase, C(10), Hours(1), Utc(2026, 1, 10, 10));
        var second = new Lot(LotSource.Purchase, C(20), Utc(2025, 1, 20), Utc(2026, 1, 20));
        ConnectsPool pool = agency.Pool;

        Assert.Equal<Lot>([first, second], pool.Lots);
        Assert.Equal<Lot>([first], pool.ExpiringBetween(Utc(2026, 1, 10, 10), Utc(2026, 1, 20)));
        Assert.Equal<Lot>([second], pool.ExpiringBetween(Utc(2026, 1, 10, 10).Plus(Duration.Epsilon), Utc(2027, 1, 1)));
        Assert.Equal<Lot>([first, second], pool.ExpiringBetween(Start, Utc(2026, 1, 20).Plus(Duration.Epsilon)));
        Assert.Empty(pool.ExpiringBetween(Start, Utc(2026, 1, 10, 10)));
        Assert.Empty(pool.ExpiringBetween(Utc(2026, 1, 20), Utc(2026, 1, 10)));
    }

    [Fact]
    public void ExpiringBetween_finds_nothing_in_a_Classic_pool_whose_Connects_never_expire()
    {
        ConnectsPool pool = ClassicHistory().Account.Pool;

        Assert.Equal(C(90), pool.Balance);
        Assert.Empty(pool.ExpiringBetween(Start, Utc(9000, 1, 1)));
    }
}
