using System;
using System.Collections.Generic;
using System.Linq;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Membership;
using AgencyConnects.Domain.Values;
using Xunit;
using static AgencyConnects.Domain.Tests.Lifecycle.Given;
using static AgencyConnects.Domain.Tests.TestData;

namespace AgencyConnects.Domain.Tests.Accounts;

/// <summary>
/// <see cref="AgencyAccount.Replay"/>, <see cref="FreelancerAccount.Replay"/> and <c>Apply</c>: null is refused, and a
/// freelancer account refuses the events that belong to agencies or open an account.
/// </summary>
public sealed class ReplayAndApplyTests
{
    private static readonly PersonId Bea = Person("bea");

    [Fact]
    public void Replaying_or_applying_null_throws_ArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => AgencyAccount.Replay(null!));
        Assert.Throws<ArgumentNullException>(() => FreelancerAccount.Replay(null!));
        Assert.Throws<ArgumentNullException>(() => PlusAgency().Apply(null!));
        Assert.Throws<ArgumentNullException>(() => PlusFreelancer().Apply(null!));
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
