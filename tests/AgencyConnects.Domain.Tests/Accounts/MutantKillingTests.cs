using System;
using System.Collections.Generic;
using System.Linq;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Billing;
using AgencyConnects.Domain.Membership;
using AgencyConnects.Domain.Plans;
using AgencyConnects.Domain.Proposals;
using AgencyConnects.Domain.Values;
using NodaTime;
using Xunit;
using static AgencyConnects.Domain.Tests.Lifecycle.Given;
using static AgencyConnects.Domain.Tests.TestData;

namespace AgencyConnects.Domain.Tests.Accounts;

/// <summary>
/// Examples that kill mutants left alive by the Stryker.NET run: documented argument checks, same-instant operations
/// and the events a freelancer account refuses (see SurvivingMutants.md).
/// </summary>
public sealed class MutantKillingTests
{
    private static readonly PersonId Bea = Person("bea");

    [Fact]
    public void Settings_with_an_undefined_month_end_policy_are_refused()
    {
        var result = AccountSettings.Create(PlanCatalog.Classic, DateTimeZone.Utc, (MonthEndPolicy)99);

        Assert.Equal(new UndefinedMonthEndPolicy((MonthEndPolicy)99), result.AsT1);
    }

    [Fact]
    public void Creating_an_agency_without_a_directory_throws_ArgumentNullException()
        => Assert.Throws<ArgumentNullException>(() => AgencyAccount.Create(Agency("acme"), Owner, Start, null!));

    [Fact]
    public void Adding_a_member_without_a_directory_throws_ArgumentNullException()
        => Assert.Throws<ArgumentNullException>(
            () => PlusAgency().AddMember(Owner, Bea, Permissions.Freelancer, MembershipKind.NonExclusive, Hours(1), null!));

    [Fact]
    public void Transferring_ownership_without_a_directory_throws_ArgumentNullException()
    {
        AgencyAccount agency = PlusAgency().WithMember(Bea, Permissions.Admin, Hours(1));

        Assert.Throws<ArgumentNullException>(() => agency.TransferOwnership(Owner, Bea, Hours(2), null!));
    }

    [Fact]
    public void Replaying_or_applying_null_throws_ArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => AgencyAccount.Replay(null!));
        Assert.Throws<ArgumentNullException>(() => FreelancerAccount.Replay(null!));
        Assert.Throws<ArgumentNullException>(() => PlusAgency().Apply(null!));
        Assert.Throws<ArgumentNullException>(() => PlusFreelancer().Apply(null!));
    }

    [Fact]
    public void The_directory_refuses_a_null_event_and_a_null_change()
    {
        Assert.Throws<ArgumentNullException>(() => AgencyDirectory.Empty.Apply(Agency("acme"), null!));
        Assert.Throws<ArgumentNullException>(() => AgencyDirectory.Empty.Apply(null!));
    }

    [Fact]
    public void A_usage_report_of_a_null_pool_throws_ArgumentNullException()
        => Assert.Throws<ArgumentNullException>(() => UsageReport.Build(null!, Start, Hours(1)));

    [Fact]
    public void Ownership_can_be_transferred_at_the_instant_of_the_last_change()
    {
        AgencyAccount agency = PlusAgency().WithMember(Bea, Permissions.Admin, Hours(1));

        Updated<AgencyAccount> transferred = agency.TransferOwnership(Owner, Bea, Hours(1), AgencyDirectory.Empty).AsT0;

        Assert.Equal(Bea, transferred.Account.Owner);
        Assert.Equal(new OwnershipTransferred(Hours(1), Owner, Bea), Assert.Single(transferred.Events));
    }

    [Fact]
    public void An_agency_can_be_closed_at_the_instant_of_the_last_change()
    {
        AgencyAccount agency = PlusAgency().BuyConnects(Owner, C(5), Key("b1"), Hours(1)).AsT0.Account;

        Updated<AgencyAccount> closed = agency.Close(Owner, Hours(1)).AsT0;

        Assert.Equal(new AgencyClosed(Hours(1), Owner, C(85)), Assert.Single(closed.Events));
        Assert.Equal(C(0), closed.Account.Balance);
    }

    public static TheoryData<string> AgencyOnlyEvents()
        => new() { nameof(AgencyCreated), nameof(FreelancerAccountOpened), nameof(MemberAdded), nameof(PermissionsChanged), nameof(MemberRemoved), nameof(OwnershipTransferred), nameof(AgencyClosed) };

    [Theory]
    [MemberData(nameof(AgencyOnlyEvents))]
    public void A_freelancer_account_refuses_every_event_that_belongs_to_agencies_or_opens_an_account(string kind)
    {
        AccountEvent refused = AgencyEvents().First(accountEvent => accountEvent.GetType().Name == kind);
        FreelancerAccount account = PlusFreelancer();

        ArgumentException thrown = Assert.Throws<ArgumentException>(() => account.Apply(refused));

        Assert.Equal("accountEvent", thrown.ParamName);
    }

    /// <summary>One event of each kind a real agency records while it adds, changes, removes a member, hands over and closes.</summary>
    private static List<AccountEvent> AgencyEvents()
    {
        Updated<AgencyAccount> created = AgencyAccount.Create(Agency("acme"), Owner, Start, AgencyDirectory.Empty).AsT0;
        Updated<AgencyAccount> plus = created.Account.UpgradeToPlus(Owner, Start).AsT0;
        Updated<AgencyAccount> added = plus.Account.AddMember(Owner, Bea, Permissions.Admin, MembershipKind.NonExclusive, Hours(1), AgencyDirectory.Empty).AsT0;
        Updated<AgencyAccount> changed = added.Account.ChangePermissions(Owner, Bea, Permissions.Freelancer, Hours(2)).AsT0;
        Updated<AgencyAccount> second = changed.Account.AddMember(Owner, Person("cid"), Permissions.Admin, MembershipKind.NonExclusive, Hours(3), AgencyDirectory.Empty).AsT0;
        Updated<AgencyAccount> removed = second.Account.RemoveMember(Owner, Person("cid"), Hours(4)).AsT0;
        Updated<AgencyAccount> transferred = removed.Account.TransferOwnership(Owner, Bea, Hours(5), AgencyDirectory.Empty).AsT0;
        Updated<AgencyAccount> ownerGone = transferred.Account.RemoveMember(Bea, Owner, Hours(6)).AsT0;
        Updated<AgencyAccount> closed = ownerGone.Account.Close(Bea, Hours(7)).AsT0;
        FreelancerAccountOpened opened = (FreelancerAccountOpened)FreelancerAccount.Open(Holder, Start).AsT0.Events.First();
        return [.. new[] { created, plus, added, changed, second, removed, transferred, ownerGone, closed }.SelectMany(change => change.Events), opened];
    }
}
