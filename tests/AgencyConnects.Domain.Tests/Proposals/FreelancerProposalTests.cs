using System.Linq;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Membership;
using AgencyConnects.Domain.Plans;
using AgencyConnects.Domain.Pool;
using AgencyConnects.Domain.Proposals;
using AgencyConnects.Domain.Tests.Lifecycle;
using AgencyConnects.Domain.Values;
using NodaTime;
using Xunit;
using static AgencyConnects.Domain.Tests.Proposals.ProposalTestAgency;
using static AgencyConnects.Domain.Tests.TestData;

namespace AgencyConnects.Domain.Tests.Proposals;

public class FreelancerProposalTests
{
    /// <summary>Ben's own account on Classic Freelancer Basic: 10 Connects a month.</summary>
    private static FreelancerAccount BensAccount(AccountSettings? settings = null) => FreelancerAccount.Open(Ben, Start, settings).AsT0.Account;

    [Fact]
    public void The_holder_submits_from_their_own_pool_as_submitter_and_assignee()
    {
        FreelancerAccount account = BensAccount();
        Assert.Equal(C(10), account.Balance);

        ProposalSubmission<FreelancerAccount> submitted = account
            .SubmitProposal(Ben, Proposal("p1"), C(6), C(2), Key("k1"), At(1), null).AsT0;

        var expected = new Proposal(Proposal("p1"), Ben, Ben, C(6), C(2), At(1));
        Assert.Equal(expected, submitted.Proposal);
        Assert.Equal(new AccountEvent[] { new ProposalSubmitted(At(1), expected, Key("k1")) }, submitted.Events);
        Assert.Equal(C(2), submitted.Account.Balance);
        Assert.Equal(
            new[]
            {
                new LedgerEntry(LedgerEntryKind.Spent, C(6), At(1), Ben, Proposal("p1"), Ben, IsBoost: false, Submitter: Ben),
                new LedgerEntry(LedgerEntryKind.Spent, C(2), At(1), Ben, Proposal("p1"), Ben, IsBoost: true, Submitter: Ben),
            },
            submitted.Entries());
    }

    [Fact]
    public void Someone_else_is_not_the_account_holder()
    {
        var result = BensAccount().SubmitProposal(Olivia, Proposal("p1"), C(1), C(0), Key("k1"), At(1), null);

        Assert.Equal(new NotAccountHolder(Olivia, Ben), result.AsT2);
    }

    [Fact]
    public void An_exclusive_member_of_an_agency_submits_only_through_the_agency()
    {
        Updated<AgencyAccount> created = Created();
        Updated<AgencyAccount> upgraded = created.Account.UpgradeToPlus(Olivia, Start).AsT0;
        Updated<AgencyAccount> added = upgraded.Account
            .AddMember(Olivia, Ben, Permissions.Freelancer, MembershipKind.Exclusive, At(1), AgencyDirectory.Empty).AsT0;
        AgencyDirectory directory = AgencyDirectory.Empty.Apply(created).Apply(upgraded).Apply(added);

        var result = BensAccount().SubmitProposal(Ben, Proposal("p1"), C(1), C(0), Key("k1"), At(2), directory.ExclusiveAgencyOf(Ben));

        Assert.Equal(new ExclusivityConflict(Ben, Acme), result.AsT3);
        Assert.True(added.Account.SubmitProposal(Ben, Ben, Proposal("p1"), C(1), C(0), Key("k1"), At(2)).IsT0);
    }

    [Fact]
    public void An_exclusive_owner_submits_only_through_their_agency()
    {
        Updated<AgencyAccount> created = AgencyAccount.Create(Acme, Ben, Start, AgencyDirectory.Empty, ownerMembership: MembershipKind.Exclusive).AsT0;
        AgencyDirectory directory = AgencyDirectory.Empty.Apply(created);

        var result = BensAccount().SubmitProposal(Ben, Proposal("p1"), C(1), C(0), Key("k1"), At(2), directory.ExclusiveAgencyOf(Ben));

        Assert.Equal(new ExclusivityConflict(Ben, Acme), result.AsT3);
    }

    [Fact]
    public void A_non_exclusive_member_still_submits_on_their_own_account()
    {
        Updated<AgencyAccount> created = Created();
        Updated<AgencyAccount> upgraded = created.Account.UpgradeToPlus(Olivia, Start).AsT0;
        Updated<AgencyAccount> added = upgraded.Account
            .AddMember(Olivia, Ben, Permissions.Freelancer, MembershipKind.NonExclusive, At(1), AgencyDirectory.Empty).AsT0;
        AgencyDirectory directory = AgencyDirectory.Empty.Apply(created).Apply(upgraded).Apply(added);

        Assert.True(BensAccount().SubmitProposal(Ben, Proposal("p1"), C(1), C(0), Key("k1"), At(2), directory.ExclusiveAgencyOf(Ben)).IsT0);
    }

    [Fact]
    public void A_former_exclusive_member_submits_again_once_removed()
    {
        Updated<AgencyAccount> created = Created();
        Updated<AgencyAccount> upgraded = created.Account.UpgradeToPlus(Olivia, Start).AsT0;
        Updated<AgencyAccount> added = upgraded.Account
            .AddMember(Olivia, Ben, Permissions.Freelancer, MembershipKind.Exclusive, At(1), AgencyDirectory.Empty).AsT0;
        Updated<AgencyAccount> removed = added.Account.RemoveMember(Olivia, Ben, At(2)).AsT0;
        AgencyDirectory directory = AgencyDirectory.Empty.Apply(created).Apply(upgraded).Apply(added).Apply(removed);

        Assert.True(BensAccount().SubmitProposal(Ben, Proposal("p1"), C(1), C(0), Key("k1"), At(3), directory.ExclusiveAgencyOf(Ben)).IsT0);
    }

    [Fact]
    public void An_instant_before_the_last_change_is_refused()
    {
        FreelancerAccount account = BensAccount().SubmitProposal(Ben, Proposal("p1"), C(1), C(0), Key("k1"), At(5), null).AsT0.Account;

        var result = account.SubmitProposal(Ben, Proposal("p2"), C(1), C(0), Key("k2"), At(4), null);

        Assert.Equal(new InstantBeforeLastChange(At(4), At(5)), result.AsT1);
    }

    [Fact]
    public void A_plan_that_does_not_allow_spending_refuses_a_proposal_that_costs_Connects_but_not_one_that_costs_nothing()
    {
        PlanCatalog noSpending = PlanCatalog.Create(
            "no spending on Freelancer Basic",
            Currency.Usd,
            PlanCatalog.Classic.Plans.Select(terms => terms.Plan == Plan.FreelancerBasic ? terms with { AllowedActions = PlanActions.None } : terms)).AsT0;
        FreelancerAccount account = BensAccount(AccountSettings.Create(noSpending, DateTimeZone.Utc).AsT0);
        Assert.Equal(C(10), account.Balance);

        var cost = account.SubmitProposal(Ben, Proposal("p1"), C(1), C(0), Key("k1"), At(1), null);
        var free = account.SubmitProposal(Ben, Proposal("p1"), C(0), C(0), Key("k1"), At(1), null);

        Assert.Equal(new PlanDoesNotAllow(Plan.FreelancerBasic, PlanActions.SpendConnects), cost.AsT4);
        Assert.True(free.IsT0);
    }

    [Theory]
    [InlineData(7, 0)]
    [InlineData(0, 51)]
    public void A_cost_or_boost_above_the_catalog_maximum_is_out_of_range(int cost, int boost)
    {
        var result = BensAccount().SubmitProposal(Ben, Proposal("p1"), C(cost), C(boost), Key("k1"), At(1), null);

        Assert.Equal(new ProposalCostOutOfRange(C(cost), C(boost), C(6), C(50)), result.AsT5);
    }

    [Fact]
    public void A_proposal_identifier_is_used_once()
    {
        FreelancerAccount account = BensAccount().SubmitProposal(Ben, Proposal("p1"), C(1), C(0), Key("k1"), At(1), null).AsT0.Account;

        var result = account.SubmitProposal(Ben, Proposal("p1"), C(1), C(0), Key("k2"), At(2), null);

        Assert.Equal(new DuplicateProposal(Proposal("p1")), result.AsT6);
    }

    [Fact]
    public void A_proposal_the_pool_cannot_pay_for_is_refused()
    {
        var result = BensAccount().SubmitProposal(Ben, Proposal("p1"), C(6), C(5), Key("k1"), At(1), null);

        Assert.Equal(new InsufficientConnects(C(11), C(10)), result.AsT7);
    }

    [Fact]
    public void Repeating_a_request_returns_the_first_proposal_and_the_same_key_for_another_request_conflicts()
    {
        ProposalSubmission<FreelancerAccount> first = BensAccount()
            .SubmitProposal(Ben, Proposal("p1"), C(3), C(1), Key("k1"), At(1), null).AsT0;

        ProposalSubmission<FreelancerAccount> repeat = first.Account
            .SubmitProposal(Ben, Proposal("p1"), C(3), C(1), Key("k1"), At(2), null).AsT0;
        var conflict = first.Account.SubmitProposal(Ben, Proposal("p1"), C(3), C(2), Key("k1"), At(2), null);

        Assert.True(repeat.IsRepeat);
        Assert.Empty(repeat.Events);
        Assert.Equal(first.Proposal, repeat.Proposal);
        Assert.Same(first.Account, repeat.Account);
        Assert.Equal(new RequestKeyConflict(Key("k1")), conflict.AsT8);
    }

    [Fact]
    public void Outcomes_refund_into_the_freelancer_pool_as_for_an_agency()
    {
        Given.Story<FreelancerAccount> account = Given.Begin(FreelancerAccount.Open(Ben, Start).AsT0)
            .Then(f => f.SubmitProposal(Ben, Proposal("p1"), C(4), C(3), Key("k1"), At(1), null).AsT0);
        Assert.Equal(C(3), account.Account.Balance);

        Given.Story<FreelancerAccount> outbid = account.Then(f => f.RecordOutcome(Proposal("p1"), ProposalOutcome.Outbid, At(2)).AsT0);
        Updated<FreelancerAccount> cancelling = outbid.Account.RecordOutcome(Proposal("p1"), ProposalOutcome.JobCancelled, At(3)).AsT0;
        FreelancerAccount cancelled = cancelling.Account;

        Assert.Equal(C(6), outbid.Account.Balance);
        Assert.Equal(C(10), cancelled.Balance);
        Assert.Equal(C(7), outbid.Then(_ => cancelling).History.Proposals[Proposal("p1")].Refunded);
        Assert.Equal(
            new LedgerEntry(LedgerEntryKind.Refunded, C(4), At(3), null, Proposal("p1"), Ben, IsBoost: false, Submitter: Ben),
            Assert.Single(cancelling.Entries()));
        Assert.Equal(new ProposalAlreadyClosed(Proposal("p1"), ProposalOutcome.JobCancelled), cancelled.RecordOutcome(Proposal("p1"), ProposalOutcome.JobRemoved, At(4)).AsT3);
    }

    [Fact]
    public void Freelancer_outcome_errors_are_named()
    {
        FreelancerAccount account = BensAccount()
            .SubmitProposal(Ben, Proposal("p1"), C(4), C(0), Key("k1"), At(1), null).AsT0.Account;

        Assert.Equal(new InstantBeforeLastChange(Start, At(1)), account.RecordOutcome(Proposal("p1"), ProposalOutcome.Declined, Start).AsT1);
        Assert.Equal(new ProposalNotFound(Proposal("p9")), account.RecordOutcome(Proposal("p9"), ProposalOutcome.Declined, At(2)).AsT2);
        Assert.Equal(new NoBoostToRefund(Proposal("p1")), account.RecordOutcome(Proposal("p1"), ProposalOutcome.Outbid, At(2)).AsT4);
        Assert.Equal(new UndefinedValue("outcome", nameof(ProposalOutcome), -1), account.RecordOutcome(Proposal("p1"), (ProposalOutcome)(-1), At(2)).AsT1);
    }

    [Fact]
    public void A_refund_the_freelancer_balance_cannot_hold_is_a_named_overflow_not_a_crash()
    {
        // Freelancer Plus: 10 + 70; 7 spent; bought up to the largest balance.
        FreelancerAccount account = BensAccount().UpgradeToPlus(Ben, Start).AsT0.Account
            .SubmitProposal(Ben, Proposal("p1"), C(4), C(3), Key("k1"), At(1), null).AsT0.Account;
        account = account.BuyConnects(Ben, C(int.MaxValue - 73), Key("buy"), At(2)).AsT0.Account;
        Assert.Equal(Connects.MaxValue, account.Balance);

        Assert.Equal(new ConnectsOverflow(Connects.MaxValue, C(3)), account.RecordOutcome(Proposal("p1"), ProposalOutcome.Outbid, At(3)).AsT5);
        Assert.Equal(new ConnectsOverflow(Connects.MaxValue, C(7)), account.RecordOutcome(Proposal("p1"), ProposalOutcome.JobCancelled, At(3)).AsT5);
    }

    [Fact]
    public void Agency_and_freelancer_Connects_never_mix()
    {
        AgencyAccount agency = Plus();
        FreelancerAccount own = BensAccount();
        Assert.Equal(C(80), agency.Balance);
        Assert.Equal(C(10), own.Balance);

        // The same person, the same proposal identifier and request key: each account pays from its own pool.
        ProposalSubmission<AgencyAccount> agencySubmitted = agency.SubmitProposal(Ben, Ben, Proposal("p1"), C(6), C(4), Key("k1"), At(1)).AsT0;
        ProposalSubmission<FreelancerAccount> ownSubmitted = own.SubmitProposal(Ben, Proposal("p1"), C(2), C(1), Key("k1"), At(1), null).AsT0;
        AgencyAccount agencyAfter = agencySubmitted.Account;
        FreelancerAccount ownAfter = ownSubmitted.Account;

        Assert.Equal(C(70), agencyAfter.Balance);
        Assert.Equal(C(7), ownAfter.Balance);
        Assert.Equal(C(10), own.Balance);
        Assert.Equal(C(80), agency.Balance);
        Assert.Equal(10, AccountHistory.For(agency.Settings).Apply(agencySubmitted.Events[0]).Usage(Start, At(2)).TotalSpent);
        Assert.Equal(3, AccountHistory.For(own.Settings).Apply(ownSubmitted.Events[0]).Usage(Start, At(2)).TotalSpent);

        // A refund goes back to the pool that paid, and only to it.
        AgencyAccount agencyRefunded = agencyAfter.RecordOutcome(Proposal("p1"), ProposalOutcome.JobCancelled, At(2)).AsT0.Account;
        FreelancerAccount ownRefunded = ownAfter.RecordOutcome(Proposal("p1"), ProposalOutcome.Outbid, At(2)).AsT0.Account;
        Assert.Equal(C(80), agencyRefunded.Balance);
        Assert.Equal(C(8), ownRefunded.Balance);
    }
}
