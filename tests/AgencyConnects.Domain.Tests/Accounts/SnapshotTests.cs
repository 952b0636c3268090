using System.Linq;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Billing;
using AgencyConnects.Domain.Membership;
using AgencyConnects.Domain.Plans;
using AgencyConnects.Domain.Pool;
using AgencyConnects.Domain.Proposals;
using AgencyConnects.Domain.Values;
using NodaTime;
using Xunit;
using static AgencyConnects.Domain.Tests.Lifecycle.Given;
using static AgencyConnects.Domain.Tests.TestData;

namespace AgencyConnects.Domain.Tests.Accounts;

/// <summary>Snapshots (DOMAIN §9): what they hold, loading them, and every snapshot no account could have produced.</summary>
public sealed class SnapshotTests
{
    private static AgencyAccount Agency()
        => PlusAgency().WithMember(Person("ben"), Permissions.Freelancer, Hours(1))
            .SubmitProposal(Owner, Person("ben"), Proposal("p1"), C(2), C(1), Key("s1"), Hours(2)).SuccessOrThrow().Account
            .SubmitProposal(Owner, Person("ben"), Proposal("p2"), C(1), C(0), Key("s2"), Hours(3)).SuccessOrThrow().Account
            .RecordOutcome(Proposal("p2"), ProposalOutcome.Declined, Hours(4)).SuccessOrThrow().Account
            .BuyConnects(Owner, C(5), Key("b1"), Hours(5)).SuccessOrThrow().Account;

    [Fact]
    public void A_snapshot_holds_the_decision_state_and_loads_back_to_an_equal_account()
    {
        AgencyAccount agency = Agency();

        AccountSnapshot snapshot = agency.ToSnapshot();
        AgencyAccount loaded = AgencyAccount.Load(snapshot, []).SuccessOrThrow();

        Assert.Equal(AccountKind.Agency, snapshot.Kind);
        Assert.Equal("Classic", snapshot.Catalog);
        Assert.Equal("UTC", snapshot.Zone);
        Assert.Equal([Owner, Person("ben")], snapshot.Members.Select(m => m.Person));
        Assert.Equal([Proposal("p1")], snapshot.OpenProposals.Select(p => p.Id));
        Assert.Equal<ClosedProposal>([new ClosedProposal(Proposal("p2"), ProposalOutcome.Declined, Hours(4))], snapshot.ClosedProposals);
        Assert.Equal(3, snapshot.Requests.Length);
        Assert.Equal(snapshot, loaded.ToSnapshot());
        Assert.Equal(agency.Balance, loaded.Balance);
        Assert.Equal(new DuplicateProposal(Proposal("p2")), loaded.SubmitProposal(Owner, Person("ben"), Proposal("p2"), C(1), C(0), Key("s3"), Hours(6)).Error);
        Assert.True(loaded.BuyConnects(Owner, C(5), Key("b1"), Hours(6)).SuccessOrThrow().IsRepeat);
    }

    [Fact]
    public void A_freelancer_snapshot_loads_back_with_the_events_after_it()
    {
        FreelancerAccount account = PlusFreelancer();
        AccountSnapshot snapshot = account.ToSnapshot();
        Updated<FreelancerAccount> later = account.CloseElapsedPeriods(Utc(2025, 3, 10)).SuccessOrThrow();

        FreelancerAccount loaded = FreelancerAccount.Load(snapshot, later.Events).SuccessOrThrow();

        Assert.Equal(later.Account.ToSnapshot(), loaded.ToSnapshot());
        Assert.Equal(Holder, loaded.Holder);
    }

    [Fact]
    public void A_snapshot_naming_an_unknown_catalog_or_zone_is_refused_by_name()
    {
        AccountSnapshot snapshot = Agency().ToSnapshot();

        Assert.Equal(new UnknownCatalog("Mine"), AgencyAccount.Load(snapshot with { Catalog = "Mine" }, []).AsT1);
        Assert.Equal(new UnknownTimeZone("Mars/Olympus"), AgencyAccount.Load(snapshot with { Zone = "Mars/Olympus" }, []).AsT2);
        PlanCatalog mine = PlanCatalog.CurrentWithFreelancerPlusFee(Usd(30.00m)).AsT0;
        AccountSnapshot onMine = FreelancerAccount.Open(Holder, Start, AccountSettings.Create(mine, DateTimeZone.Utc).AsT0).AsT0.Account.ToSnapshot();
        Assert.Equal(new UnknownCatalog(mine.Name), FreelancerAccount.Load(onMine, []).AsT1);
        Assert.Same(mine, FreelancerAccount.Load(onMine, [], PlanCatalogRegistry.Default.With(mine).AsT0).AsT0.Settings.Catalog);
    }

    public static TheoryData<string, string> Invalid() => new()
    {
        { "kind", nameof(AccountSnapshot.Kind) },
        { "plan of another kind", nameof(AccountSnapshot.Plan) },
        { "anchor out of range", nameof(AccountSnapshot.Anchor) },
        { "period out of range", nameof(AccountSnapshot.PeriodIndex) },
        { "version zero", nameof(AccountSnapshot.Version) },
        { "last change after the period", nameof(AccountSnapshot.Version) },
        { "empty lot", nameof(AccountSnapshot.Lots) },
        { "lots out of order", nameof(AccountSnapshot.Lots) },
        { "lots past the largest pool", nameof(AccountSnapshot.Lots) },
        { "open proposal twice", nameof(AccountSnapshot.OpenProposals) },
        { "closed proposal as open", nameof(AccountSnapshot.OpenProposals) },
        { "request that records nothing", nameof(AccountSnapshot.Requests) },
        { "closed proposal without identifier", nameof(AccountSnapshot.ClosedProposals) },
        { "undefined policy", nameof(AccountSnapshot.Policy) },
        { "retention out of range", nameof(AccountSnapshot.RequestRetention) },
        { "no agency", nameof(AccountSnapshot.Agency) },
        { "member twice", nameof(AccountSnapshot.Members) },
        { "owner not a member", nameof(AccountSnapshot.Principal) },
        { "last change before the period", nameof(AccountSnapshot.Version) },
        { "pending change on Basic", nameof(AccountSnapshot.PendingChange) },
        { "pending change not at the period end", nameof(AccountSnapshot.PendingChange) },
        { "key twice", nameof(AccountSnapshot.Requests) },
        { "key used after the last change", nameof(AccountSnapshot.Requests) },
        { "proposal open and closed", nameof(AccountSnapshot.ClosedProposals) },
        { "closed after the last change", nameof(AccountSnapshot.ClosedProposals) },
        { "closed agency with Connects", nameof(AccountSnapshot.IsClosed) },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void A_snapshot_no_agency_could_have_produced_is_InvalidSnapshot_naming_the_field(string what, string field)
    {
        AccountSnapshot valid = Agency().ToSnapshot();
        Lot one = new(LotSource.Purchase, C(1), Hours(1), null);
        AccountSnapshot invalid = what switch
        {
            "kind" => valid with { Kind = AccountKind.Freelancer },
            "plan of another kind" => valid with { Plan = Plan.FreelancerPlus },
            "anchor out of range" => valid with { Anchor = new LocalDate(9500, 1, 1) },
            "period out of range" => valid with { PeriodIndex = -1 },
            "version zero" => valid with { Version = 0 },
            "last change after the period" => valid with { LastChangedAt = Utc(2025, 3, 1) },
            "empty lot" => valid with { Lots = [one with { Quantity = C(0) }] },
            "lots out of order" => valid with { Lots = [one with { AcquiredAt = Hours(2) }, one] },
            "lots past the largest pool" => valid with { Lots = [one with { Quantity = C(int.MaxValue) }, one with { AcquiredAt = Hours(2) }] },
            "open proposal twice" => valid with { OpenProposals = [valid.OpenProposals[0], valid.OpenProposals[0]] },
            "closed proposal as open" => valid with { OpenProposals = [valid.OpenProposals[0] with { Status = ProposalStatus.Closed }] },
            "request that records nothing" => valid with { Requests = [new ConnectsGranted(Hours(1), C(1), null)] },
            "closed proposal without identifier" => valid with { ClosedProposals = [new ClosedProposal(default, ProposalOutcome.Declined, Hours(4))] },
            "undefined policy" => valid with { Policy = (MonthEndPolicy)9 },
            "retention out of range" => valid with { RequestRetention = Duration.Zero },
            "no agency" => valid with { Agency = null },
            "member twice" => valid with { Members = [valid.Members[0], valid.Members[0]] },
            "owner not a member" => valid with { Members = [valid.Members[1]] },
            "last change before the period" => valid with { LastChangedAt = Utc(2025, 1, 9) },
            "pending change on Basic" => valid with { Plan = Plan.AgencyBasic, PendingChange = Pending(valid) },
            "pending change not at the period end" => valid with { PendingChange = Pending(valid) with { EffectiveAt = Utc(2025, 2, 11) } },
            "key twice" => valid with { Requests = [valid.Requests[0], valid.Requests[0]] },
            "key used after the last change" => valid with { Requests = [new ConnectsBought(Hours(9), Owner, C(1), null, Key("late"), ((ConnectsBought)valid.Requests[^1]).Line)] },
            "proposal open and closed" => valid with { ClosedProposals = [new ClosedProposal(Proposal("p1"), ProposalOutcome.Declined, Hours(4))] },
            "closed after the last change" => valid with { ClosedProposals = [new ClosedProposal(Proposal("p9"), ProposalOutcome.Declined, Hours(9))] },
            _ => valid with { IsClosed = true },
        };

        InvalidSnapshot error = AgencyAccount.Load(invalid, []).AsT3;

        Assert.Equal(field, error.Field);
        Assert.False(string.IsNullOrWhiteSpace(error.Problem));
    }

    private static PlanChangeScheduled Pending(AccountSnapshot snapshot)
        => new(Hours(5), Owner, PlanChangeReason.Downgrade, Utc(2025, 2, 10));

    [Fact]
    public void Request_keys_given_out_of_order_are_put_in_order_so_a_retry_stays_a_repeat()
    {
        // A host that rebuilt the snapshot from rows in another order: K1 must still leave its window before K2.
        PersonId holder = Holder;
        FreelancerAccount account = PlusFreelancer()
            .BuyConnects(holder, C(10), Key("K1"), Hours(1)).SuccessOrThrow().Account
            .BuyConnects(holder, C(10), Key("K2"), Hours(2)).SuccessOrThrow().Account;
        AccountSnapshot snapshot = account.ToSnapshot();
        Duration day = AccountSettings.DefaultRequestRetention;

        FreelancerAccount loaded = FreelancerAccount.Load(snapshot with { Requests = [.. snapshot.Requests.Reverse()] }, []).SuccessOrThrow();
        loaded = loaded.BuyConnects(holder, C(10), Key("K3"), Hours(1) + day + Duration.FromMinutes(1)).SuccessOrThrow().Account;
        loaded = loaded.BuyConnects(holder, C(10), Key("K1"), Hours(1) + day + Duration.FromMinutes(2)).SuccessOrThrow().Account;

        Assert.True(loaded.BuyConnects(holder, C(10), Key("K1"), Hours(1) + day + Duration.FromMinutes(3)).SuccessOrThrow().IsRepeat);
        Assert.Equal(snapshot, FreelancerAccount.Load(snapshot with { Requests = [.. snapshot.Requests.Reverse()] }, []).SuccessOrThrow().ToSnapshot());
    }

    [Fact]
    public void Snapshots_with_default_arrays_compare_as_with_empty_ones()
    {
        AccountSnapshot snapshot = PlusFreelancer().ToSnapshot();

        Assert.True((snapshot with { OpenProposals = default, Members = default }).Equals(snapshot with { OpenProposals = [], Members = [] }));
        Assert.Equal((snapshot with { Lots = default }).GetHashCode(), (snapshot with { Lots = [] }).GetHashCode());
    }

    [Fact]
    public void A_key_recorded_near_the_end_of_time_with_the_longest_retention_does_not_overflow()
    {
        AccountSettings settings = AccountSettings.Create(PlanCatalog.Classic, DateTimeZone.Utc, requestRetention: AccountSettings.MaxRequestRetention).AsT0;
        FreelancerAccount account = FreelancerAccount.Open(Holder, Instant.FromUtc(9000, 12, 31, 0, 0), settings).AsT0.Account
            .UpgradeToPlus(Holder, Instant.FromUtc(9000, 12, 31, 0, 0)).AsT0.Account;

        var bought = account.BuyConnects(Holder, C(10), Key("late"), Instant.FromUtc(9999, 1, 15, 0, 0));

        Assert.True(bought.IsSuccess, bought.Error?.Message);
        Assert.True(bought.SuccessOrThrow().Account.BuyConnects(Holder, C(10), Key("late"), Instant.FromUtc(9999, 1, 16, 0, 0)).SuccessOrThrow().IsRepeat);
        Assert.Equal(bought.SuccessOrThrow().Account.ToSnapshot(), FreelancerAccount.Load(bought.SuccessOrThrow().Account.ToSnapshot(), [], null, null).SuccessOrThrow().ToSnapshot());
    }

    [Fact]
    public void A_freelancer_snapshot_with_an_agency_field_is_invalid()
    {
        AccountSnapshot snapshot = PlusFreelancer().ToSnapshot();

        Assert.Equal(nameof(AccountSnapshot.Principal), FreelancerAccount.Load(snapshot with { IsClosed = true }, []).AsT3.Field);
        Assert.Equal(nameof(AccountSnapshot.Kind), FreelancerAccount.Load(Agency().ToSnapshot(), []).AsT3.Field);
    }

    [Fact]
    public void Settings_refuse_a_retention_not_above_zero_or_longer_than_the_maximum()
    {
        Assert.Equal(
            new RequestRetentionOutOfRange(Duration.Zero, AccountSettings.MaxRequestRetention),
            AccountSettings.Create(PlanCatalog.Classic, DateTimeZone.Utc, requestRetention: Duration.Zero).AsT2);
        Assert.Equal(
            new RequestRetentionOutOfRange(Duration.FromDays(367), AccountSettings.MaxRequestRetention),
            AccountSettings.Create(PlanCatalog.Classic, DateTimeZone.Utc, requestRetention: Duration.FromDays(367)).AsT2);
        Assert.Equal(Duration.FromDays(366), AccountSettings.Create(PlanCatalog.Classic, DateTimeZone.Utc, requestRetention: Duration.FromDays(366)).AsT0.RequestRetention);
        Assert.Equal(Duration.FromHours(24), AccountSettings.Default.RequestRetention);
    }
}
