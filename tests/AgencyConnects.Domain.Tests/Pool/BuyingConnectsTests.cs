using System.Linq;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Membership;
using AgencyConnects.Domain.Plans;
using AgencyConnects.Domain.Pool;
using AgencyConnects.Domain.Values;
using NodaTime;
using Xunit;
using static AgencyConnects.Domain.Tests.Lifecycle.Catalogs;
using static AgencyConnects.Domain.Tests.Lifecycle.Given;
using static AgencyConnects.Domain.Tests.TestData;

namespace AgencyConnects.Domain.Tests.Pool;

/// <summary>Buying Connects: who may, on which plan, which quantities, at what price, and request keys (DOMAIN §2, §4, §7).</summary>
public sealed class BuyingConnectsTests
{
    private static readonly PersonId Admin = Person("ada");
    private static readonly PersonId Manager = Person("bea");

    [Fact]
    public void The_owner_and_an_admin_buy_for_the_agency_and_the_bill_line_names_who_bought()
    {
        AgencyAccount agency = PlusAgency().WithMember(Admin, Permissions.Admin, Hours(1));

        ConnectsPurchase<AgencyAccount> byAdmin = agency.BuyConnects(Admin, C(30), Key("b1"), Hours(2)).AsT0;
        ConnectsPurchase<AgencyAccount> byOwner = byAdmin.Account.BuyConnects(Owner, C(5), Key("b2"), Hours(3)).AsT0;

        Assert.Equal(
            new BillLine(BillLineKind.ConnectsPurchase, Hours(2), Plan.AgencyPlus, Usd(30.00m), null, C(30), Usd(1.00m), Key("b1"), Admin),
            byAdmin.Line);
        Assert.Equal(Owner, byOwner.Line.Actor);
        ConnectsBought bought = Assert.IsType<ConnectsBought>(Assert.Single(byAdmin.Events));
        Assert.Equal(new ConnectsBought(Hours(2), Admin, C(30), null, Key("b1"), byAdmin.Line), bought);
        Assert.Equal(new LedgerEntry(LedgerEntryKind.Bought, C(30), Hours(2), Admin), Assert.Single(byAdmin.Entries()));
        Assert.Equal(C(115), byOwner.Account.Balance);
    }

    [Fact]
    public void A_member_without_Admin_and_a_non_member_cannot_buy_for_the_agency()
    {
        AgencyAccount agency = PlusAgency().WithMember(Manager, Permissions.BusinessManager | Permissions.Freelancer, Hours(1));

        Assert.Equal<object>(new NotAuthorized(Manager, Permissions.Admin), agency.BuyConnects(Manager, C(10), Key("b1"), Hours(2)).Value);
        Assert.Equal<object>(new NotAuthorized(Stranger, Permissions.Admin), agency.BuyConnects(Stranger, C(10), Key("b2"), Hours(2)).Value);
        Assert.Equal(C(80), agency.Balance);
        Assert.Equal(5, agency.Version);
    }

    [Fact]
    public void Only_the_holder_buys_for_a_freelancer_account()
    {
        FreelancerAccount account = PlusFreelancer();

        Assert.Equal<object>(new NotAccountHolder(Stranger, Holder), account.BuyConnects(Stranger, C(10), Key("b1"), Hours(1)).Value);
        Assert.Equal(C(95), account.BuyConnects(Holder, C(15), Key("b1"), Hours(1)).AsT0.Account.Balance);
    }

    [Fact]
    public void Basic_plans_of_the_Classic_catalog_cannot_buy()
    {
        Assert.Equal<object>(
            new PlanDoesNotAllow(Plan.AgencyBasic, PlanActions.BuyConnects),
            BasicAgency().BuyConnects(Owner, C(10), Key("b1"), Hours(1)).Value);
        Assert.Equal<object>(
            new PlanDoesNotAllow(Plan.FreelancerBasic, PlanActions.BuyConnects),
            BasicFreelancer().BuyConnects(Holder, C(10), Key("b1"), Hours(1)).Value);
    }

    [Fact]
    public void Freelancer_Basic_of_the_Current_catalog_buys_bundles_but_Agency_Basic_does_not()
    {
        var settings = Settings(PlanCatalog.Current);

        Assert.Equal(C(30), BasicFreelancer(settings).BuyConnects(Holder, C(20), Key("b1"), Hours(1)).AsT0.Account.Balance);
        Assert.Equal<object>(
            new PlanDoesNotAllow(Plan.AgencyBasic, PlanActions.BuyConnects),
            BasicAgency(settings).BuyConnects(Owner, C(20), Key("b1"), Hours(1)).Value);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(15)]
    [InlineData(9)]
    [InlineData(301)]
    public void Current_offers_only_its_bundle_sizes(int quantity)
    {
        var settings = Settings(PlanCatalog.Current);

        Assert.Equal<object>(new InvalidPurchaseQuantity(C(quantity)), PlusAgency(settings).BuyConnects(Owner, C(quantity), Key("b1"), Hours(1)).Value);
        Assert.Equal<object>(new InvalidPurchaseQuantity(C(quantity)), PlusFreelancer(settings).BuyConnects(Holder, C(quantity), Key("b1"), Hours(1)).Value);
    }

    [Fact]
    public void Classic_refuses_to_buy_zero_Connects()
    {
        Assert.Equal<object>(new InvalidPurchaseQuantity(C(0)), PlusAgency().BuyConnects(Owner, C(0), Key("b1"), Hours(1)).Value);
        Assert.Equal<object>(new InvalidPurchaseQuantity(C(0)), PlusFreelancer().BuyConnects(Holder, C(0), Key("b1"), Hours(1)).Value);
    }

    [Theory]
    [InlineData(10, 150)]
    [InlineData(20, 300)]
    [InlineData(40, 600)]
    [InlineData(60, 900)]
    [InlineData(80, 1200)]
    [InlineData(150, 2250)]
    [InlineData(300, 4500)]
    public void Current_bundles_cost_exactly_15_cents_a_Connect(int quantity, int cents)
    {
        var settings = Settings(PlanCatalog.Current);

        ConnectsPurchase<AgencyAccount> agency = PlusAgency(settings).BuyConnects(Owner, C(quantity), Key("b1"), Hours(1)).AsT0;
        ConnectsPurchase<FreelancerAccount> freelancer = PlusFreelancer(settings).BuyConnects(Holder, C(quantity), Key("b1"), Hours(1)).AsT0;

        Assert.Equal(cents / 100m, agency.Line.Amount.Amount);
        Assert.Equal(Currency.Usd, agency.Line.Amount.Currency);
        Assert.Equal(Usd(0.15m), agency.Line.UnitPrice);
        Assert.Equal(C(quantity), agency.Line.Quantity);
        Assert.Equal(cents / 100m, freelancer.Line.Amount.Amount);
        Assert.Equal(C(quantity), agency.Account.Balance);
    }

    [Fact]
    public void Buying_past_the_largest_balance_returns_ConnectsOverflow_and_changes_nothing()
    {
        var settings = Settings(Unlimited);
        AgencyAccount agency = PlusAgency(settings).BuyConnects(Owner, Connects.MaxValue, Key("b1"), Hours(1)).AsT0.Account;
        FreelancerAccount account = PlusFreelancer(settings).BuyConnects(Holder, Connects.MaxValue, Key("b1"), Hours(1)).AsT0.Account;
        Assert.Equal(Connects.MaxValue, agency.Balance);
        long version = agency.Version;

        Assert.Equal<object>(new ConnectsOverflow(Connects.MaxValue, C(1)), agency.BuyConnects(Owner, C(1), Key("b2"), Hours(2)).Value);
        Assert.Equal<object>(new ConnectsOverflow(Connects.MaxValue, C(1)), account.BuyConnects(Holder, C(1), Key("b2"), Hours(2)).Value);
        Assert.Equal(version, agency.Version);
        Assert.Equal(Connects.MaxValue, agency.Balance);
    }

    [Fact]
    public void A_price_that_does_not_fit_in_a_decimal_returns_MoneyOverflow()
    {
        var settings = Settings(Priceless);

        Assert.Equal<object>(
            new MoneyOverflow(100_000_000_000_000_000_000m, 1_000_000_000m),
            PlusAgency(settings).BuyConnects(Owner, C(1_000_000_000), Key("b1"), Hours(1)).Value);
        Assert.Equal<object>(
            new MoneyOverflow(100_000_000_000_000_000_000m, 1_000_000_000m),
            PlusFreelancer(settings).BuyConnects(Holder, C(1_000_000_000), Key("b1"), Hours(1)).Value);
    }

    [Fact]
    public void Agency_repeat_of_a_purchase_returns_the_first_line_and_changes_nothing()
    {
        ConnectsPurchase<AgencyAccount> first = PlusAgency().BuyConnects(Owner, C(30), Key("b1"), Hours(1)).AsT0;

        ConnectsPurchase<AgencyAccount> repeat = first.Account.BuyConnects(Owner, C(30), Key("b1"), Hours(2)).AsT0;

        Assert.True(repeat.IsRepeat);
        Assert.False(first.IsRepeat);
        Assert.Same(first.Line, repeat.Line);
        Assert.Empty(repeat.Events);
        Assert.Same(first.Account, repeat.Account);
        Assert.Equal(C(110), repeat.Account.Balance);
        Assert.Equal(first.Account.Version, repeat.Account.Version);
    }

    [Fact]
    public void Agency_repeat_inside_the_retention_window_closes_no_period()
    {
        // Bought at 23:00 on 9 February; the period ends at midnight; the repeat an hour later is inside the 24 hours.
        ConnectsPurchase<AgencyAccount> first = PlusAgency().BuyConnects(Owner, C(30), Key("b1"), Utc(2025, 2, 9, 23)).AsT0;

        ConnectsPurchase<AgencyAccount> repeat = first.Account.BuyConnects(Owner, C(30), Key("b1"), Utc(2025, 2, 10, 0)).AsT0;

        Assert.True(repeat.IsRepeat);
        Assert.Empty(repeat.Events);
        Assert.Equal(0, repeat.Account.CurrentPeriod.Index);
    }

    [Fact]
    public void A_key_is_known_until_its_first_use_plus_the_retention_and_then_is_new_again()
    {
        ConnectsPurchase<AgencyAccount> first = PlusAgency().BuyConnects(Owner, C(30), Key("b1"), Hours(1)).AsT0;
        Instant last = Hours(1) + AccountSettings.DefaultRequestRetention - Duration.Epsilon;

        ConnectsPurchase<AgencyAccount> inside = first.Account.BuyConnects(Owner, C(30), Key("b1"), last).AsT0;
        Assert.Equal(new RequestKeyConflict(Key("b1")), first.Account.BuyConnects(Owner, C(31), Key("b1"), last).AsT6);
        ConnectsPurchase<AgencyAccount> after = first.Account.BuyConnects(Owner, C(31), Key("b1"), last + Duration.Epsilon).AsT0;

        Assert.True(inside.IsRepeat);
        Assert.False(after.IsRepeat);
        Assert.Equal(C(141), after.Account.Balance);
        Assert.Equal(C(31), Assert.IsType<ConnectsBought>(Assert.Single(after.Events)).Quantity);
    }

    [Fact]
    public void A_repeat_does_not_extend_the_window_and_a_later_event_drops_the_key()
    {
        AccountSettings settings = AccountSettings.Create(PlanCatalog.Classic, DateTimeZone.Utc, requestRetention: Duration.FromHours(2)).AsT0;
        ConnectsPurchase<AgencyAccount> first = PlusAgency(settings).BuyConnects(Owner, C(30), Key("b1"), Hours(1)).AsT0;
        ConnectsPurchase<AgencyAccount> repeat = first.Account.BuyConnects(Owner, C(30), Key("b1"), Hours(2)).AsT0;

        // Another operation at 3h applies an event at the key's end: the key is gone from the account.
        AgencyAccount later = repeat.Account.BuyConnects(Owner, C(5), Key("b2"), Hours(3)).AsT0.Account;

        Assert.True(repeat.IsRepeat);
        Assert.False(later.BuyConnects(Owner, C(30), Key("b1"), Hours(3)).AsT0.IsRepeat);
        Assert.DoesNotContain(later.ToSnapshot().Requests, r => r is ConnectsBought { Request.Value: "b1" });
    }

    [Fact]
    public void Agency_key_reused_for_another_quantity_or_actor_or_for_a_proposal_is_a_RequestKeyConflict()
    {
        AgencyAccount agency = PlusAgency().WithMember(Admin, Permissions.All, Hours(1))
            .BuyConnects(Owner, C(30), Key("b1"), Hours(2)).AsT0.Account
            .SubmitProposal(Owner, Owner, Proposal("p1"), C(6), C(0), Key("s1"), Hours(3)).AsT0.Account;
        long version = agency.Version;

        Assert.Equal<object>(new RequestKeyConflict(Key("b1")), agency.BuyConnects(Owner, C(31), Key("b1"), Hours(4)).Value);
        Assert.Equal<object>(new RequestKeyConflict(Key("b1")), agency.BuyConnects(Admin, C(30), Key("b1"), Hours(4)).Value);
        Assert.Equal<object>(new RequestKeyConflict(Key("s1")), agency.BuyConnects(Owner, C(6), Key("s1"), Hours(4)).Value);
        Assert.Equal<object>(
            new RequestKeyConflict(Key("b1")),
            agency.SubmitProposal(Owner, Owner, Proposal("p2"), C(6), C(0), Key("b1"), Hours(4)).Value);
        Assert.Equal(version, agency.Version);
        Assert.Equal(C(104), agency.Balance);
    }

    [Fact]
    public void Freelancer_request_keys_repeat_or_conflict_as_for_agencies()
    {
        ConnectsPurchase<FreelancerAccount> first = PlusFreelancer().BuyConnects(Holder, C(30), Key("b1"), Hours(1)).AsT0;

        ConnectsPurchase<FreelancerAccount> repeat = first.Account.BuyConnects(Holder, C(30), Key("b1"), Hours(2)).AsT0;

        Assert.True(repeat.IsRepeat);
        Assert.Same(first.Line, repeat.Line);
        Assert.Empty(repeat.Events);
        Assert.Same(first.Account, repeat.Account);
        Assert.Equal<object>(new RequestKeyConflict(Key("b1")), first.Account.BuyConnects(Holder, C(29), Key("b1"), Hours(2)).Value);
        Assert.Equal<object>(new RequestKeyConflict(Key("b1")), first.Account.BuyConnects(Stranger, C(30), Key("b1"), Hours(2)).Value);
        Assert.Equal(C(110), first.Account.Balance);
    }

    [Fact]
    public void Agency_bill_lists_fees_and_purchases_in_a_range_that_includes_its_start_and_excludes_its_end()
    {
        Story<AgencyAccount> story = PlusAgencyStory()
            .Then(a => a.BuyConnects(Owner, C(120), Key("b1"), Hours(2)).AsT0)
            .Then(a => a.CloseElapsedPeriods(Utc(2025, 2, 10)).AsT0);
        AgencyAccount agency = story.Account;
        AccountHistory history = story.History;
        var firstFee = new BillLine(BillLineKind.PeriodFee, Start, Plan.AgencyPlus, Usd(20.00m), agency.Schedule.Period(0).AsT0);
        var purchase = new BillLine(BillLineKind.ConnectsPurchase, Hours(2), Plan.AgencyPlus, Usd(120.00m), null, C(120), Usd(1.00m), Key("b1"), Owner);
        var secondFee = new BillLine(BillLineKind.PeriodFee, Utc(2025, 2, 10), Plan.AgencyPlus, Usd(20.00m), agency.Schedule.Period(1).AsT0);

        Assert.Equal<BillLine>([firstFee, purchase, secondFee], history.BillLines);
        Bill january = history.Bill(Start, Utc(2025, 2, 10));
        Assert.Equal<BillLine>([firstFee, purchase], january.Lines);
        Assert.Equal(Usd(140.00m), january.Total);
        Bill february = history.Bill(Utc(2025, 2, 10), Utc(2025, 3, 10));
        Assert.Equal<BillLine>([secondFee], february.Lines);
        Assert.Equal(Usd(20.00m), february.Total);
        Bill before = history.Bill(Utc(2025, 1, 1), Start);
        Assert.Empty(before.Lines);
        Assert.Equal(Usd(0m), before.Total);
    }

    [Fact]
    public void Freelancer_bill_totals_its_fees_and_purchases()
    {
        AccountHistory account = PlusFreelancerStory()
            .Then(f => f.BuyConnects(Holder, C(7), Key("b1"), Hours(2)).AsT0)
            .Then(f => f.CloseElapsedPeriods(Utc(2025, 3, 10)).AsT0)
            .History;

        Bill all = account.Bill(Start, Utc(2025, 3, 10).Plus(Duration.Epsilon));

        Assert.Equal([BillLineKind.PeriodFee, BillLineKind.ConnectsPurchase, BillLineKind.PeriodFee, BillLineKind.PeriodFee], all.Lines.Select(line => line.Kind));
        Assert.Equal(Usd(37.00m), all.Total);
    }
}
