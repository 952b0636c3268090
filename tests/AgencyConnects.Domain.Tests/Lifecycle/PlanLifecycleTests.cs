using System.Linq;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Membership;
using AgencyConnects.Domain.Plans;
using AgencyConnects.Domain.Pool;
using AgencyConnects.Domain.Values;
using NodaTime;
using Xunit;
using static AgencyConnects.Domain.Tests.Lifecycle.Given;
using static AgencyConnects.Domain.Tests.TestData;

namespace AgencyConnects.Domain.Tests.Lifecycle;

/// <summary>Upgrade at once; downgrade and cancel at period end; failed payment at once (DOMAIN §3).</summary>
public sealed class PlanLifecycleTests
{
    private static readonly PersonId Manager = Person("bea");

    [Fact]
    public void Agency_upgrade_charges_the_fee_grants_the_allotment_and_moves_the_anchor_to_the_upgrade_date()
    {
        AgencyAccount basic = BasicAgency();
        Instant at = Utc(2025, 3, 3, 14);

        Updated<AgencyAccount> upgraded = basic.UpgradeToPlus(Owner, at).AsT0;

        AgencyAccount agency = upgraded.Account;
        BillingPeriodOf(agency, 0, Utc(2025, 3, 3), Utc(2025, 4, 3));
        var fee = new BillLine(BillLineKind.PeriodFee, at, Plan.AgencyPlus, Usd(20.00m), agency.CurrentPeriod);
        Assert.Equal<AccountEvent>(
            [
                new PeriodClosed(Utc(2025, 2, 10), basic.Schedule.Period(0).AsT0, new RolloverOutcome(C(0), C(0), C(0))),
                new PlanChanged(at, Plan.AgencyBasic, Plan.AgencyPlus, PlanChangeReason.Upgrade),
                new ConnectsGranted(at, C(80), null),
                new FeeCharged(at, fee),
            ],
            upgraded.Events);
        Assert.Equal(Plan.AgencyPlus, agency.Plan);
        Assert.Equal(new LocalDate(2025, 3, 3), agency.Schedule.Anchor);
        Assert.Equal(C(80), agency.Balance);
        Assert.Equal([fee], upgraded.Lines());

        // The next fee falls on the new anniversary.
        Updated<AgencyAccount> renewed = agency.CloseElapsedPeriods(Utc(2025, 4, 3)).AsT0;
        FeeCharged next = Assert.Single(renewed.Events.OfType<FeeCharged>());
        Assert.Equal(Utc(2025, 4, 3), next.At);
        Assert.Equal(C(160), renewed.Account.Balance);
    }

    [Fact]
    public void Freelancer_upgrade_keeps_the_Connects_held_and_moves_the_anchor()
    {
        Updated<FreelancerAccount> upgraded = BasicFreelancer().UpgradeToPlus(Holder, Utc(2025, 1, 31, 8)).AsT0;
        FreelancerAccount account = upgraded.Account;

        Assert.Equal(C(80), account.Balance);
        Assert.Equal(Plan.FreelancerPlus, account.Plan);
        Assert.Equal(new LocalDate(2025, 1, 31), account.Schedule.Anchor);
        Assert.Equal(0, account.CurrentPeriod.Index);
        Assert.Equal(Utc(2025, 2, 28), account.CurrentPeriod.End);
        Assert.Equal(Usd(10.00m), upgraded.Lines()[^1].Amount);
    }

    [Fact]
    public void Agency_upgrade_after_a_failed_payment_keeps_the_Connects_held_and_charges_again()
    {
        Story<AgencyAccount> agency = PlusAgencyStory().Then(a => a.BuyConnects(Owner, C(20), Key("b1"), Hours(1)).AsT0);
        agency = agency.Then(a => a.RecordFailedPayment(Hours(2)).AsT0);
        Assert.Equal(C(100), agency.Account.Balance);

        agency = agency.Then(a => a.UpgradeToPlus(Owner, Hours(3)).AsT0);

        Assert.Equal(C(180), agency.Account.Balance);
        Assert.Equal([BillLineKind.PeriodFee, BillLineKind.ConnectsPurchase, BillLineKind.PeriodFee], agency.History.BillLines.Select(line => line.Kind));
    }

    [Fact]
    public void Upgrading_on_Plus_is_AlreadyOnPlan_and_needs_an_admin_or_the_holder()
    {
        AgencyAccount agency = PlusAgency().WithMember(Manager, Permissions.BusinessManager | Permissions.Freelancer, Hours(1));

        Assert.Equal<object>(new AlreadyOnPlan(Plan.AgencyPlus), agency.UpgradeToPlus(Owner, Hours(2)).Value);
        Assert.Equal<object>(new NotAuthorized(Manager, Permissions.Admin), agency.UpgradeToPlus(Manager, Hours(2)).Value);
        Assert.Equal<object>(new NotAuthorized(Stranger, Permissions.Admin), BasicAgency().UpgradeToPlus(Stranger, Hours(2)).Value);
        Assert.Equal<object>(new AlreadyOnPlan(Plan.FreelancerPlus), PlusFreelancer().UpgradeToPlus(Holder, Hours(2)).Value);
        Assert.Equal<object>(new NotAccountHolder(Stranger, Holder), BasicFreelancer().UpgradeToPlus(Stranger, Hours(2)).Value);
    }

    [Fact]
    public void Agency_downgrade_takes_effect_at_the_end_of_the_period_without_refund()
    {
        Instant asked = Utc(2025, 1, 20);
        Updated<AgencyAccount> scheduled = PlusAgency().DowngradeToBasic(Owner, asked).AsT0;
        var change = new PlanChangeScheduled(asked, Owner, PlanChangeReason.Downgrade, Utc(2025, 2, 10));

        Assert.Equal<AccountEvent>([change], scheduled.Events);
        AgencyAccount agency = scheduled.Account;
        Assert.Equal(Plan.AgencyPlus, agency.Plan);
        Assert.Equal(change, agency.PendingChange);

        // Still Plus until the period ends.
        agency = agency.SubmitProposal(Owner, Owner, Proposal("p1"), C(6), C(10), Key("p1"), Utc(2025, 1, 21)).AsT0.Account;
        Updated<AgencyAccount> closed = agency.CloseElapsedPeriods(Utc(2025, 2, 10)).AsT0;

        Assert.Equal<AccountEvent>(
            [
                new PeriodClosed(Utc(2025, 2, 10), agency.CurrentPeriod, new RolloverOutcome(C(0), C(0), C(64))),
                new PlanChanged(Utc(2025, 2, 10), Plan.AgencyPlus, Plan.AgencyBasic, PlanChangeReason.Downgrade),
            ],
            closed.Events);
        Assert.Equal(Plan.AgencyBasic, closed.Account.Plan);
        Assert.Null(closed.Account.PendingChange);
        Assert.Equal(C(64), closed.Account.Balance);
        Assert.Empty(closed.Lines()); // Agency Basic charges no fee: the only line is still the first $20.00
        Assert.Equal(new LocalDate(2025, 1, 10), closed.Account.Schedule.Anchor);

        // On Basic the next close charges nothing and grants nothing.
        Updated<AgencyAccount> later = closed.Account.CloseElapsedPeriods(Utc(2025, 3, 10)).AsT0;
        Assert.IsType<PeriodClosed>(Assert.Single(later.Events));
    }

    [Fact]
    public void Agency_cancel_takes_effect_at_the_end_of_the_period_with_reason_Cancel()
    {
        AgencyAccount agency = PlusAgency().CancelPlus(Owner, Hours(1)).AsT0.Account;
        Assert.Equal(new PlanChangeScheduled(Hours(1), Owner, PlanChangeReason.Cancel, Utc(2025, 2, 10)), agency.PendingChange);

        Updated<AgencyAccount> closed = agency.CloseElapsedPeriods(Utc(2025, 2, 10, 5)).AsT0;

        Assert.Equal(new PlanChanged(Utc(2025, 2, 10), Plan.AgencyPlus, Plan.AgencyBasic, PlanChangeReason.Cancel), closed.Events.OfType<PlanChanged>().Single());
        Assert.Empty(closed.Events.OfType<FeeCharged>());
        Assert.Empty(closed.Events.OfType<ConnectsGranted>());
        Assert.Equal(Plan.AgencyBasic, closed.Account.Plan);
    }

    [Fact]
    public void Freelancer_cancel_closes_under_the_Plus_cap_then_grants_the_Basic_allotment_without_a_fee()
    {
        FreelancerAccount account = PlusFreelancer().BuyConnects(Holder, C(100), Key("b1"), Hours(1)).AsT0.Account;
        account = account.CancelPlus(Holder, Hours(2)).AsT0.Account;

        Updated<FreelancerAccount> closed = account.CloseElapsedPeriods(Utc(2025, 2, 10)).AsT0;

        Assert.Equal<AccountEvent>(
            [
                new PeriodClosed(Utc(2025, 2, 10), account.CurrentPeriod, new RolloverOutcome(C(0), C(40), C(140))),
                new PlanChanged(Utc(2025, 2, 10), Plan.FreelancerPlus, Plan.FreelancerBasic, PlanChangeReason.Cancel),
                new ConnectsGranted(Utc(2025, 2, 10), C(10), null),
            ],
            closed.Events);
        Assert.Equal(C(150), closed.Account.Balance);
    }

    [Fact]
    public void A_second_downgrade_or_cancel_is_PlanChangeAlreadyScheduled()
    {
        AgencyAccount agency = PlusAgency().DowngradeToBasic(Owner, Hours(1)).AsT0.Account;
        FreelancerAccount account = PlusFreelancer().CancelPlus(Holder, Hours(1)).AsT0.Account;
        var downgrade = new PlanChangeAlreadyScheduled(PlanChangeReason.Downgrade, Utc(2025, 2, 10));
        var cancel = new PlanChangeAlreadyScheduled(PlanChangeReason.Cancel, Utc(2025, 2, 10));

        Assert.Equal<object>(downgrade, agency.DowngradeToBasic(Owner, Hours(2)).Value);
        Assert.Equal<object>(downgrade, agency.CancelPlus(Owner, Hours(2)).Value);
        Assert.Equal<object>(cancel, account.DowngradeToBasic(Holder, Hours(2)).Value);
        Assert.Equal<object>(cancel, account.CancelPlus(Holder, Hours(2)).Value);
    }

    [Fact]
    public void Downgrading_or_cancelling_Basic_is_AlreadyOnPlan_and_needs_an_admin_or_the_holder()
    {
        Assert.Equal<object>(new AlreadyOnPlan(Plan.AgencyBasic), BasicAgency().DowngradeToBasic(Owner, Hours(1)).Value);
        Assert.Equal<object>(new AlreadyOnPlan(Plan.AgencyBasic), BasicAgency().CancelPlus(Owner, Hours(1)).Value);
        Assert.Equal<object>(new AlreadyOnPlan(Plan.FreelancerBasic), BasicFreelancer().DowngradeToBasic(Holder, Hours(1)).Value);
        Assert.Equal<object>(new AlreadyOnPlan(Plan.FreelancerBasic), BasicFreelancer().CancelPlus(Holder, Hours(1)).Value);

        AgencyAccount agency = PlusAgency().WithMember(Manager, Permissions.BusinessManager, Hours(1));
        Assert.Equal<object>(new NotAuthorized(Manager, Permissions.Admin), agency.DowngradeToBasic(Manager, Hours(2)).Value);
        Assert.Equal<object>(new NotAuthorized(Stranger, Permissions.Admin), agency.CancelPlus(Stranger, Hours(2)).Value);
        Assert.Equal<object>(new NotAccountHolder(Stranger, Holder), PlusFreelancer().DowngradeToBasic(Stranger, Hours(2)).Value);
        Assert.Equal<object>(new NotAccountHolder(Stranger, Holder), PlusFreelancer().CancelPlus(Stranger, Hours(2)).Value);
    }

    [Fact]
    public void Agency_failed_payment_drops_to_Basic_at_once_keeping_the_schedule_and_the_Connects()
    {
        Instant at = Utc(2025, 1, 20);

        Updated<AgencyAccount> failed = PlusAgency().RecordFailedPayment(at).AsT0;

        Assert.Equal<AccountEvent>([new PlanChanged(at, Plan.AgencyPlus, Plan.AgencyBasic, PlanChangeReason.PaymentFailed)], failed.Events);
        AgencyAccount agency = failed.Account;
        Assert.Equal(Plan.AgencyBasic, agency.Plan);
        Assert.Equal(C(80), agency.Balance);
        Assert.Equal(new LocalDate(2025, 1, 10), agency.Schedule.Anchor);
        Assert.Equal(Utc(2025, 2, 10), agency.CurrentPeriod.End);
        Assert.Equal<object>(new AlreadyOnPlan(Plan.AgencyBasic), agency.RecordFailedPayment(Utc(2025, 1, 21)).Value);

        Updated<AgencyAccount> closed = agency.CloseElapsedPeriods(Utc(2025, 2, 10)).AsT0;
        Assert.IsType<PeriodClosed>(Assert.Single(closed.Events));
        Assert.Empty(closed.Lines());
    }

    [Fact]
    public void Freelancer_failed_payment_applies_the_Basic_cap_and_allotment_at_the_next_close()
    {
        FreelancerAccount account = PlusFreelancer().RecordFailedPayment(Hours(1)).AsT0.Account;
        Assert.Equal(Plan.FreelancerBasic, account.Plan);
        Assert.Equal<object>(new AlreadyOnPlan(Plan.FreelancerBasic), account.RecordFailedPayment(Hours(2)).Value);

        Updated<FreelancerAccount> closed = account.CloseElapsedPeriods(Utc(2025, 2, 10)).AsT0;

        Assert.Equal<AccountEvent>(
            [
                new PeriodClosed(Utc(2025, 2, 10), account.CurrentPeriod, new RolloverOutcome(C(0), C(60), C(20))),
                new ConnectsGranted(Utc(2025, 2, 10), C(10), null),
            ],
            closed.Events);
        Assert.Equal(C(30), closed.Account.Balance);
    }

    [Fact]
    public void A_failed_payment_drops_a_scheduled_downgrade()
    {
        AgencyAccount agency = PlusAgency().DowngradeToBasic(Owner, Hours(1)).AsT0.Account;

        agency = agency.RecordFailedPayment(Hours(2)).AsT0.Account;

        Assert.Null(agency.PendingChange);
        Assert.IsType<PeriodClosed>(Assert.Single(agency.CloseElapsedPeriods(Utc(2025, 2, 10)).AsT0.Events));
    }

    private static void BillingPeriodOf(AgencyAccount agency, int index, Instant start, Instant end)
    {
        Assert.Equal(index, agency.CurrentPeriod.Index);
        Assert.Equal(start, agency.CurrentPeriod.Start);
        Assert.Equal(end, agency.CurrentPeriod.End);
    }
}
