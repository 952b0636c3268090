using System.Linq;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Membership;
using AgencyConnects.Domain.Pool;
using AgencyConnects.Domain.Proposals;
using AgencyConnects.Domain.Values;
using NodaTime;
using Xunit;
using static AgencyConnects.Domain.Tests.Lifecycle.Catalogs;
using static AgencyConnects.Domain.Tests.Lifecycle.Given;
using static AgencyConnects.Domain.Tests.TestData;

namespace AgencyConnects.Domain.Tests.Pool;

/// <summary>Spending takes the lot that expires soonest first, then the oldest (DOMAIN §5).</summary>
public sealed class SpendingOrderTests
{
    // In MixedLifetimes a refund received on Basic expires a month later; Plus Connects never expire.
    private static readonly Instant RefundExpiry = Hours(4).Plus(Duration.FromDays(31));

    [Fact]
    public void Classic_agency_spends_the_oldest_lot_first_and_drops_the_lots_it_empties()
    {
        AgencyAccount agency = PlusAgency().BuyConnects(Owner, C(30), Key("buy"), Hours(1)).AsT0.Account;
        Assert.Equal<Lot>([new Lot(LotSource.Allotment, C(80), Start, null), new Lot(LotSource.Purchase, C(30), Hours(1), null)], agency.Pool.Lots);

        agency = agency.SubmitProposal(Owner, Owner, Proposal("p1"), C(6), C(50), Key("p1"), Hours(2)).AsT0.Account;
        Assert.Equal<Lot>([new Lot(LotSource.Allotment, C(24), Start, null), new Lot(LotSource.Purchase, C(30), Hours(1), null)], agency.Pool.Lots);

        agency = agency.SubmitProposal(Owner, Owner, Proposal("p2"), C(6), C(20), Key("p2"), Hours(3)).AsT0.Account;
        Assert.Equal<Lot>([new Lot(LotSource.Purchase, C(28), Hours(1), null)], agency.Pool.Lots);
        Assert.Equal(C(28), agency.Balance);
    }

    [Fact]
    public void Agency_spends_a_newer_lot_that_expires_sooner_before_older_lots_that_never_expire()
    {
        var settings = Settings(MixedLifetimes);
        AgencyAccount agency = PlusAgency(settings).BuyConnects(Owner, C(20), Key("buy"), Hours(1)).AsT0.Account;
        agency = agency.SubmitProposal(Owner, Owner, Proposal("p1"), C(6), C(10), Key("p1"), Hours(2)).AsT0.Account;
        Assert.Equal<Lot>([new Lot(LotSource.Allotment, C(64), Start, null), new Lot(LotSource.Purchase, C(20), Hours(1), null)], agency.Pool.Lots);

        agency = agency.RecordFailedPayment(Hours(3)).AsT0.Account;
        agency = agency.RecordOutcome(Proposal("p1"), ProposalOutcome.JobCancelled, Hours(4)).AsT0.Account;
        agency = agency.UpgradeToPlus(Owner, Hours(5)).AsT0.Account;
        Assert.Equal<Lot>(
            [
                new Lot(LotSource.Refund, C(16), Hours(4), RefundExpiry),
                new Lot(LotSource.Allotment, C(64), Start, null),
                new Lot(LotSource.Purchase, C(20), Hours(1), null),
                new Lot(LotSource.Allotment, C(80), Hours(5), null),
            ],
            agency.Pool.Lots);

        agency = agency.SubmitProposal(Owner, Owner, Proposal("p2"), C(6), C(14), Key("p2"), Hours(6)).AsT0.Account;

        Assert.Equal<Lot>(
            [
                new Lot(LotSource.Allotment, C(60), Start, null),
                new Lot(LotSource.Purchase, C(20), Hours(1), null),
                new Lot(LotSource.Allotment, C(80), Hours(5), null),
            ],
            agency.Pool.Lots);
        Assert.Equal(C(160), agency.Balance);
    }

    [Fact]
    public void Freelancer_spends_a_newer_lot_that_expires_sooner_before_older_lots_that_never_expire()
    {
        var settings = Settings(MixedLifetimes);
        Instant basicAllotmentExpiry = Start.Plus(Duration.FromDays(31));
        FreelancerAccount account = PlusFreelancer(settings).BuyConnects(Holder, C(5), Key("buy"), Hours(1)).AsT0.Account;
        Assert.Equal<Lot>(
            [
                new Lot(LotSource.Allotment, C(10), Start, basicAllotmentExpiry),
                new Lot(LotSource.Allotment, C(70), Start, null),
                new Lot(LotSource.Purchase, C(5), Hours(1), null),
            ],
            account.Pool.Lots);

        account = account.SubmitProposal(Holder, Proposal("p1"), C(6), C(10), Key("p1"), Hours(2), null).AsT0.Account;
        Assert.Equal<Lot>([new Lot(LotSource.Allotment, C(64), Start, null), new Lot(LotSource.Purchase, C(5), Hours(1), null)], account.Pool.Lots);

        account = account.RecordFailedPayment(Hours(3)).AsT0.Account;
        account = account.RecordOutcome(Proposal("p1"), ProposalOutcome.JobRemoved, Hours(4)).AsT0.Account;
        account = account.UpgradeToPlus(Holder, Hours(5)).AsT0.Account;
        account = account.SubmitProposal(Holder, Proposal("p2"), C(6), C(14), Key("p2"), Hours(6), null).AsT0.Account;

        Assert.Equal<Lot>(
            [
                new Lot(LotSource.Allotment, C(60), Start, null),
                new Lot(LotSource.Purchase, C(5), Hours(1), null),
                new Lot(LotSource.Allotment, C(70), Hours(5), null),
            ],
            account.Pool.Lots);
        Assert.Equal(C(135), account.Balance);
    }

    [Fact]
    public void A_proposal_spends_its_cost_and_its_boost_as_two_ledger_entries_naming_proposal_member_and_submitter()
    {
        PersonId bm = Person("bea");
        PersonId assignee = Person("ivan");
        AgencyAccount agency = PlusAgency()
            .WithMember(bm, Permissions.BusinessManager, Hours(1))
            .WithMember(assignee, Permissions.Freelancer, Hours(1));

        Updated<AgencyAccount> submitted = agency.SubmitProposal(bm, assignee, Proposal("p1"), C(4), C(9), Key("p1"), Hours(2)).AsT0;
        agency = submitted.Account;

        Assert.Equal<LedgerEntry>(
            [
                new LedgerEntry(LedgerEntryKind.Spent, C(4), Hours(2), bm, Proposal("p1"), assignee, IsBoost: false, bm),
                new LedgerEntry(LedgerEntryKind.Spent, C(9), Hours(2), bm, Proposal("p1"), assignee, IsBoost: true, bm),
            ],
            submitted.Entries());
        Assert.Equal(C(67), agency.Balance);
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
    public void Of_two_lots_that_never_expire_the_one_acquired_before_1970_is_spent_first()
    {
        var before = new Lot(LotSource.Purchase, C(1), Utc(1969, 12, 31), null);
        var after = new Lot(LotSource.Purchase, C(1), Utc(1970, 1, 2), null);

        Assert.True(before.SpendsBefore(after));
        Assert.False(after.SpendsBefore(before));
    }
}
