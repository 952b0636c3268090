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
/// DOMAIN §7 and issue #8: bad input gets a named error with its exact data, never a crash or a silent fix, and a
/// refused operation changes nothing. The properties throw generated bad input at every account operation and factory
/// (an exception fails them); the facts pin the <see cref="InvalidArgument"/> cases, their limits, and the one
/// exception left, <see cref="ArgumentNullException"/> for a null reference argument.
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
        ["AgencyDirectory.Apply event"] = (() => Directory.Apply(Plus.Id, null!), "accountEvent"),
        ["AgencyDirectory.Apply change"] = (() => Directory.Apply(null!), "change"),
        ["AgencyDirectory.Apply to no directory"] = (() => ((AgencyDirectory)null!).Apply(Plus.Id, new MemberRemoved(Start, Olivia, Ben)), "directory"),
        ["AccountSettings catalog"] = (() => AccountSettings.Create(null!, DateTimeZone.Utc), "catalog"),
        ["AccountSettings zone"] = (() => AccountSettings.Create(PlanCatalog.Classic, null!), "zone"),
        ["PlanCatalog.Create name"] = (() => PlanCatalog.Create(null!, Currency.Usd, PlanCatalog.Classic.Plans), "name"),
        ["PlanCatalog.Create plans"] = (() => PlanCatalog.Create("x", Currency.Usd, null!), "plans"),
        ["PlanCatalog.Create a null plan"] = (() => PlanCatalog.Create("x", Currency.Usd, PlanCatalog.Classic.Plans.Append(null!)), "terms"),
        ["PurchaseRules.Bundles sizes"] = (() => PurchaseRules.Bundles(Money.Create(1m, Currency.Usd).AsT0, null!), "bundleSizes"),
        ["AccountHistory.Of events"] = (() => AccountHistory.Of(null!), "events"),
        ["AccountHistory.For settings"] = (() => AccountHistory.For(null!), "settings"),
        ["AccountHistory.Apply event"] = (() => AccountHistory.For(AccountSettings.Default).Apply(null!), "accountEvent"),
        ["AccountHistory.LedgerEntriesOf event"] = (() => AccountHistory.LedgerEntriesOf(null!), "accountEvent"),
        ["AccountHistory.BillLineOf event"] = (() => AccountHistory.BillLineOf(null!), "accountEvent"),
        ["AccountHistory.Bill dates"] = (() => AccountHistory.For(AccountSettings.Default).Bill((DateInterval)null!), "dates"),
        ["AgencyAccount.Load snapshot"] = (() => AgencyAccount.Load(null!, []), "snapshot"),
        ["AgencyAccount.Load events"] = (() => AgencyAccount.Load(Plus.ToSnapshot(), null!), "eventsAfter"),
        ["FreelancerAccount.Load snapshot"] = (() => FreelancerAccount.Load(null!, []), "snapshot"),
        ["FreelancerAccount.Load events"] = (() => FreelancerAccount.Load(FreelancerPlus.ToSnapshot(), null!), "eventsAfter"),
        ["PlanCatalogRegistry.With catalog"] = (() => PlanCatalogRegistry.Default.With(null!), "catalog"),
        ["PlanCatalogRegistry.Resolve name"] = (() => PlanCatalogRegistry.Default.Resolve(null!), "name"),
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
    /// quantity returned the first and bought nothing. It is the <see cref="InvalidArgument"/> case of the result, in
    /// the slot that held <see cref="InstantBeforeLastChange"/>.
    /// </summary>
    private static readonly Dictionary<string, (Func<object> Call, object Account, DefaultValue Expected)> s_emptyIdentifiers = new()
    {
        ["agency purchase, empty key"] = (() => Plus.BuyConnects(Olivia, C(5), default, Plus.LastChangedAt).AsT2, Plus, new("request", "RequestKey")),
        ["agency proposal, empty key"] = (() => Plus.SubmitProposal(Olivia, Ben, Proposal("new"), C(1), C(0), default, Plus.LastChangedAt).AsT2, Plus, new("request", "RequestKey")),
        ["agency proposal, empty proposal"] = (() => Plus.SubmitProposal(Olivia, Ben, default, C(1), C(0), Key("new"), Plus.LastChangedAt).AsT2, Plus, new("proposal", "ProposalId")),
        ["agency member, empty person"] = (() => Plus.AddMember(Olivia, default, Permissions.Freelancer, MembershipKind.NonExclusive, Plus.LastChangedAt, Directory).AsT2, Plus, new("person", "PersonId")),
        ["own purchase, empty key"] = (() => FreelancerPlus.BuyConnects(Fay, C(5), default, FreelancerPlus.LastChangedAt).AsT1, FreelancerPlus, new("request", "RequestKey")),
        ["own proposal, empty key"] = (() => FreelancerPlus.SubmitProposal(Fay, Proposal("new"), C(1), C(0), default, FreelancerPlus.LastChangedAt, Directory.ExclusiveAgencyOf(Fay)).AsT1, FreelancerPlus, new("request", "RequestKey")),
        ["own proposal, empty proposal"] = (() => FreelancerPlus.SubmitProposal(Fay, default, C(1), C(0), Key("new"), FreelancerPlus.LastChangedAt, Directory.ExclusiveAgencyOf(Fay)).AsT1, FreelancerPlus, new("proposal", "ProposalId")),
        ["agency, empty identifier"] = (() => AgencyAccount.Create(default, Newcomer, Start, Directory).AsT1, Directory, new("id", "AgencyId")),
        ["agency, empty owner"] = (() => AgencyAccount.Create(Agency("new"), default, Start, Directory).AsT1, Directory, new("owner", "PersonId")),
        ["freelancer account, empty holder"] = (() => FreelancerAccount.Open(default, Start).AsT1, Directory, new("holder", "PersonId")),
        ["catalog, default currency"] = (() => PlanCatalog.Create("none", default, PlanCatalog.Classic.Plans).AsT7, Directory, new("currency", "Currency")),
    };

    public static TheoryData<string> EmptyIdentifiers => [.. s_emptyIdentifiers.Keys];

    [Theory]
    [MemberData(nameof(EmptyIdentifiers))]
    public void A_default_identifier_to_record_is_a_DefaultValue_and_changes_nothing(string call)
    {
        (Func<object> invoke, object account, DefaultValue expected) = s_emptyIdentifiers[call];
        string before = Observe(account) + ObserveDirectory();

        Assert.Equal(expected, invoke());
        Assert.Equal(before, Observe(account) + ObserveDirectory());
    }

    [Fact]
    public void An_undefined_membership_kind_is_an_UndefinedValue_instead_of_being_stored()
    {
        string before = Observe(Plus) + ObserveDirectory();

        Assert.Equal(new UndefinedValue("ownerMembership", "MembershipKind", 7), AgencyAccount.Create(Agency("odd"), Newcomer, Start, Directory, null, (MembershipKind)7).AsT1);
        Assert.Equal(new UndefinedValue("kind", "MembershipKind", 7), Plus.AddMember(Olivia, Newcomer, Permissions.Freelancer, (MembershipKind)7, Plus.LastChangedAt, Directory).AsT2);
        Assert.Equal(new UndefinedValue("kind", "MembershipKind", -1), Plus.AddMember(Olivia, Newcomer, Permissions.Freelancer, (MembershipKind)(-1), Plus.LastChangedAt, Directory).AsT2);
        Assert.Equal(before, Observe(Plus) + ObserveDirectory());
    }

    /// <summary>Permission bits outside <see cref="Permissions.All"/> used to be masked off silently; now any such value is refused, whole, and nothing changes.</summary>
    [Property(MaxTest = 300)]
    public void Any_undefined_permission_bits_are_an_UndefinedValue_with_the_value_given(int bits, bool change)
    {
        var permissions = (Permissions)(bits | (1 << (3 + ((bits & int.MaxValue) % 29))));
        string before = Observe(Plus) + ObserveDirectory();

        InvalidArgument refused = change
            ? Plus.ChangePermissions(Olivia, Ben, permissions, Plus.LastChangedAt).AsT2
            : Plus.AddMember(Olivia, Newcomer, permissions, MembershipKind.NonExclusive, Plus.LastChangedAt, Directory).AsT2;

        Assert.Equal(new UndefinedValue("permissions", "Permissions", (long)permissions), refused);
        Assert.Equal(before, Observe(Plus) + ObserveDirectory());
    }

    [Property(MaxTest = 300)]
    public void Any_undefined_outcome_is_an_UndefinedValue_with_the_value_given(int value, bool own)
    {
        var outcome = (ProposalOutcome)(value is >= 0 and <= 7 ? value + 8 : value);
        object account = own ? FreelancerPlus : Plus;
        string before = Observe(account);

        InvalidArgument refused = own
            ? FreelancerPlus.RecordOutcome(OwnOpenProposal, outcome, FreelancerPlus.LastChangedAt).AsT1
            : Plus.RecordOutcome(OpenProposal, outcome, Plus.LastChangedAt).AsT2;

        Assert.Equal(new UndefinedValue("outcome", "ProposalOutcome", (long)outcome), refused);
        Assert.Equal(before, Observe(account));
    }

    [Fact]
    public void Settings_with_an_undefined_policy_are_an_UndefinedMonthEndPolicy()
        => Assert.Equal(new UndefinedMonthEndPolicy((MonthEndPolicy)2), AccountSettings.Create(PlanCatalog.Classic, DateTimeZone.Utc, (MonthEndPolicy)2).AsT1);

    [Fact]
    public void Settings_with_an_undefined_month_end_policy_are_refused()
    {
        var result = AccountSettings.Create(PlanCatalog.Classic, DateTimeZone.Utc, (MonthEndPolicy)99);

        Assert.Equal(new UndefinedMonthEndPolicy((MonthEndPolicy)99), result.AsT1);
    }

    /// <summary>
    /// The schedule's end is the first instant refused: an account opened on the last anchor date runs to the tick before it
    /// (about 12,000 periods) and refuses the end itself. The end used to throw InvalidOperationException while closing
    /// the last supported period.
    /// </summary>
    [Fact]
    public void The_schedule_end_is_the_first_instant_refused()
    {
        FreelancerAccount late = FreelancerAccount.Open(Newcomer, Instant.FromUtc(9000, 12, 31, 12, 0)).AsT0.Account;
        Instant end = late.Schedule.End;

        Assert.Equal(new InstantOutOfRange(end, end), late.CloseElapsedPeriods(end).AsT1);
        Assert.Equal(new InstantOutOfRange(Instant.MaxValue, end), late.RecordFailedPayment(Instant.MaxValue).AsT1);
        FreelancerAccount last = late.CloseElapsedPeriods(end - Duration.Epsilon).AsT0.Account;
        Assert.Equal(late.Schedule.LastIndex, last.CurrentPeriod.Index);
        Assert.Equal(new InstantOutOfRange(end, end), last.CloseElapsedPeriods(end).AsT1);
        Assert.Equal(new InstantOutOfRange(end, Instant.FromUtc(9001, 1, 1, 0, 0)), last.UpgradeToPlus(Newcomer, end).AsT1); // the earliest limit
    }

    /// <summary>
    /// An upgrade anchors a new schedule on its local date, and no schedule is anchored after 9000-12-31: the start of
    /// 9001-01-01 in the account's zone is the first instant refused. It used to throw InvalidOperationException
    /// while applying the plan change.
    /// </summary>
    [Theory]
    [InlineData("Etc/UTC")]
    [InlineData("Pacific/Kiritimati")]
    [InlineData("America/New_York")]
    public void An_upgrade_after_the_last_anchor_date_is_refused_from_the_start_of_that_day(string zoneId)
    {
        DateTimeZone zone = DateTimeZoneProviders.Tzdb[zoneId];
        AccountSettings settings = AccountSettings.Create(PlanCatalog.Classic, zone).AsT0;
        FreelancerAccount late = FreelancerAccount.Open(Newcomer, Instant.FromUtc(9000, 12, 30, 12, 0), settings).AsT0.Account;
        Instant limit = new LocalDate(9001, 1, 1).AtStartOfDayInZone(zone).ToInstant();

        Assert.Equal(new InstantOutOfRange(limit, limit), late.UpgradeToPlus(Newcomer, limit).AsT1);
        Assert.Equal(new InstantOutOfRange(limit + Duration.FromDays(300), limit), late.UpgradeToPlus(Newcomer, limit + Duration.FromDays(300)).AsT1);
        FreelancerAccount upgraded = late.UpgradeToPlus(Newcomer, limit - Duration.Epsilon).AsT0.Account;
        Assert.Equal(BillingSchedule.MaxAnchor, upgraded.Schedule.Anchor);
        Assert.True(late.CloseElapsedPeriods(limit).IsT0); // only upgrades are bound by the last anchor date
    }

    /// <summary>
    /// On the Current catalog Connects expire a year after they are acquired (in local time), and there is no date
    /// after 9999-12-31 nor instant after <see cref="Instant.MaxValue"/>: from the first instant whose expiry would be
    /// past them, every operation is refused. That is the start of 9999-01-01 in UTC and east of it; west of UTC the
    /// last instant comes first (at UTC-3, a year after 9998-12-31T21:00 local is past it). A purchase there used to
    /// throw from NodaTime (ArgumentOutOfRangeException, or OverflowException west of UTC).
    /// </summary>
    [Theory]
    [InlineData("Etc/UTC", 9999, 1, 1, 0)]
    [InlineData("Asia/Tokyo", 9998, 12, 31, 15)]
    [InlineData("America/Santiago", 9999, 1, 1, 0)]
    public void On_a_catalog_whose_Connects_expire_the_first_instant_with_no_representable_expiry_is_the_limit(string zoneId, int year, int month, int day, int hour)
    {
        DateTimeZone zone = DateTimeZoneProviders.Tzdb[zoneId];
        AccountSettings settings = AccountSettings.Create(PlanCatalog.Current, zone).AsT0;
        FreelancerAccount late = FreelancerAccount.Open(Newcomer, Instant.FromUtc(9000, 12, 30, 12, 0), settings).AsT0.Account;
        Instant limit = Instant.FromUtc(year, month, day, hour, 0);

        Assert.Equal(new InstantOutOfRange(limit, limit), late.BuyConnects(Newcomer, C(10), Key("late"), limit).AsT1);
        Assert.Equal(new InstantOutOfRange(limit, limit), late.CloseElapsedPeriods(limit).AsT1);
        Assert.Equal(new InstantOutOfRange(limit + Duration.FromDays(5), limit), late.RecordFailedPayment(limit + Duration.FromDays(5)).AsT1);
        Assert.True(late.BuyConnects(Newcomer, C(10), Key("late"), limit - Duration.Epsilon).IsT0);
        var bought = late.BuyConnects(Newcomer, C(10), Key("late"), limit - Duration.FromDays(1)).AsT0;
        Lot lot = bought.Account.Pool.Lots.Single(l => l.Source == LotSource.Purchase);
        Assert.Equal((limit - Duration.FromDays(1)).InZone(zone).LocalDateTime.PlusYears(1), lot.ExpiresAt!.Value.InZone(zone).LocalDateTime);
    }

    [Fact]
    public void A_lifetime_that_fits_from_the_last_anchor_date_is_accepted_and_one_a_day_longer_is_not()
    {
        PlanTerms[] WithLifetime(Period lifetime) => [.. PlanCatalog.Classic.Plans.Select(t => t with { ConnectsLifetime = lifetime })];
        Period longest = Period.FromYears(998) + Period.FromDays(364);
        Period tooLong = Period.FromYears(998) + Period.FromDays(365);

        Assert.True(PlanCatalog.Create("long", Currency.Usd, WithLifetime(longest)).IsT0);
        Assert.Equal(new InvalidLifetime(Plan.FreelancerBasic, tooLong), PlanCatalog.Create("long", Currency.Usd, WithLifetime(tooLong)).AsT6);
        Assert.Equal(new InvalidLifetime(Plan.FreelancerBasic, Period.FromWeeks(int.MaxValue)), PlanCatalog.Create("long", Currency.Usd, WithLifetime(Period.FromWeeks(int.MaxValue))).AsT6);
    }

    [Fact]
    public void The_month_end_batch_names_a_default_account_instead_of_throwing()
    {
        var outcomes = new MonthEndOutcome[1];

        Assert.Equal(
            new InvalidMonthEndAccount(0, MonthEndAccountProblem.NoSchedule),
            MonthEndBatch.Close(PlanCatalog.Classic, Start, new MonthEndAccount[1], [], new MonthEndAccount[1], new Lot[4], outcomes, new MonthEndFee[4]).AsT2);
        Assert.Equal(default, outcomes[0]);
    }

    [Theory]
    [InlineData("Pacific/Kiritimati", true)]
    [InlineData("Asia/Tokyo", true)]
    [InlineData("Pacific/Niue", false)]
    [InlineData("Pacific/Honolulu", false)]
    public void Accounts_at_the_ends_of_time_in_any_zone_are_AnchorOutOfRange_not_a_NodaTime_crash(string zoneId, bool latest)
    {
        var settings = AccountSettings.Create(PlanCatalog.Classic, DateTimeZoneProviders.Tzdb[zoneId]).AsT0;
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
