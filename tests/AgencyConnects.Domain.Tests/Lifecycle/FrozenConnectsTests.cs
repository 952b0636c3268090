using System.Linq;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Plans;
using AgencyConnects.Domain.Pool;
using Xunit;
using static AgencyConnects.Domain.Tests.Lifecycle.Given;
using static AgencyConnects.Domain.Tests.TestData;

namespace AgencyConnects.Domain.Tests.Lifecycle;

/// <summary>On Agency Basic the Connects are kept but frozen, except for proposals that cost nothing (DOMAIN §3).</summary>
public sealed class FrozenConnectsTests
{
    private static readonly PlanDoesNotAllow Frozen = new(Plan.AgencyBasic, PlanActions.SpendConnects);

    [Fact]
    public void Agency_Basic_refuses_any_cost_or_boost_but_accepts_a_proposal_that_costs_nothing()
    {
        AgencyAccount agency = PlusAgency().RecordFailedPayment(Hours(1)).AsT0.Account;
        long version = agency.Version;

        Assert.Equal<object>(Frozen, agency.SubmitProposal(Owner, Owner, Proposal("p1"), C(1), C(0), Key("p1"), Hours(2)).Value);
        Assert.Equal<object>(Frozen, agency.SubmitProposal(Owner, Owner, Proposal("p1"), C(0), C(3), Key("p1"), Hours(2)).Value);
        Assert.Equal(version, agency.Version);

        ProposalSubmission<AgencyAccount> free = agency.SubmitProposal(Owner, Owner, Proposal("p1"), C(0), C(0), Key("p1"), Hours(2)).AsT0;

        Assert.Equal(C(80), free.Account.Balance);
        Assert.Contains(Proposal("p1"), free.Account.Proposals.Keys);
        Assert.DoesNotContain(free.Entries(), entry => entry.Kind == LedgerEntryKind.Spent);
    }

    [Fact]
    public void A_frozen_spend_is_refused_before_the_balance_is_checked()
    {
        Assert.Equal<object>(Frozen, BasicAgency().SubmitProposal(Owner, Owner, Proposal("p1"), C(6), C(0), Key("p1"), Hours(1)).Value);
    }

    [Fact]
    public void Connects_frozen_by_a_failed_payment_are_spendable_again_after_upgrading()
    {
        AgencyAccount agency = PlusAgency().RecordFailedPayment(Hours(1)).AsT0.Account;
        agency = agency.UpgradeToPlus(Owner, Hours(2)).AsT0.Account;

        agency = agency.SubmitProposal(Owner, Owner, Proposal("p1"), C(6), C(50), Key("p1"), Hours(3)).AsT0.Account;

        Assert.Equal(C(104), agency.Balance);
    }

    [Fact]
    public void Connects_frozen_by_a_downgrade_are_spendable_again_after_upgrading()
    {
        AgencyAccount agency = PlusAgency().DowngradeToBasic(Owner, Hours(1)).AsT0.Account;
        agency = agency.CloseElapsedPeriods(Utc(2025, 2, 10)).AsT0.Account;
        Assert.Equal<object>(Frozen, agency.SubmitProposal(Owner, Owner, Proposal("p1"), C(6), C(0), Key("p1"), Utc(2025, 2, 11)).Value);

        agency = agency.UpgradeToPlus(Owner, Utc(2025, 2, 12)).AsT0.Account;
        agency = agency.SubmitProposal(Owner, Owner, Proposal("p1"), C(6), C(0), Key("p1"), Utc(2025, 2, 12)).AsT0.Account;

        Assert.Equal(C(154), agency.Balance);
    }

    [Fact]
    public void Lots_keep_expiring_while_frozen()
    {
        AgencyAccount agency = PlusAgency(Settings(PlanCatalog.Current)).BuyConnects(Owner, C(40), Key("b1"), Hours(1)).AsT0.Account;
        agency = agency.RecordFailedPayment(Hours(2)).AsT0.Account;

        Updated<AgencyAccount> later = agency.CloseElapsedPeriods(Utc(2026, 1, 10, 12)).AsT0;

        Assert.Equal(12, later.Events.OfType<PeriodClosed>().Count());
        Assert.Empty(later.Events.OfType<FeeCharged>());
        Assert.Equal(new ConnectsExpired(Utc(2026, 1, 10, 10), C(40)), later.Events[^1]);
        Assert.Equal(C(0), later.Account.Balance);
        Assert.Empty(later.Account.Pool.Lots);
        Assert.Equal(new LedgerEntry(LedgerEntryKind.Expired, C(40), Utc(2026, 1, 10, 10)), later.Entries()[^1]);
    }

    [Fact]
    public void Freelancer_Basic_is_not_frozen()
    {
        FreelancerAccount account = BasicFreelancer().SubmitProposal(Holder, Proposal("p1"), C(6), C(0), Key("p1"), Hours(1), null).AsT0.Account;

        Assert.Equal(C(4), account.Balance);
    }
}
