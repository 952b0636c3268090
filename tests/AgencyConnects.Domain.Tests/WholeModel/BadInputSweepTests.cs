using System;
using System.Collections.Generic;
using System.Linq;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Billing;
using AgencyConnects.Domain.Membership;
using AgencyConnects.Domain.MonthEnd;
using AgencyConnects.Domain.Plans;
using AgencyConnects.Domain.Pool;
using AgencyConnects.Domain.Proposals;
using AgencyConnects.Domain.Values;
using FsCheck.Xunit;
using NodaTime;
using Xunit;
using static AgencyConnects.Domain.Tests.TestData;
using static AgencyConnects.Domain.Tests.WholeModel.BadInputFixture;

namespace AgencyConnects.Domain.Tests.WholeModel;

/// <summary>
/// DOMAIN §7: bad input gets a named error, never a crash or a silent fix, and a refused operation changes nothing.
/// The properties throw generated bad input at every account operation and factory; the facts pin the few
/// programmer errors that throw instead, and the null checks.
/// </summary>
public sealed class BadInputSweepTests
{
    [Property(Arbitrary = new[] { typeof(BadAccountCalls) }, MaxTest = 1500)]
    public void Bad_input_to_an_account_operation_returns_its_named_error_and_changes_nothing(BadCall call)
    {
        string account = Observe(call.Account);
        string directory = ObserveDirectory();

        object result = call.Invoke();

        Assert.Equal(call.Expected, result);
        Assert.Equal(account, Observe(call.Account));
        Assert.Equal(directory, ObserveDirectory());
    }

    [Property(Arbitrary = new[] { typeof(BadFactoryCalls) }, MaxTest = 500)]
    public void Bad_input_to_a_factory_returns_its_named_error(BadCall call)
        => Assert.Equal(call.Expected, call.Invoke());

    /// <summary>Every reference parameter of the public API, with the name its <see cref="ArgumentNullException"/> must carry.</summary>
    private static readonly Dictionary<string, (Action Call, string Parameter)> s_nullArguments = new()
    {
        ["AgencyAccount.Create directory"] = (() => AgencyAccount.Create(Agency("x"), Person("x"), Start, null!), "directory"),
        ["AgencyAccount.Replay events"] = (() => AgencyAccount.Replay(null!), "events"),
        ["AgencyAccount.Apply event"] = (() => Plus.Apply(null!), "accountEvent"),
        ["AgencyAccount.AddMember directory"] = (() => Plus.AddMember(Olivia, Newcomer, Permissions.All, MembershipKind.NonExclusive, Plus.LastChangedAt, null!), "directory"),
        ["AgencyAccount.TransferOwnership directory"] = (() => Plus.TransferOwnership(Olivia, Ben, Plus.LastChangedAt, null!), "directory"),
        ["FreelancerAccount.Replay events"] = (() => FreelancerAccount.Replay(null!), "events"),
        ["FreelancerAccount.Apply event"] = (() => FreelancerPlus.Apply(null!), "accountEvent"),
        ["FreelancerAccount.SubmitProposal directory"] = (() => FreelancerPlus.SubmitProposal(Fay, Proposal("n"), C(1), C(0), Key("n"), FreelancerPlus.LastChangedAt, null!), "directory"),
        ["AgencyDirectory.Apply event"] = (() => Directory.Apply(Plus.Id, null!), "accountEvent"),
        ["AgencyDirectory.Apply change"] = (() => Directory.Apply(null!), "change"),
        ["AccountSettings catalog"] = (() => _ = new AccountSettings(null!, DateTimeZone.Utc), "catalog"),
        ["AccountSettings zone"] = (() => _ = new AccountSettings(PlanCatalog.Classic, null!), "zone"),
        ["PlanCatalog.Create name"] = (() => PlanCatalog.Create(null!, Currency.Usd, PlanCatalog.Classic.Plans), "name"),
        ["PlanCatalog.Create plans"] = (() => PlanCatalog.Create("x", Currency.Usd, null!), "plans"),
        ["PlanCatalog.Create a null plan"] = (() => PlanCatalog.Create("x", Currency.Usd, PlanCatalog.Classic.Plans.Append(null!)), "terms"),
        ["PurchaseRules.Bundles sizes"] = (() => PurchaseRules.Bundles(Money.Create(1m, Currency.Usd).AsT0, null!), "bundleSizes"),
        ["UsageReport.Build pool"] = (() => UsageReport.Build(null!, Start, Start), "pool"),
        ["MonthEndBatch.Close catalog"] = (() => MonthEndBatch.Close(null!, Start, [], [], [], [], [], []), "catalog"),
        ["AgencyId.Create"] = (() => AgencyId.Create(null!), "value"),
        ["PersonId.Create"] = (() => PersonId.Create(null!), "value"),
        ["ProposalId.Create"] = (() => ProposalId.Create(null!), "value"),
        ["RequestKey.Create"] = (() => RequestKey.Create(null!), "value"),
        ["Currency.Create"] = (() => Currency.Create(null!), "code"),
    };

    public static TheoryData<string> NullArguments => [.. s_nullArguments.Keys];

    [Theory]
    [MemberData(nameof(NullArguments))]
    public void Each_reference_parameter_refuses_null_with_ArgumentNullException(string parameter)
    {
        (Action call, string name) = s_nullArguments[parameter];
        Assert.Equal(name, Assert.Throws<ArgumentNullException>(call).ParamName);
    }

    /// <summary>
    /// A <c>default</c> request key or proposal identifier can only come from code (the factories refuse blanks). It
    /// used to be accepted and recorded, so every caller that forgot its key shared one: a second purchase of the same
    /// quantity returned the first and bought nothing. The operations' results already hold nine cases, the most a
    /// OneOf takes, so it is a programmer error (ArgumentException), like a default currency in a catalog.
    /// </summary>
    private static readonly Dictionary<string, (Func<object> Call, object Account, string Parameter)> s_emptyIdentifiers = new()
    {
        ["agency purchase, empty key"] = (() => Plus.BuyConnects(Olivia, C(5), default, Plus.LastChangedAt), Plus, "request"),
        ["agency proposal, empty key"] = (() => Plus.SubmitProposal(Olivia, Ben, Proposal("new"), C(1), C(0), default, Plus.LastChangedAt), Plus, "request"),
        ["agency proposal, empty proposal"] = (() => Plus.SubmitProposal(Olivia, Ben, default, C(1), C(0), Key("new"), Plus.LastChangedAt), Plus, "proposal"),
        ["own purchase, empty key"] = (() => FreelancerPlus.BuyConnects(Fay, C(5), default, FreelancerPlus.LastChangedAt), FreelancerPlus, "request"),
        ["own proposal, empty key"] = (() => FreelancerPlus.SubmitProposal(Fay, Proposal("new"), C(1), C(0), default, FreelancerPlus.LastChangedAt, Directory), FreelancerPlus, "request"),
        ["own proposal, empty proposal"] = (() => FreelancerPlus.SubmitProposal(Fay, default, C(1), C(0), Key("new"), FreelancerPlus.LastChangedAt, Directory), FreelancerPlus, "proposal"),
    };

    public static TheoryData<string> EmptyIdentifiers => [.. s_emptyIdentifiers.Keys];

    [Theory]
    [MemberData(nameof(EmptyIdentifiers))]
    public void A_default_request_key_or_proposal_is_refused_instead_of_being_recorded(string call)
    {
        (Func<object> invoke, object account, string parameter) = s_emptyIdentifiers[call];
        string before = Observe(account);

        Assert.Equal(parameter, Assert.Throws<ArgumentException>(() => invoke()).ParamName);
        Assert.Equal(before, Observe(account));
    }

    [Fact]
    public void An_undefined_membership_kind_is_refused_instead_of_being_stored()
    {
        var bogus = (MembershipKind)7;

        Assert.Equal("ownerMembership", Assert.Throws<ArgumentOutOfRangeException>(() => AgencyAccount.Create(Agency("odd"), Newcomer, Start, Directory, null, bogus)).ParamName);
        Assert.Equal("kind", Assert.Throws<ArgumentOutOfRangeException>(() => Plus.AddMember(Olivia, Newcomer, Permissions.Freelancer, bogus, Plus.LastChangedAt, Directory)).ParamName);
        Assert.Equal("kind", Assert.Throws<ArgumentOutOfRangeException>(() => Plus.AddMember(Olivia, Newcomer, Permissions.Freelancer, (MembershipKind)(-1), Plus.LastChangedAt, Directory)).ParamName);
    }

    [Fact]
    public void The_month_end_batch_refuses_a_default_account_with_ArgumentException_not_a_null_reference()
    {
        var outcomes = new MonthEndOutcome[1];
        ArgumentException refused = Assert.Throws<ArgumentException>(
            () => MonthEndBatch.Close(PlanCatalog.Classic, Start, new MonthEndAccount[1], [], new MonthEndAccount[1], new Lot[4], outcomes, new MonthEndFee[4]));

        Assert.Equal("accounts", refused.ParamName);
    }

    [Theory]
    [InlineData("Pacific/Kiritimati", true)]
    [InlineData("Asia/Tokyo", true)]
    [InlineData("Pacific/Niue", false)]
    [InlineData("Pacific/Honolulu", false)]
    public void Accounts_at_the_ends_of_time_in_any_zone_are_AnchorOutOfRange_not_a_NodaTime_crash(string zoneId, bool latest)
    {
        var settings = new AccountSettings(PlanCatalog.Classic, DateTimeZoneProviders.Tzdb[zoneId]);
        Instant at = latest ? Instant.MaxValue : Instant.MinValue;

        Assert.Equal(new AnchorOutOfRange(at.InUtc().Date), AgencyAccount.Create(Agency("end"), Newcomer, at, Directory, settings).AsT5);
        Assert.Equal(new AnchorOutOfRange(at.InUtc().Date), FreelancerAccount.Open(Newcomer, at, settings).AsT2);
    }

    [Fact]
    public void Null_settings_and_zone_mean_the_documented_defaults_rather_than_an_error()
    {
        Assert.Equal(AccountSettings.Default, AgencyAccount.Create(Agency("x"), Newcomer, Start, Directory, null).AsT0.Account.Settings);
        Assert.Equal(AccountSettings.Default, FreelancerAccount.Open(Newcomer, Start, null).AsT0.Account.Settings);
        Assert.Equal(DateTimeZone.Utc, BillingSchedule.Create(new LocalDate(2025, 1, 1), null).AsT0.Zone);
    }
}
