using System.Linq;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Membership;
using AgencyConnects.Domain.Plans;
using AgencyConnects.Domain.Proposals;
using AgencyConnects.Domain.Values;
using NodaTime;
using static AgencyConnects.Domain.Tests.TestData;

namespace AgencyConnects.Domain.Tests.WholeModel;

/// <summary>
/// The accounts the bad-input sweep throws its inputs at, built once through the public API: an Agency Plus with
/// members (one removed), a purchase and open, closed and boost-less proposals; an Agency Basic; a closed agency; a
/// Freelancer Plus with the same kinds of history; and a Freelancer Basic. Accounts are immutable, so every case
/// shares them.
/// </summary>
internal static class BadInputFixture
{
    public static readonly Instant Start = Utc(2025, 3, 10, 9);

    public static readonly PersonId Olivia = Person("olivia");
    public static readonly PersonId Ben = Person("ben");
    public static readonly PersonId Manager = Person("bm");
    public static readonly PersonId Removed = Person("ex");
    public static readonly PersonId Stranger = Person("zed");
    public static readonly PersonId Fay = Person("fay");
    public static readonly PersonId BasicOwner = Person("bo");
    public static readonly PersonId ClosedOwner = Person("cl");
    public static readonly PersonId Newcomer = Person("new");

    public static readonly ProposalId OpenProposal = Proposal("p-open");
    public static readonly ProposalId ClosedProposalId = Proposal("p-closed");
    public static readonly ProposalId NoBoostProposal = Proposal("p-noboost");
    public static readonly ProposalId OwnOpenProposal = Proposal("f-open");
    public static readonly ProposalId OwnClosedProposal = Proposal("f-closed");

    public static readonly RequestKey Bought = Key("k-bought");
    public static readonly RequestKey Sent = Key("k-sent");
    public static readonly RequestKey OwnBought = Key("fk-bought");
    public static readonly RequestKey OwnSent = Key("fk-sent");

    static BadInputFixture()
    {
        AgencyDirectory directory = AgencyDirectory.Empty;
        Instant at = Start;
        Instant Next() => at += Duration.FromMinutes(1);

        Updated<AgencyAccount> step = AgencyAccount.Create(Agency("acme"), Olivia, at, directory).AsT0;
        directory = directory.Apply(step);
        AgencyAccount acme = step.Account.UpgradeToPlus(Olivia, Next()).AsT0.Account;
        foreach ((PersonId person, Permissions permissions) in new[] { (Ben, Permissions.Freelancer), (Manager, Permissions.BusinessManager), (Removed, Permissions.Freelancer) })
        {
            step = acme.AddMember(Olivia, person, permissions, MembershipKind.NonExclusive, Next(), directory).AsT0;
            directory = directory.Apply(step);
            acme = step.Account;
        }

        step = acme.RemoveMember(Olivia, Removed, Next()).AsT0;
        directory = directory.Apply(step);
        acme = step.Account.BuyConnects(Olivia, C(5), Bought, Next()).AsT0.Account;
        acme = acme.SubmitProposal(Olivia, Ben, OpenProposal, C(2), C(3), Sent, Next()).AsT0.Account;
        acme = acme.SubmitProposal(Olivia, Ben, ClosedProposalId, C(1), C(0), Key("k-closed"), Next()).AsT0.Account;
        acme = acme.Withdraw(Olivia, ClosedProposalId, Next()).AsT0.Account;
        Plus = acme.SubmitProposal(Manager, Ben, NoBoostProposal, C(1), C(0), Key("k-noboost"), Next()).AsT0.Account;

        step = AgencyAccount.Create(Agency("basic"), BasicOwner, Next(), directory).AsT0;
        directory = directory.Apply(step);
        Basic = step.Account;

        step = AgencyAccount.Create(Agency("gone"), ClosedOwner, Next(), directory).AsT0;
        directory = directory.Apply(step);
        step = step.Account.Close(ClosedOwner, Next()).AsT0;
        directory = directory.Apply(step);
        Closed = step.Account;
        Directory = directory;

        FreelancerAccount fay = FreelancerAccount.Open(Fay, Next()).AsT0.Account.UpgradeToPlus(Fay, Next()).AsT0.Account;
        fay = fay.BuyConnects(Fay, C(5), OwnBought, Next()).AsT0.Account;
        fay = fay.SubmitProposal(Fay, OwnOpenProposal, C(2), C(3), OwnSent, Next(), directory.ExclusiveAgencyOf(Fay)).AsT0.Account;
        fay = fay.SubmitProposal(Fay, OwnClosedProposal, C(1), C(0), Key("fk-closed"), Next(), directory.ExclusiveAgencyOf(Fay)).AsT0.Account;
        FreelancerPlus = fay.RecordOutcome(OwnClosedProposal, ProposalOutcome.Declined, Next()).AsT0.Account;
        FreelancerBasic = FreelancerAccount.Open(Person("fb"), Next()).AsT0.Account;

        // On the Current catalog, whose Connects expire after a year, in a directory of their own.
        AccountSettings current = AccountSettings.Create(PlanCatalog.Current, DateTimeZone.Utc).AsT0;
        CurrentPlus = AgencyAccount.Create(Agency("current"), Olivia, Next(), AgencyDirectory.Empty, current).AsT0.Account.UpgradeToPlus(Olivia, Next()).AsT0.Account;
        CurrentFreelancer = FreelancerAccount.Open(Fay, Next(), current).AsT0.Account.UpgradeToPlus(Fay, Next()).AsT0.Account;
    }

    public static AgencyDirectory Directory { get; }

    public static AgencyAccount Plus { get; }

    public static AgencyAccount Basic { get; }

    public static AgencyAccount Closed { get; }

    public static FreelancerAccount FreelancerPlus { get; }

    public static FreelancerAccount FreelancerBasic { get; }

    /// <summary>Olivia's Agency Plus on the Current catalog (UTC), in no directory: its Connects expire a year after they are acquired.</summary>
    public static AgencyAccount CurrentPlus { get; }

    /// <summary>Fay's Freelancer Plus on the Current catalog (UTC).</summary>
    public static FreelancerAccount CurrentFreelancer { get; }

    /// <summary>Everything a caller can see of an account (and of the directory): equal before and after a refused call.</summary>
    public static string Observe(object? account) => account switch
    {
        AgencyAccount a => $"v{a.Version} {a.LastChangedAt} {a.Plan} {a.PendingChange} {a.CurrentPeriod} {a.Balance} lots {a.Pool.Lots.Count} "
            + $"lots {string.Join(",", a.Pool.Lots)} proposals {string.Join(",", a.Proposals.Values.OrderBy(p => p.Id).Select(p => $"{p.Id}:{p.Status}:{p.Refunded}"))} "
            + $"owner {a.Owner} members {string.Join(",", a.Members.OrderBy(m => m.Key).Select(m => $"{m.Key}:{m.Value.Permissions}:{m.Value.Kind}"))} closed {a.IsClosed}",
        FreelancerAccount f => $"v{f.Version} {f.LastChangedAt} {f.Plan} {f.PendingChange} {f.CurrentPeriod} {f.Balance} lots {f.Pool.Lots.Count} "
            + $"lots {string.Join(",", f.Pool.Lots)} proposals {string.Join(",", f.Proposals.Values.OrderBy(p => p.Id).Select(p => $"{p.Id}:{p.Status}:{p.Refunded}"))}",
        _ => string.Empty,
    };

    public static string ObserveDirectory() => string.Join(
        "; ",
        new[] { Olivia, Ben, Manager, Removed, Stranger, Fay, BasicOwner, ClosedOwner, Newcomer }.Select(p =>
            $"{p} owns {Directory.AgencyOwnedBy(p)} in {string.Join(",", Directory.MembershipsOf(p).OrderBy(m => m.Key).Select(m => $"{m.Key}:{m.Value}"))}"));
}
