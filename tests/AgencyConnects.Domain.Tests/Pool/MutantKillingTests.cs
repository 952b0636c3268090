using System.Linq;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Pool;
using NodaTime;
using Xunit;
using static AgencyConnects.Domain.Tests.Lifecycle.Catalogs;
using static AgencyConnects.Domain.Tests.Lifecycle.Given;
using static AgencyConnects.Domain.Tests.TestData;

namespace AgencyConnects.Domain.Tests.Pool;

/// <summary>
/// Examples that kill mutants left alive by the Stryker.NET run: a lot's expiry, spend order at equal instants and
/// the ledger entries a period close writes (see SurvivingMutants.md).
/// </summary>
public sealed class MutantKillingTests
{
    [Fact]
    public void A_lot_that_never_expires_has_no_expiry_and_is_never_expired()
    {
        var lot = new Lot(LotSource.Purchase, C(5), Start, null);

        Assert.Null(lot.ExpiresAt);
        Assert.False(lot.IsExpiredAt(Instant.MaxValue));
    }

    [Fact]
    public void An_expiry_set_with_an_initializer_is_kept_and_null_clears_it()
    {
        var lot = new Lot(LotSource.Purchase, C(5), Start, null);

        Lot expiring = lot with { ExpiresAt = Hours(10) };
        Lot cleared = expiring with { ExpiresAt = null };

        Assert.Equal(Hours(10), expiring.ExpiresAt);
        Assert.True(expiring.IsExpiredAt(Hours(10)));
        Assert.False(expiring.IsExpiredAt(Hours(9)));
        Assert.Null(cleared.ExpiresAt);
        Assert.False(cleared.IsExpiredAt(Hours(10)));
    }

    [Fact]
    public void Two_purchases_at_the_same_instant_are_spent_in_the_order_they_were_bought()
    {
        AgencyAccount agency = PlusAgency()
            .BuyConnects(Owner, C(5), Key("b1"), Hours(2)).AsT0.Account
            .BuyConnects(Owner, C(10), Key("b2"), Hours(2)).AsT0.Account;

        Assert.Equal([80, 5, 10], agency.Pool.Lots.Select(lot => lot.Quantity.Value));

        AgencyAccount spent = agency.SubmitProposal(Owner, Owner, Proposal("p1"), C(6), C(50), Key("p1"), Hours(3)).AsT0.Account
            .SubmitProposal(Owner, Owner, Proposal("p2"), C(6), C(27), Key("p2"), Hours(3)).AsT0.Account;

        Lot left = Assert.Single(spent.Pool.Lots);
        Assert.Equal(C(6), left.Quantity);
        Assert.Equal(LotSource.Purchase, left.Source);
    }

    [Fact]
    public void Closing_a_period_records_what_carried_over_and_no_empty_expired_or_forfeited_entry()
    {
        AgencyAccount agency = PlusAgency();
        int before = agency.Pool.Ledger.Count;

        AgencyAccount closed = agency.CloseElapsedPeriods(Utc(2025, 2, 10)).AsT0.Account;

        LedgerEntry[] added = [.. closed.Pool.Ledger.Skip(before)];
        Assert.Equal(
            [
                new LedgerEntry(LedgerEntryKind.CarriedOver, C(80), Utc(2025, 2, 10)),
                new LedgerEntry(LedgerEntryKind.Granted, C(80), Utc(2025, 2, 10)),
            ],
            added);
        Assert.Equal(C(160), closed.Balance);
    }

    [Fact]
    public void Lots_expiring_exactly_at_a_period_end_are_recorded_as_expired_by_the_close()
    {
        // MixedLifetimes: Connects acquired on Freelancer Basic expire a month later. The allotment granted at the start
        // of the second period (10 February, midnight UTC) expires on 10 March, the very end of that period.
        FreelancerAccount account = BasicFreelancer(Settings(MixedLifetimes));

        Updated<FreelancerAccount> later = account.CloseElapsedPeriods(Utc(2025, 3, 10)).AsT0;

        PeriodClosed march = later.Events.OfType<PeriodClosed>().Single(close => close.At == Utc(2025, 3, 10));
        Assert.Equal(C(10), march.Outcome.Expired);
        Assert.Contains(new LedgerEntry(LedgerEntryKind.Expired, C(10), Utc(2025, 3, 10)), later.Account.Pool.Ledger);
        Assert.Equal(later.Account.Balance.Value, later.Account.Pool.LedgerSum());
    }
}
