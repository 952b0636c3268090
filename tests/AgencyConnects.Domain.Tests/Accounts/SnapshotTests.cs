using System.Linq;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Billing;
using AgencyConnects.Domain.Membership;
using AgencyConnects.Domain.Plans;
using AgencyConnects.Domain.Pool;
using AgencyConnects.Domain.Proposals;
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
            _ => valid with { Members = [valid.Members[1]] },
        };

        InvalidSnapshot error = AgencyAccount.Load(invalid, []).AsT3;

        Assert.Equal(field, error.Field);
        Assert.False(string.IsNullOrWhiteSpace(error.Problem));
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
