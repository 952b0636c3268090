using System.Collections.Generic;
using System.Linq;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Plans;
using AgencyConnects.Domain.Pool;
using AgencyConnects.Domain.Proposals;
using NodaTime;
using Xunit;
using static AgencyConnects.Domain.Tests.Lifecycle.Catalogs;
using static AgencyConnects.Domain.Tests.Lifecycle.Given;
using static AgencyConnects.Domain.Tests.TestData;

namespace AgencyConnects.Domain.Tests.Lifecycle;

/// <summary>Month end: the cap and its scope, plans without a cap, and closing late (DOMAIN §3).</summary>
public sealed class RolloverTests
{
    [Fact]
    public void AllotmentOnly_caps_the_allotment_and_never_the_bought_Connects()
    {
        AgencyAccount agency = PlusAgency(Settings(AllotmentOnlyCap50)).BuyConnects(Owner, C(200), Key("b1"), Hours(1)).AsT0.Account;

        Updated<AgencyAccount> closed = agency.CloseElapsedPeriods(Utc(2025, 2, 10)).AsT0;

        Assert.Equal(new RolloverOutcome(C(0), C(30), C(250)), Assert.Single(closed.Events.OfType<PeriodClosed>()).Outcome);
        Assert.Equal<Lot>(
            [
                new Lot(LotSource.CarriedOver, C(50), Start, null),
                new Lot(LotSource.Purchase, C(200), Hours(1), null),
                new Lot(LotSource.Allotment, C(80), Utc(2025, 2, 10), null),
            ],
            closed.Account.Pool.Lots);
        Assert.Equal(C(330), closed.Account.Balance);
    }

    [Fact]
    public void AllotmentOnly_caps_carried_over_allotment_Connects_again_at_the_next_close()
    {
        AgencyAccount agency = PlusAgency(Settings(AllotmentOnlyCap50)).BuyConnects(Owner, C(200), Key("b1"), Hours(1)).AsT0.Account;

        Updated<AgencyAccount> closed = agency.CloseElapsedPeriods(Utc(2025, 3, 10)).AsT0;

        // Feb 10: 80 allotment capped to 50. Mar 10: 50 carried + 80 granted are allotment Connects, capped to 50 again.
        PeriodClosed[] closes = [.. closed.Events.OfType<PeriodClosed>()];
        Assert.Equal(new RolloverOutcome(C(0), C(30), C(250)), closes[0].Outcome);
        Assert.Equal(new RolloverOutcome(C(0), C(80), C(250)), closes[1].Outcome);
        Assert.Equal(200, closed.Account.Pool.Lots.Where(lot => lot.Source == LotSource.Purchase).Sum(lot => lot.Quantity.Value));
        Assert.Equal(C(330), closed.Account.Balance);
    }

    [Fact]
    public void AllUnused_caps_bought_Connects_too_forfeiting_in_spend_order()
    {
        AgencyAccount agency = PlusAgency(Settings(AllUnusedCap50)).BuyConnects(Owner, C(200), Key("b1"), Hours(1)).AsT0.Account;

        Updated<AgencyAccount> closed = agency.CloseElapsedPeriods(Utc(2025, 2, 10)).AsT0;

        Assert.Equal(new RolloverOutcome(C(0), C(230), C(50)), Assert.Single(closed.Events.OfType<PeriodClosed>()).Outcome);
        Assert.Equal<Lot>(
            [new Lot(LotSource.Purchase, C(50), Hours(1), null), new Lot(LotSource.Allotment, C(80), Utc(2025, 2, 10), null)],
            closed.Account.Pool.Lots);
        Assert.Equal(C(130), closed.Account.Balance);
    }

    [Fact]
    public void Classic_Freelancer_Plus_carries_at_most_140()
    {
        Story<FreelancerAccount> account = PlusFreelancerStory().Then(f => f.BuyConnects(Holder, C(100), Key("b1"), Hours(1)).AsT0);

        Updated<FreelancerAccount> closed = account.Account.CloseElapsedPeriods(Utc(2025, 2, 10)).AsT0;

        Assert.Equal(new RolloverOutcome(C(0), C(40), C(140)), Assert.Single(closed.Events.OfType<PeriodClosed>()).Outcome);
        Assert.Equal(C(210), closed.Account.Balance);
        Assert.Equal(closed.Account.Balance.Value, account.Then(_ => closed).History.LedgerSum());
    }

    [Fact]
    public void Agency_Basic_has_no_cap_so_frozen_Connects_are_not_forfeited()
    {
        AgencyAccount agency = PlusAgency().BuyConnects(Owner, C(220), Key("b1"), Hours(1)).AsT0.Account;
        agency = agency.RecordFailedPayment(Hours(2)).AsT0.Account;

        Updated<AgencyAccount> closed = agency.CloseElapsedPeriods(Utc(2025, 3, 10)).AsT0;

        Assert.All(closed.Events.OfType<PeriodClosed>(), close => Assert.Equal(new RolloverOutcome(C(0), C(0), C(300)), close.Outcome));
        Assert.Equal(2, closed.Events.Length);
        Assert.Equal(C(300), closed.Account.Balance);
    }

    [Fact]
    public void Classic_Freelancer_Basic_carries_at_most_20_and_settles_at_30()
    {
        Updated<FreelancerAccount> closed = BasicFreelancer().CloseElapsedPeriods(Utc(2025, 4, 10)).AsT0;

        Assert.Equal(
            [new RolloverOutcome(C(0), C(0), C(10)), new RolloverOutcome(C(0), C(0), C(20)), new RolloverOutcome(C(0), C(10), C(20))],
            closed.Events.OfType<PeriodClosed>().Select(close => close.Outcome));
        Assert.Equal(C(30), closed.Account.Balance);
    }

    [Fact]
    public void Closing_a_period_records_what_carried_over_and_no_empty_expired_or_forfeited_entry()
    {
        AgencyAccount agency = PlusAgency();

        Updated<AgencyAccount> closedAt = agency.CloseElapsedPeriods(Utc(2025, 2, 10)).AsT0;
        LedgerEntry[] added = closedAt.Entries();
        AgencyAccount closed = closedAt.Account;
        Assert.Equal(
            [
                new LedgerEntry(LedgerEntryKind.CarriedOver, C(80), Utc(2025, 2, 10)),
                new LedgerEntry(LedgerEntryKind.Granted, C(80), Utc(2025, 2, 10)),
            ],
            added);
        Assert.Equal(C(160), closed.Balance);
    }

    [Fact]
    public void Classic_agency_closing_four_periods_at_once_equals_closing_at_three_later_instants()
    {
        AgencyAccount agency = PlusAgency()
            .BuyConnects(Owner, C(120), Key("b1"), Hours(1)).AsT0.Account
            .SubmitProposal(Owner, Owner, Proposal("p1"), C(6), C(20), Key("p1"), Hours(2)).AsT0.Account;
        Instant[] instants = [Utc(2025, 2, 10, 12), Utc(2025, 3, 20), Utc(2025, 6, 1)];

        Updated<AgencyAccount> once = agency.CloseElapsedPeriods(instants[^1]).AsT0;
        var events = new List<AccountEvent>();
        AgencyAccount stepwise = agency;
        foreach (Instant at in instants)
        {
            Updated<AgencyAccount> step = stepwise.CloseElapsedPeriods(at).AsT0;
            events.AddRange(step.Events);
            stepwise = step.Account;
        }

        Assert.Equal(events, once.Events);
        Assert.Equal(4, once.Events.OfType<PeriodClosed>().Count());
        Assert.Equal(C(240), once.Account.Balance);
        Assert.Equal(stepwise.Balance, once.Account.Balance);
        Assert.Equal<Lot>(stepwise.Pool.Lots, once.Account.Pool.Lots);
        Assert.Equal(stepwise.Version, once.Account.Version);
        Assert.Equal(stepwise.CurrentPeriod, once.Account.CurrentPeriod);
    }

    [Fact]
    public void Current_freelancer_closing_a_year_at_once_equals_closing_at_three_later_instants_expiries_included()
    {
        FreelancerAccount account = PlusFreelancer(Settings(PlanCatalog.Current))
            .BuyConnects(Holder, C(20), Key("b1"), Utc(2025, 6, 15)).AsT0.Account;
        Instant[] instants = [Utc(2025, 8, 1), Utc(2026, 1, 10, 9), Utc(2026, 7, 1)];

        Updated<FreelancerAccount> once = account.CloseElapsedPeriods(instants[^1]).AsT0;
        var events = new List<AccountEvent>();
        FreelancerAccount stepwise = account;
        foreach (Instant at in instants)
        {
            Updated<FreelancerAccount> step = stepwise.CloseElapsedPeriods(at).AsT0;
            events.AddRange(step.Events);
            stepwise = step.Account;
        }

        Assert.Equal(events, once.Events);
        Assert.Equal(
            [new ConnectsExpired(Utc(2026, 1, 10, 9), C(110)), new ConnectsExpired(Utc(2026, 6, 15), C(20))],
            once.Events.OfType<ConnectsExpired>());
        Assert.Equal(C(1200), once.Account.Balance);
        Assert.Equal<Lot>(stepwise.Pool.Lots, once.Account.Pool.Lots);
        Assert.Equal(stepwise.Version, once.Account.Version);
    }

    [Fact]
    public void Agency_operations_before_the_last_change_are_InstantBeforeLastChange()
    {
        AgencyAccount agency = PlusAgency().BuyConnects(Owner, C(10), Key("b1"), Hours(2)).AsT0.Account
            .SubmitProposal(Owner, Owner, Proposal("p1"), C(1), C(0), Key("p1"), Hours(2)).AsT0.Account;
        var early = new InstantBeforeLastChange(Hours(1), Hours(2));

        Assert.Equal<object>(early, agency.CloseElapsedPeriods(Hours(1)).Value);
        Assert.Equal<object>(early, agency.BuyConnects(Owner, C(1), Key("b2"), Hours(1)).Value);
        Assert.Equal<object>(early, agency.UpgradeToPlus(Owner, Hours(1)).Value);
        Assert.Equal<object>(early, agency.DowngradeToBasic(Owner, Hours(1)).Value);
        Assert.Equal<object>(early, agency.CancelPlus(Owner, Hours(1)).Value);
        Assert.Equal<object>(early, agency.RecordFailedPayment(Hours(1)).Value);
        Assert.Equal<object>(early, agency.SubmitProposal(Owner, Owner, Proposal("p2"), C(1), C(0), Key("p2"), Hours(1)).Value);
        Assert.Equal<object>(early, agency.RecordOutcome(Proposal("p1"), ProposalOutcome.Declined, Hours(1)).Value);

        Updated<AgencyAccount> same = agency.CloseElapsedPeriods(Hours(2)).AsT0;
        Assert.Empty(same.Events);
        Assert.Equal(agency.Version, same.Account.Version);
    }

    [Fact]
    public void Freelancer_operations_before_the_last_change_are_InstantBeforeLastChange()
    {
        FreelancerAccount account = PlusFreelancer().BuyConnects(Holder, C(10), Key("b1"), Hours(2)).AsT0.Account
            .SubmitProposal(Holder, Proposal("p1"), C(1), C(0), Key("p1"), Hours(2), null).AsT0.Account;
        var early = new InstantBeforeLastChange(Hours(1), Hours(2));

        Assert.Equal<object>(early, account.CloseElapsedPeriods(Hours(1)).Value);
        Assert.Equal<object>(early, account.BuyConnects(Holder, C(1), Key("b2"), Hours(1)).Value);
        Assert.Equal<object>(early, account.UpgradeToPlus(Holder, Hours(1)).Value);
        Assert.Equal<object>(early, account.DowngradeToBasic(Holder, Hours(1)).Value);
        Assert.Equal<object>(early, account.CancelPlus(Holder, Hours(1)).Value);
        Assert.Equal<object>(early, account.RecordFailedPayment(Hours(1)).Value);
        Assert.Equal<object>(early, account.SubmitProposal(Holder, Proposal("p2"), C(1), C(0), Key("p2"), Hours(1), null).Value);
        Assert.Equal<object>(early, account.RecordOutcome(Proposal("p1"), ProposalOutcome.Declined, Hours(1)).Value);
        Assert.Empty(account.CloseElapsedPeriods(Hours(2)).AsT0.Events);
    }

    [Fact]
    public void An_instant_before_the_last_change_names_the_parameter_at()
    {
        Instant earlier = Start.Minus(Duration.FromHours(1));

        var result = BasicFreelancer().CloseElapsedPeriods(earlier);

        var error = Assert.IsType<InstantBeforeLastChange>(result.AsT1);
        Assert.Equal("at", error.Parameter);
        Assert.Equal(earlier, error.At);
        Assert.Equal(Start, error.LastChangedAt);
    }

    [Fact]
    public void A_freelancer_outcome_with_both_an_early_instant_and_an_undefined_outcome_reports_the_instant()
    {
        Instant earlier = Start.Minus(Duration.FromHours(1));

        var result = BasicFreelancer().RecordOutcome(Proposal("p1"), (ProposalOutcome)255, earlier);

        Assert.Equal(new InstantBeforeLastChange(earlier, Start), result.AsT1);
    }
}
