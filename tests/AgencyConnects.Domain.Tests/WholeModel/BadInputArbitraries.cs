using System;
using System.Linq;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Billing;
using AgencyConnects.Domain.Membership;
using AgencyConnects.Domain.Plans;
using AgencyConnects.Domain.Pool;
using AgencyConnects.Domain.Proposals;
using AgencyConnects.Domain.Values;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;
using static AgencyConnects.Domain.Tests.TestData;
using static AgencyConnects.Domain.Tests.WholeModel.BadInputFixture;

namespace AgencyConnects.Domain.Tests.WholeModel;

/// <summary>One call with bad input: what it is, the account it acts on (null for factories), the call, and the named error it must return.</summary>
public sealed record BadCall(string Description, object? Account, Func<object> Invoke, object Expected)
{
    public override string ToString() => $"{Description} -> expected {Expected}";
}

/// <summary>The bad calls on accounts, as the arbitrary of <c>[Property]</c> tests.</summary>
public static class BadAccountCalls
{
    public static Arbitrary<BadCall> Calls() => Arb.From(BadInputArbitraries.AccountCalls());
}

/// <summary>The bad calls on factories, as the arbitrary of <c>[Property]</c> tests.</summary>
public static class BadFactoryCalls
{
    public static Arbitrary<BadCall> Calls() => Arb.From(BadInputArbitraries.FactoryCalls());
}

/// <summary>
/// Generators of bad input for every public operation and factory: strangers, removed members, non-members and
/// <c>default</c> identifiers where a person or proposal is named; zero, huge and overflowing quantities; instants
/// before the last change, down to <see cref="Instant.MinValue"/>; closed agencies and closed or unknown proposals;
/// reused request keys; foreign currencies and <c>default</c> values where factories take them.
/// </summary>
public static class BadInputArbitraries
{
    private static readonly PersonId[] s_outsiders = [default, Stranger, Removed, Fay];

    private static readonly ProposalOutcome[] s_outcomes = Enum.GetValues<ProposalOutcome>();

    private static int s_fresh;

    /// <summary>Every kind of bad call on an account, or creating one.</summary>
    public static Gen<BadCall> AccountCalls() => Gen.OneOf(
        BadActorOnAgency(), BadActorOnFreelancerAccount(), BadSubject(), BadQuantity(), InstantBeforeLastChange(),
        ClosedAgency(), ClosedOrUnknownProposal(), ReusedRequestKey(), BadCreation(), DefaultArguments(), UndefinedArguments(),
        InstantsOutOfRange());

    /// <summary>Bad input to the value, plan and billing factories.</summary>
    public static Gen<BadCall> FactoryCalls() => Gen.OneOf(BadValues(), BadCatalogs(), BadSchedules(), BadSettings());

    private static RequestKey FreshKey() => Key("fresh-" + System.Threading.Interlocked.Increment(ref s_fresh));

    private static ProposalId FreshProposal() => Proposal("fresh-" + System.Threading.Interlocked.Increment(ref s_fresh));

    private static Instant Now(object account) => account is AgencyAccount a ? a.LastChangedAt : ((FreelancerAccount)account).LastChangedAt;

    private static BadCall Call(string description, object? account, Func<object> invoke, object expected) => new(description, account, invoke, expected);

    /// <summary>
    /// DOMAIN §4 and §6: only the owner and admins manage the plan, members and purchases; only the owner transfers or
    /// closes; a business manager submits for others and withdraws any proposal; a member submits for themselves only
    /// with the Freelancer permission. Outsiders are strangers, removed members, non-members and the empty person.
    /// </summary>
    private static Gen<BadCall> BadActorOnAgency()
    {
        AgencyAccount a = Plus;
        Instant at = a.LastChangedAt;
        Gen<BadCall> nonAdmins = Gen.Elements(s_outsiders.Append(Ben).Append(Manager).ToArray()).SelectMany(actor => Gen.Elements(
            Call($"{actor} upgrades", a, () => a.UpgradeToPlus(actor, at).Value, new NotAuthorized(actor, Permissions.Admin)),
            Call($"{actor} downgrades", a, () => a.DowngradeToBasic(actor, at).Value, new NotAuthorized(actor, Permissions.Admin)),
            Call($"{actor} cancels", a, () => a.CancelPlus(actor, at).Value, new NotAuthorized(actor, Permissions.Admin)),
            Call($"{actor} buys", a, () => a.BuyConnects(actor, C(5), FreshKey(), at).Value, new NotAuthorized(actor, Permissions.Admin)),
            Call($"{actor} adds a member", a, () => a.AddMember(actor, Newcomer, Permissions.Freelancer, MembershipKind.NonExclusive, at, Directory).Value, new NotAuthorized(actor, Permissions.Admin)),
            Call($"{actor} changes ben's permissions", a, () => a.ChangePermissions(actor, Ben, Permissions.All, at).Value, new NotAuthorized(actor, Permissions.Admin)),
            Call($"{actor} removes another member", a, () => a.RemoveMember(actor, actor == Ben ? Manager : Ben, at).Value, new NotAuthorized(actor, Permissions.Admin)),
            Call($"{actor} transfers ownership", a, () => a.TransferOwnership(actor, Ben, at, Directory).Value, new NotOwner(actor, Olivia)),
            Call($"{actor} closes the agency", a, () => a.Close(actor, at).Value, new NotOwner(actor, Olivia))));
        Gen<BadCall> nonManagers = Gen.Elements(s_outsiders).SelectMany(actor => Gen.Elements(
            Call($"{actor} submits for ben", a, () => a.SubmitProposal(actor, Ben, FreshProposal(), C(1), C(0), FreshKey(), at).Value, new NotAuthorized(actor, Permissions.BusinessManager)),
            Call($"{actor} submits for themselves", a, () => a.SubmitProposal(actor, actor, FreshProposal(), C(1), C(0), FreshKey(), at).Value, new NotAuthorized(actor, Permissions.Freelancer)),
            Call($"{actor} withdraws ben's proposal", a, () => a.Withdraw(actor, OpenProposal, at).Value, new NotAuthorized(actor, Permissions.BusinessManager))));
        return Gen.OneOf(
            nonAdmins,
            nonManagers,
            Gen.Elements(
                Call("ben submits for bm", a, () => a.SubmitProposal(Ben, Manager, FreshProposal(), C(1), C(0), FreshKey(), at).Value, new NotAuthorized(Ben, Permissions.BusinessManager)),
                Call("bm submits for himself without the Freelancer permission", a, () => a.SubmitProposal(Manager, Manager, FreshProposal(), C(1), C(0), FreshKey(), at).Value, new NotAuthorized(Manager, Permissions.Freelancer))));
    }

    /// <summary>Only the holder acts on a freelancer account.</summary>
    private static Gen<BadCall> BadActorOnFreelancerAccount()
    {
        FreelancerAccount f = FreelancerPlus;
        Instant at = f.LastChangedAt;
        return Gen.Elements<PersonId>(default, Stranger, Olivia, Ben).SelectMany(actor => Gen.Elements(
            Call($"{actor} upgrades fay", f, () => f.UpgradeToPlus(actor, at).Value, new NotAccountHolder(actor, Fay)),
            Call($"{actor} downgrades fay", f, () => f.DowngradeToBasic(actor, at).Value, new NotAccountHolder(actor, Fay)),
            Call($"{actor} cancels fay's plan", f, () => f.CancelPlus(actor, at).Value, new NotAccountHolder(actor, Fay)),
            Call($"{actor} buys for fay", f, () => f.BuyConnects(actor, C(5), FreshKey(), at).Value, new NotAccountHolder(actor, Fay)),
            Call($"{actor} submits for fay", f, () => f.SubmitProposal(actor, FreshProposal(), C(1), C(0), FreshKey(), at, Directory.ExclusiveAgencyOf(actor)).Value, new NotAccountHolder(actor, Fay))));
    }

    /// <summary>DOMAIN §4 and §6: the person acted on must be a current member (with the Freelancer permission, for an assignee).</summary>
    private static Gen<BadCall> BadSubject()
    {
        AgencyAccount a = Plus;
        Instant at = a.LastChangedAt;
        var subjects = s_outsiders.ToArray();
        return Gen.Elements(subjects).SelectMany(person => Gen.Elements(
            Call($"olivia changes the permissions of {person}", a, () => a.ChangePermissions(Olivia, person, Permissions.All, at).Value, new NotAMember(person)),
            Call($"olivia removes {person}", a, () => a.RemoveMember(Olivia, person, at).Value, new NotAMember(person)),
            Call($"olivia transfers ownership to {person}", a, () => a.TransferOwnership(Olivia, person, at, Directory).Value, new NotAMember(person)),
            Call($"olivia submits for {person}", a, () => a.SubmitProposal(Olivia, person, FreshProposal(), C(1), C(0), FreshKey(), at).Value, new NotAMember(person)),
            Call("olivia submits for bm, who lacks the Freelancer permission", a, () => a.SubmitProposal(Olivia, Manager, FreshProposal(), C(1), C(0), FreshKey(), at).Value, new NotAuthorized(Manager, Permissions.Freelancer)),
            Call("olivia adds ben again", a, () => a.AddMember(Olivia, Ben, Permissions.Freelancer, MembershipKind.NonExclusive, at, Directory).Value, new AlreadyAMember(Ben)),
            Call("olivia changes her own permissions", a, () => a.ChangePermissions(Olivia, Olivia, Permissions.None, at).Value, new OwnerPermissionsAreFixed(Olivia)),
            Call("olivia removes herself", a, () => a.RemoveMember(Olivia, Olivia, at).Value, new OwnerCannotBeRemoved(Olivia)),
            Call("olivia removes ben, who has open proposals", a, () => a.RemoveMember(Olivia, Ben, at).Value, new MemberHasOpenProposals(Ben, 2)),
            Call("olivia transfers ownership to herself", a, () => a.TransferOwnership(Olivia, Olivia, at, Directory).Value, new AlreadyOwner(Olivia)),
            Call("olivia closes an agency with members", a, () => a.Close(Olivia, at).Value, new AgencyNotEmpty(2, 2))));
    }

    /// <summary>DOMAIN §7: zero quantities, quantities that would overflow the pool, and costs and boosts above the catalog's maximum are named errors.</summary>
    private static Gen<BadCall> BadQuantity()
    {
        AgencyAccount a = Plus;
        FreelancerAccount f = FreelancerPlus;
        int balance = a.Balance.Value;
        int own = f.Balance.Value;
        Gen<int> tooCostly = Gen.Frequency((3, Gen.Choose(7, 100)), (1, Gen.Choose(7, int.MaxValue)), (1, Gen.Constant(int.MaxValue)));
        Gen<int> tooBoosted = Gen.Frequency((3, Gen.Choose(51, 1_000)), (1, Gen.Choose(51, int.MaxValue)), (1, Gen.Constant(int.MaxValue)));
        Gen<int> anyBoost = Gen.Frequency((3, Gen.Choose(0, 50)), (1, Gen.Choose(0, int.MaxValue)));
        Gen<int> anyCost = Gen.Choose(0, 6);
        return Gen.OneOf(
            Gen.Constant(Call("olivia buys zero", a, () => a.BuyConnects(Olivia, Connects.Zero, FreshKey(), a.LastChangedAt).Value, new InvalidPurchaseQuantity(Connects.Zero))),
            Gen.Constant(Call("fay buys zero", f, () => f.BuyConnects(Fay, default, FreshKey(), f.LastChangedAt).Value, new InvalidPurchaseQuantity(Connects.Zero))),
            Gen.Choose(0, balance - 1).Select(k => Connects.Create(int.MaxValue - k).AsT0).Select(q =>
                Call($"olivia buys {q} onto {balance}", a, () => a.BuyConnects(Olivia, q, FreshKey(), a.LastChangedAt).Value, new ConnectsOverflow(C(balance), q))),
            Gen.Choose(0, own - 1).Select(k => Connects.Create(int.MaxValue - k).AsT0).Select(q =>
                Call($"fay buys {q} onto {own}", f, () => f.BuyConnects(Fay, q, FreshKey(), f.LastChangedAt).Value, new ConnectsOverflow(C(own), q))),
            Gen.Zip(Gen.OneOf(Gen.Zip(tooCostly, anyBoost), Gen.Zip(anyCost, tooBoosted)), Gen.Elements(true, false)).Select(t =>
            {
                (int cost, int boost) = t.Item1;
                var expected = new ProposalCostOutOfRange(C(cost), C(boost), C(6), C(50));
                return t.Item2
                    ? Call($"olivia submits at {cost}+{boost}", a, () => a.SubmitProposal(Olivia, Ben, FreshProposal(), C(cost), C(boost), FreshKey(), a.LastChangedAt).Value, expected)
                    : Call($"fay submits at {cost}+{boost}", f, () => f.SubmitProposal(Fay, FreshProposal(), C(cost), C(boost), FreshKey(), f.LastChangedAt, Directory.ExclusiveAgencyOf(Fay)).Value, expected);
            }),
            Gen.Choose(-1_000, -1).Select(v => (long)v).Select(v => Call($"Connects.Create({v})", null, () => Connects.Create(v).Value, new InvalidConnectsQuantity(v))),
            Gen.Elements(long.MinValue, int.MinValue, (long)int.MaxValue + 1, long.MaxValue).Select(v => Call($"Connects.Create({v})", null, () => Connects.Create(v).Value, new InvalidConnectsQuantity(v))),
            Gen.Choose(1, int.MaxValue).Select(v => Connects.Create(v).AsT0).Select(q =>
                Call($"{q} plus the largest quantity", null, () => q.Plus(Connects.MaxValue).Value, new ConnectsOverflow(q, Connects.MaxValue))),
            Gen.Choose(1, int.MaxValue).Select(v => Connects.Create(v).AsT0).Select(q =>
                Call($"zero minus {q}", null, () => Connects.Zero.Minus(q).Value, new NotEnoughConnects(q, Connects.Zero))));
    }

    /// <summary>An account never goes back in time: any operation at an instant before its last change is refused, down to <see cref="Instant.MinValue"/>.</summary>
    private static Gen<BadCall> InstantBeforeLastChange()
    {
        Gen<Duration> back = Gen.Frequency(
            (2, Gen.Constant(Duration.Epsilon)),
            (3, Gen.Choose(1, int.MaxValue).Select(ticks => Duration.FromTicks(ticks))),
            (3, Gen.Choose(1, 4_000_000).Select(days => Duration.FromDays(days))),
            (1, Gen.Constant(Duration.MaxValue)));
        return Gen.Zip(back, Gen.Choose(0, AgencyOperations.Length + FreelancerOperations.Length - 1)).Select(t =>
        {
            (Duration by, int which) = t;
            if (which < AgencyOperations.Length)
            {
                (string name, Func<AgencyAccount, PersonId, Instant, object> call) = AgencyOperations[which];
                Instant at = Earlier(Plus.LastChangedAt, by);
                return Call($"{name} at {at}", Plus, () => call(Plus, Olivia, at), new InstantBeforeLastChange(at, Plus.LastChangedAt));
            }

            (string own, Func<FreelancerAccount, Instant, object> act) = FreelancerOperations[which - AgencyOperations.Length];
            Instant then = Earlier(FreelancerPlus.LastChangedAt, by);
            return Call($"fay: {own} at {then}", FreelancerPlus, () => act(FreelancerPlus, then), new InstantBeforeLastChange(then, FreelancerPlus.LastChangedAt));
        });
    }

    private static Instant Earlier(Instant last, Duration by) => by >= last - Instant.MinValue ? Instant.MinValue : last - by;

    private static Instant Later(Instant first, Duration by) => by >= Instant.MaxValue - first ? Instant.MaxValue : first + by;

    /// <summary>
    /// A <c>default</c> request key or proposal (which would be recorded, so that every caller who forgot theirs would
    /// share one) or person to add is a <see cref="DefaultValue"/>, whoever asks and whatever else is wrong, but after
    /// the closed agency and the instant.
    /// </summary>
    private static Gen<BadCall> DefaultArguments()
    {
        AgencyAccount a = Plus;
        FreelancerAccount f = FreelancerPlus;
        Instant at = a.LastChangedAt;
        Instant own = f.LastChangedAt;
        var request = new DefaultValue("request", nameof(RequestKey));
        var proposal = new DefaultValue("proposal", nameof(ProposalId));
        var person = new DefaultValue("person", nameof(PersonId));
        Gen<PersonId> anyone = Gen.Elements(s_outsiders.Append(Olivia).Append(Ben).Append(Manager).ToArray());
        return Gen.OneOf(
            anyone.SelectMany(actor => Gen.Elements(
                Call($"{actor} buys under the default key", a, () => a.BuyConnects(actor, C(5), default, at).Value, request),
                Call($"{actor} buys the largest quantity under the default key", a, () => a.BuyConnects(actor, Connects.MaxValue, default, at).Value, request),
                Call($"{actor} submits for ben under the default key", a, () => a.SubmitProposal(actor, Ben, FreshProposal(), C(1), C(0), default, at).Value, request),
                Call($"{actor} submits the default proposal for ben", a, () => a.SubmitProposal(actor, Ben, default, C(1), C(0), FreshKey(), at).Value, proposal),
                Call($"{actor} submits the default proposal under the default key", a, () => a.SubmitProposal(actor, Ben, default, C(1), C(0), default, at).Value, proposal),
                Call($"{actor} submits the default proposal at a cost past the maximum", a, () => a.SubmitProposal(actor, Ben, default, C(100), C(0), FreshKey(), at).Value, proposal),
                Call($"{actor} adds the empty person", a, () => a.AddMember(actor, default, Permissions.Freelancer, MembershipKind.NonExclusive, at, Directory).Value, person),
                Call($"{actor} adds the empty person with undefined permissions", a, () => a.AddMember(actor, default, (Permissions)64, (MembershipKind)9, at, Directory).Value, person),
                Call($"{actor} buys for fay under the default key", f, () => f.BuyConnects(actor, C(5), default, own).Value, request),
                Call($"{actor} submits for fay under the default key", f, () => f.SubmitProposal(actor, FreshProposal(), C(1), C(0), default, own, Directory.ExclusiveAgencyOf(actor)).Value, request),
                Call($"{actor} submits fay's default proposal", f, () => f.SubmitProposal(actor, default, C(1), C(0), default, own, Directory.ExclusiveAgencyOf(actor)).Value, proposal))),
            Gen.Elements(
                Call("the default key on Agency Basic", Basic, () => Basic.BuyConnects(BasicOwner, C(5), default, Basic.LastChangedAt).Value, request),
                Call("the default key on Freelancer Basic", FreelancerBasic, () => FreelancerBasic.BuyConnects(Person("fb"), C(10), default, FreelancerBasic.LastChangedAt).Value, request),
                Call("the default key on a closed agency", Closed, () => Closed.BuyConnects(ClosedOwner, C(5), default, Closed.LastChangedAt).Value, new AgencyIsClosed(Closed.Id)),
                Call("the default proposal on a closed agency", Closed, () => Closed.SubmitProposal(ClosedOwner, ClosedOwner, default, C(0), C(0), default, Closed.LastChangedAt).Value, new AgencyIsClosed(Closed.Id)),
                Call("the empty person added to a closed agency", Closed, () => Closed.AddMember(ClosedOwner, default, Permissions.All, MembershipKind.NonExclusive, Closed.LastChangedAt, Directory).Value, new AgencyIsClosed(Closed.Id)),
                Call("the default key in the past", a, () => a.BuyConnects(Olivia, C(5), default, Instant.MinValue).Value, new InstantBeforeLastChange(Instant.MinValue, at)),
                Call("the default proposal in the past", f, () => f.SubmitProposal(Fay, default, C(1), C(0), default, Instant.MinValue, Directory.ExclusiveAgencyOf(Fay)).Value, new InstantBeforeLastChange(Instant.MinValue, own)),
                Call("the empty person added in the past", a, () => a.AddMember(Olivia, default, Permissions.All, MembershipKind.NonExclusive, Instant.MinValue, Directory).Value, new InstantBeforeLastChange(Instant.MinValue, at)),
                Call("the default key at the end of time", a, () => a.BuyConnects(Olivia, C(5), default, Instant.MaxValue).Value, new InstantOutOfRange(Instant.MaxValue, a.Schedule.End))));
    }

    /// <summary>Enum values and permission bits no type defines are an <see cref="UndefinedValue"/> holding the value given, never masked or stored.</summary>
    private static Gen<BadCall> UndefinedArguments()
    {
        AgencyAccount a = Plus;
        FreelancerAccount f = FreelancerPlus;
        Instant at = a.LastChangedAt;
        Gen<int> anyInt = Gen.Choose(int.MinValue, int.MaxValue);
        Gen<int> undefinedBits = Gen.OneOf(Gen.Choose(8, 255), anyInt).Where(v => (v & ~7) != 0);
        Gen<int> undefinedKind = Gen.OneOf(Gen.Choose(-3, 10), anyInt).Where(v => v is not (0 or 1));
        Gen<int> undefinedOutcome = Gen.OneOf(Gen.Choose(-3, 20), anyInt).Where(v => v is < 0 or > 7);
        Gen<PersonId> anyone = Gen.Elements(s_outsiders.Append(Olivia).Append(Manager).ToArray());
        return Gen.OneOf(
            Gen.Zip(undefinedBits, anyone).Select(t => Call($"{t.Item2} adds a member with permissions {t.Item1}", a,
                () => a.AddMember(t.Item2, Newcomer, (Permissions)t.Item1, MembershipKind.NonExclusive, at, Directory).Value, new UndefinedValue("permissions", nameof(Permissions), t.Item1))),
            Gen.Zip(undefinedBits, undefinedKind).Select(t => Call($"olivia adds a member with permissions {t.Item1} of kind {t.Item2}", a,
                () => a.AddMember(Olivia, Ben, (Permissions)t.Item1, (MembershipKind)t.Item2, at, Directory).Value, new UndefinedValue("permissions", nameof(Permissions), t.Item1))),
            Gen.Zip(undefinedKind, anyone).Select(t => Call($"{t.Item2} adds a member of kind {t.Item1}", a,
                () => a.AddMember(t.Item2, Newcomer, Permissions.Freelancer, (MembershipKind)t.Item1, at, Directory).Value, new UndefinedValue("kind", nameof(MembershipKind), t.Item1))),
            Gen.Zip(undefinedKind, Gen.Elements(Basic, Plus)).Select(t => Call($"{t.Item2.Id} adds a member of kind {t.Item1}", t.Item2,
                () => t.Item2.AddMember(t.Item2.Owner, Newcomer, Permissions.All, (MembershipKind)t.Item1, t.Item2.LastChangedAt, Directory).Value, new UndefinedValue("kind", nameof(MembershipKind), t.Item1))),
            Gen.Zip(undefinedBits, Gen.Elements(Ben, Olivia, Stranger, default)).Select(t => Call($"olivia gives {t.Item2} permissions {t.Item1}", a,
                () => a.ChangePermissions(Olivia, t.Item2, (Permissions)t.Item1, at).Value, new UndefinedValue("permissions", nameof(Permissions), t.Item1))),
            Gen.Zip(undefinedBits, anyone).Select(t => Call($"{t.Item2} gives ben permissions {t.Item1}", a,
                () => a.ChangePermissions(t.Item2, Ben, (Permissions)t.Item1, at).Value, new UndefinedValue("permissions", nameof(Permissions), t.Item1))),
            Gen.Zip(undefinedOutcome, Gen.Elements(OpenProposal, ClosedProposalId, NoBoostProposal, Proposal("nope"), default)).Select(t => Call($"outcome {t.Item1} for '{t.Item2}'", a,
                () => a.RecordOutcome(t.Item2, (ProposalOutcome)t.Item1, at).Value, new UndefinedValue("outcome", nameof(ProposalOutcome), t.Item1))),
            Gen.Zip(undefinedOutcome, Gen.Elements(OwnOpenProposal, OwnClosedProposal, Proposal("nope"), default)).Select(t => Call($"fay: outcome {t.Item1} for '{t.Item2}'", f,
                () => f.RecordOutcome(t.Item2, (ProposalOutcome)t.Item1, f.LastChangedAt).Value, new UndefinedValue("outcome", nameof(ProposalOutcome), t.Item1))),
            undefinedKind.Select(k => Call($"an agency whose owner's membership is {k}", null,
                () => AgencyAccount.Create(Agency("odd"), Newcomer, Start, Directory, null, (MembershipKind)k).Value, new UndefinedValue("ownerMembership", nameof(MembershipKind), k))),
            undefinedKind.Select(k => Call($"olivia's second agency, her membership {k}", null,
                () => AgencyAccount.Create(Agency("second"), Olivia, Start, Directory, null, (MembershipKind)k).Value, new UndefinedValue("ownerMembership", nameof(MembershipKind), k))),
            Gen.Constant(Call("an undefined outcome on a closed agency", Closed, () => Closed.RecordOutcome(OpenProposal, (ProposalOutcome)99, Closed.LastChangedAt).Value, new AgencyIsClosed(Closed.Id))),
            Gen.Constant(Call("an undefined outcome in the past", a, () => a.RecordOutcome(OpenProposal, (ProposalOutcome)99, Instant.MinValue).Value, new InstantBeforeLastChange(Instant.MinValue, at))),
            Gen.Constant(Call("undefined permissions at the end of time", a, () => a.ChangePermissions(Olivia, Ben, (Permissions)8, Instant.MaxValue).Value, new InstantOutOfRange(Instant.MaxValue, a.Schedule.End))));
    }

    /// <summary>
    /// Instants the account's billing cannot represent are an <see cref="InstantOutOfRange"/> naming the first one, the
    /// earliest limit: the schedule's end for every operation; for an upgrade, 9001-01-01 (no schedule can be anchored
    /// from there on); on the Current catalog, 9999-01-01 (Connects acquired from there on would expire after 9999-12-31).
    /// </summary>
    private static Gen<BadCall> InstantsOutOfRange()
    {
        Gen<Duration> beyond = Gen.Frequency(
            (2, Gen.Constant(Duration.Zero)),
            (2, Gen.Constant(Duration.Epsilon)),
            (3, Gen.Choose(1, int.MaxValue).Select(ticks => Duration.FromTicks(ticks))),
            (3, Gen.Choose(1, 400).Select(days => Duration.FromDays(days))),
            (1, Gen.Constant(Duration.MaxValue)));
        Instant upgradeLimit = Instant.FromUtc(9001, 1, 1, 0, 0);
        Instant lifetimeLimit = Instant.FromUtc(9999, 1, 1, 0, 0);
        Gen<Instant> upgradeYears = Gen.Choose(0, (int)(Basic.Schedule.End - upgradeLimit).TotalDays - 1)
            .SelectMany(d => Gen.Elements(Duration.Zero, Duration.FromHours(13), Duration.FromDays(1) - Duration.Epsilon).Select(h => upgradeLimit + Duration.FromDays(d) + h));
        Gen<Instant> lastMonth = Gen.Choose(0, (int)(CurrentPlus.Schedule.End - lifetimeLimit).TotalMinutes - 1).Select(m => lifetimeLimit + Duration.FromMinutes(m));
        return Gen.OneOf(
            Gen.Zip(beyond, Gen.Choose(0, AgencyOperations.Length + FreelancerOperations.Length - 1)).Select(t =>
            {
                (Duration by, int which) = t;
                if (which < AgencyOperations.Length)
                {
                    (string name, Func<AgencyAccount, PersonId, Instant, object> call) = AgencyOperations[which];
                    Instant at = Later(Plus.Schedule.End, by);
                    return Call($"{name} at {at}", Plus, () => call(Plus, Olivia, at), new InstantOutOfRange(at, name == "UpgradeToPlus" ? upgradeLimit : Plus.Schedule.End));
                }

                (string own, Func<FreelancerAccount, Instant, object> act) = FreelancerOperations[which - AgencyOperations.Length];
                Instant then = Later(FreelancerPlus.Schedule.End, by);
                return Call($"fay: {own} at {then}", FreelancerPlus, () => act(FreelancerPlus, then), new InstantOutOfRange(then, own == "UpgradeToPlus" ? upgradeLimit : FreelancerPlus.Schedule.End));
            }),
            Gen.Zip(upgradeYears, Gen.Elements(true, false)).Select(t => t.Item2
                ? Call($"agency basic upgrades at {t.Item1}", Basic, () => Basic.UpgradeToPlus(BasicOwner, t.Item1).Value, new InstantOutOfRange(t.Item1, upgradeLimit))
                : Call($"freelancer basic upgrades at {t.Item1}", FreelancerBasic, () => FreelancerBasic.UpgradeToPlus(Person("fb"), t.Item1).Value, new InstantOutOfRange(t.Item1, upgradeLimit))),
            Gen.Zip(upgradeYears, Gen.Elements(Plus, Closed, CurrentPlus)).Select(t => Call($"{t.Item2.Id} upgrades at {t.Item1}", t.Item2,
                () => t.Item2.UpgradeToPlus(Olivia, t.Item1).Value, t.Item2.IsClosed ? new AgencyIsClosed(t.Item2.Id) : new InstantOutOfRange(t.Item1, upgradeLimit))),
            Gen.Zip(lastMonth, Gen.Choose(0, AgencyOperations.Length + FreelancerOperations.Length - 1)).Select(t =>
            {
                (Instant at, int which) = t;
                if (which < AgencyOperations.Length)
                {
                    (string name, Func<AgencyAccount, PersonId, Instant, object> call) = AgencyOperations[which];
                    Instant limit = name == "UpgradeToPlus" ? upgradeLimit : lifetimeLimit;
                    return Call($"current: {name} at {at}", CurrentPlus, () => call(CurrentPlus, Olivia, at), new InstantOutOfRange(at, limit));
                }

                (string own, Func<FreelancerAccount, Instant, object> act) = FreelancerOperations[which - AgencyOperations.Length];
                Instant ownLimit = own == "UpgradeToPlus" ? upgradeLimit : lifetimeLimit;
                return Call($"current fay: {own} at {at}", CurrentFreelancer, () => act(CurrentFreelancer, at), new InstantOutOfRange(at, ownLimit));
            }));
    }

    /// <summary>Settings with a month-end policy that is not one of the named ones.</summary>
    private static Gen<BadCall> BadSettings()
        => Gen.OneOf(Gen.Choose(2, int.MaxValue), Gen.Choose(int.MinValue, -1)).Select(p => (MonthEndPolicy)p).Select(p =>
            Call($"settings with policy {(int)p}", null, () => AccountSettings.Create(PlanCatalog.Current, DateTimeZone.Utc, p).Value, new UndefinedMonthEndPolicy(p)));

    /// <summary>A closed agency accepts no operation, whoever asks.</summary>
    private static Gen<BadCall> ClosedAgency()
        => Gen.Zip(Gen.Elements(AgencyOperations), Gen.Elements(ClosedOwner, Olivia, Stranger, default)).Select(t =>
            Call($"{t.Item1.Name} on a closed agency, by {t.Item2}", Closed, () => t.Item1.Call(Closed, t.Item2, Closed.LastChangedAt), new AgencyIsClosed(Closed.Id)));

    /// <summary>A closed proposal takes no outcome; an unknown (or empty) proposal is not found; a known one is not submitted twice.</summary>
    private static Gen<BadCall> ClosedOrUnknownProposal()
    {
        AgencyAccount a = Plus;
        FreelancerAccount f = FreelancerPlus;
        return Gen.OneOf(
            Gen.Elements(s_outcomes).Select(o => Call($"{o} on a withdrawn proposal", a, () => a.RecordOutcome(ClosedProposalId, o, a.LastChangedAt).Value, new ProposalAlreadyClosed(ClosedProposalId, ProposalOutcome.Withdrawn))),
            Gen.Elements(s_outcomes).Select(o => Call($"{o} on fay's declined proposal", f, () => f.RecordOutcome(OwnClosedProposal, o, f.LastChangedAt).Value, new ProposalAlreadyClosed(OwnClosedProposal, ProposalOutcome.Declined))),
            Gen.Constant(Call("olivia withdraws a withdrawn proposal", a, () => a.Withdraw(Olivia, ClosedProposalId, a.LastChangedAt).Value, new ProposalAlreadyClosed(ClosedProposalId, ProposalOutcome.Withdrawn))),
            Gen.Constant(Call("outbid on a proposal without boost", a, () => a.RecordOutcome(NoBoostProposal, ProposalOutcome.Outbid, a.LastChangedAt).Value, new NoBoostToRefund(NoBoostProposal))),
            Gen.Zip(Gen.Elements<ProposalId>(default, Proposal("nope"), OwnOpenProposal), Gen.Elements(s_outcomes)).Select(t =>
                Call($"{t.Item2} on unknown proposal '{t.Item1}'", a, () => a.RecordOutcome(t.Item1, t.Item2, a.LastChangedAt).Value, new ProposalNotFound(t.Item1))),
            Gen.Elements<ProposalId>(default, Proposal("nope"), OpenProposal).Select(id =>
                Call($"fay records an outcome for unknown proposal '{id}'", f, () => f.RecordOutcome(id, ProposalOutcome.Hired, f.LastChangedAt).Value, new ProposalNotFound(id))),
            Gen.Elements<ProposalId>(default, Proposal("nope"), OwnOpenProposal).Select(id =>
                Call($"olivia withdraws unknown proposal '{id}'", a, () => a.Withdraw(Olivia, id, a.LastChangedAt).Value, new ProposalNotFound(id))),
            Gen.Elements(OpenProposal, ClosedProposalId, NoBoostProposal).Select(id =>
                Call($"olivia submits {id} again under a new key", a, () => a.SubmitProposal(Olivia, Ben, id, C(1), C(0), FreshKey(), a.LastChangedAt).Value, new DuplicateProposal(id))),
            Gen.Elements(OwnOpenProposal, OwnClosedProposal).Select(id =>
                Call($"fay submits {id} again under a new key", f, () => f.SubmitProposal(Fay, id, C(1), C(0), FreshKey(), f.LastChangedAt, Directory.ExclusiveAgencyOf(Fay)).Value, new DuplicateProposal(id))));
    }

    /// <summary>DOMAIN §7: the same key with a different request is an error, whatever else is wrong.</summary>
    private static Gen<BadCall> ReusedRequestKey()
    {
        AgencyAccount a = Plus;
        FreelancerAccount f = FreelancerPlus;
        Instant at = a.LastChangedAt;
        return Gen.Elements(
            Call("olivia buys 6 under the key of a purchase of 5", a, () => a.BuyConnects(Olivia, C(6), Bought, at).Value, new RequestKeyConflict(Bought)),
            Call("bm buys 5 under olivia's key", a, () => a.BuyConnects(Manager, C(5), Bought, at).Value, new RequestKeyConflict(Bought)),
            Call("olivia buys under a submission's key", a, () => a.BuyConnects(Olivia, C(5), Sent, at).Value, new RequestKeyConflict(Sent)),
            Call("olivia submits under a purchase's key", a, () => a.SubmitProposal(Olivia, Ben, FreshProposal(), C(1), C(0), Bought, at).Value, new RequestKeyConflict(Bought)),
            Call("olivia submits another proposal under a submission's key", a, () => a.SubmitProposal(Olivia, Ben, FreshProposal(), C(2), C(3), Sent, at).Value, new RequestKeyConflict(Sent)),
            Call("olivia resubmits with another cost under the same key", a, () => a.SubmitProposal(Olivia, Ben, OpenProposal, C(3), C(3), Sent, at).Value, new RequestKeyConflict(Sent)),
            Call("a stranger reuses a key in the past", a, () => a.SubmitProposal(Stranger, Ben, OpenProposal, C(2), C(3), Sent, Instant.MinValue).Value, new RequestKeyConflict(Sent)),
            Call("olivia buys the largest quantity under a used key", a, () => a.BuyConnects(Olivia, Connects.MaxValue, Bought, at).Value, new RequestKeyConflict(Bought)),
            Call("fay buys 7 under the key of a purchase of 5", f, () => f.BuyConnects(Fay, C(7), OwnBought, f.LastChangedAt).Value, new RequestKeyConflict(OwnBought)),
            Call("fay submits under a purchase's key", f, () => f.SubmitProposal(Fay, FreshProposal(), C(1), C(0), OwnBought, f.LastChangedAt, Directory.ExclusiveAgencyOf(Fay)).Value, new RequestKeyConflict(OwnBought)),
            Call("fay buys under a submission's key", f, () => f.BuyConnects(Fay, C(5), OwnSent, f.LastChangedAt).Value, new RequestKeyConflict(OwnSent)));
    }

    /// <summary>Creating an agency or opening an account with empty identifiers, a taken identifier, an owner of another agency, or an instant no billing schedule supports.</summary>
    private static Gen<BadCall> BadCreation()
    {
        var zones = DateTimeZoneProviders.Tzdb.Ids;
        Gen<Instant> farOut = Gen.Frequency(
            (1, Gen.Elements(Instant.MinValue, Instant.MaxValue)),
            (2, Gen.Choose(0, 36 * 60).Select(m => Instant.MinValue + Duration.FromMinutes(m))),
            (2, Gen.Choose(0, 36 * 60).Select(m => Instant.MaxValue - Duration.FromMinutes(m))),
            (2, Gen.Choose(1, 364_000).Select(d => Instant.FromUtc(9001, 1, 2, 0, 0) + Duration.FromDays(d))),
            (2, Gen.Choose(1, 3_000_000).Select(d => Instant.FromUtc(0, 12, 30, 0, 0) - Duration.FromDays(d))));
        Gen<BadCall> outOfRange = Gen.Zip(farOut, Gen.Zip(Gen.Elements(zones.ToArray()), Gen.Elements(true, false))).Select(t =>
        {
            (Instant at, (string zoneId, bool agency)) = t;
            DateTimeZone zone = DateTimeZoneProviders.Tzdb[zoneId];
            var settings = AccountSettings.Create(PlanCatalog.Classic, zone).AsT0;
            LocalDate anchor = (at - Instant.MinValue < Duration.FromDays(2) || Instant.MaxValue - at < Duration.FromDays(2)) ? at.InUtc().Date : at.InZone(zone).Date;
            return agency
                ? Call($"an agency created at {at} in {zoneId}", null, () => AgencyAccount.Create(Agency("far"), Newcomer, at, Directory, settings).Value, new AnchorOutOfRange(anchor))
                : Call($"an account opened at {at} in {zoneId}", null, () => FreelancerAccount.Open(Newcomer, at, settings).Value, new AnchorOutOfRange(anchor));
        });
        return Gen.OneOf(
            outOfRange,
            Gen.Elements(
                Call("an agency with the empty identifier", null, () => AgencyAccount.Create(default, Newcomer, Start, Directory).Value, new DefaultValue("id", nameof(AgencyId))),
                Call("an agency owned by the empty person", null, () => AgencyAccount.Create(Agency("new"), default, Start, Directory).Value, new DefaultValue("owner", nameof(PersonId))),
                Call("an account held by the empty person", null, () => FreelancerAccount.Open(default, Start).Value, new DefaultValue("holder", nameof(PersonId))),
                Call("an empty agency owned by the empty person", null, () => AgencyAccount.Create(default, default, Start, Directory).Value, new DefaultValue("id", nameof(AgencyId))),
                Call("an agency owned by the empty person, exclusively in an undefined way", null, () => AgencyAccount.Create(Agency("new"), default, Start, Directory, null, (MembershipKind)5).Value, new DefaultValue("owner", nameof(PersonId))),
                Call("an agency under an open agency's identifier", null, () => AgencyAccount.Create(Plus.Id, Newcomer, Start, Directory).Value, new AgencyAlreadyExists(Plus.Id)),
                Call("an agency under a closed agency's identifier", null, () => AgencyAccount.Create(Closed.Id, Newcomer, Start, Directory).Value, new AgencyAlreadyExists(Closed.Id)),
                Call("a second agency for olivia", null, () => AgencyAccount.Create(Agency("second"), Olivia, Start, Directory).Value, new OwnsAnotherAgency(Olivia, Plus.Id)),
                Call("ben creates an agency as its exclusive member while working for acme", null, () => AgencyAccount.Create(Agency("second"), Ben, Start, Directory, null, MembershipKind.Exclusive).Value, new ExclusivityConflict(Ben, Plus.Id))));
    }

    /// <summary>Bad input to the value factories: negative amounts, <c>default</c> currencies, malformed codes and identifiers.</summary>
    private static Gen<BadCall> BadValues()
    {
        Gen<string> badCode = Gen.Elements(string.Empty, "usd", "US", "USDX", "U$D", "EU R", "€€€", "123");
        Gen<string> badId = Gen.OneOf(
            Gen.Elements(string.Empty, " ", "\t", "\n  ", "\u2003"),
            Gen.Choose(Identifier.MaxLength + 1, Identifier.MaxLength + 500).Select(n => new string('x', n)));
        return Gen.OneOf(
            badCode.Select(code => Call($"Currency.Create(\"{code}\")", null, () => Currency.Create(code).Value, new InvalidCurrencyCode(code))),
            Gen.Choose(1, int.MaxValue).Select(n => -(decimal)n / 100m).Select(amount =>
                Call($"Money.Create({amount}, USD)", null, () => Money.Create(amount, Currency.Usd).Value, new NegativeAmount(amount))),
            Gen.Constant(Call("Money.Create(decimal.MinValue, USD)", null, () => Money.Create(decimal.MinValue, Currency.Usd).Value, new NegativeAmount(decimal.MinValue))),
            Gen.Choose(0, int.MaxValue).Select(n => Call($"Money.Create({n}, default)", null, () => Money.Create(n, default).Value, new InvalidCurrencyCode(string.Empty))),
            Gen.Constant(Call("20 USD plus 1 EUR", null, () => Usd(20m).Plus(Money.Create(1m, Eur).AsT0).Value, new CurrencyMismatch(Currency.Usd, Eur))),
            Gen.Constant(Call("20 USD plus default money", null, () => Usd(20m).Plus(default).Value, new CurrencyMismatch(Currency.Usd, default))),
            Gen.Constant(Call("the largest amount plus a cent", null, () => Usd(decimal.MaxValue).Plus(Usd(0.01m)).Value, new MoneyOverflow(decimal.MaxValue, 0.01m))),
            Gen.Choose(2, int.MaxValue).Select(q => Call($"the largest amount times {q}", null, () => Usd(decimal.MaxValue).Times(C(q)).Value, new MoneyOverflow(decimal.MaxValue, q))),
            Gen.Zip(badId, Gen.Elements("AgencyId", "PersonId", "ProposalId", "RequestKey")).Select(t =>
            {
                (string text, string kind) = t;
                var expected = new InvalidIdentifier(kind, text, text.Length > Identifier.MaxLength ? IdentifierProblem.TooLong : IdentifierProblem.Blank);
                return Call($"{kind}.Create(\"{(text.Length > 20 ? text[..20] + "…" : text)}\")", null, () => kind switch
                {
                    "AgencyId" => AgencyId.Create(text).Value,
                    "PersonId" => PersonId.Create(text).Value,
                    "ProposalId" => ProposalId.Create(text).Value,
                    _ => RequestKey.Create(text).Value,
                }, expected);
            }));
    }

    /// <summary>Foreign currencies, <c>default</c> prices and impossible quantity ranges in catalogs and purchase rules.</summary>
    private static Gen<BadCall> BadCatalogs()
    {
        Money euro = Money.Create(1m, Eur).AsT0;
        PurchaseRules euroRules = PurchaseRules.AnyQuantity(euro, C(1)).AsT0;
        PlanTerms[] classic = [.. PlanCatalog.Classic.Plans];
        return Gen.OneOf(
            Gen.Constant(Call("the Classic plans in a EUR catalog", null, () => PlanCatalog.Create("euro", Eur, classic).Value, new MixedCurrencies(classic[0].Plan, Eur, Currency.Usd))),
            Gen.Elements(0, 1, 2, 3).Select(i => Call($"{classic[i].Plan} charged in EUR", null, () => PlanCatalog.Create("mixed", Currency.Usd, classic.Select((t, j) => j == i ? t with { MonthlyFee = euro } : t)).Value, new MixedCurrencies(classic[i].Plan, Currency.Usd, Eur))),
            Gen.Elements(1, 3).Select(i => Call($"{classic[i].Plan} selling at a EUR price", null, () => PlanCatalog.Create("mixed", Currency.Usd, classic.Select((t, j) => j == i ? t with { Purchases = euroRules } : t)).Value, new MixedCurrencies(classic[i].Plan, Currency.Usd, Eur))),
            Gen.Elements(0, 1, 2, 3).Select(i => Call($"{classic[i].Plan} with a default fee", null, () => PlanCatalog.Create("mixed", Currency.Usd, classic.Select((t, j) => j == i ? t with { MonthlyFee = default } : t)).Value, new MixedCurrencies(classic[i].Plan, Currency.Usd, default))),
            Gen.Elements(0, 1, 2, 3).Select(i => Call($"a catalog without {classic[i].Plan}", null, () => PlanCatalog.Create("short", Currency.Usd, classic.Where((_, j) => j != i)).Value, new MissingPlan(classic[i].Plan))),
            Gen.Elements(0, 1, 2, 3).Select(i => Call($"a catalog with {classic[i].Plan} twice", null, () => PlanCatalog.Create("long", Currency.Usd, classic.Append(classic[i])).Value, new DuplicatePlan(classic[i].Plan))),
            Gen.Elements(0, 1, 2, 3).Select(i => Call($"{classic[i].Plan} with limits whose sum overflows", null, () => PlanCatalog.Create("huge", Currency.Usd, classic.Select((t, j) => j == i ? t with { MaxProposalCost = Connects.MaxValue, MaxBoostBid = C(1) } : t)).Value, new ProposalLimitsTooLarge(classic[i].Plan, Connects.MaxValue, C(1)))),
            Gen.Elements(classic).Select(t => Call($"the Classic plans in no currency, {t.Plan} charged in it", null, () => PlanCatalog.Create("none", default, classic.Select(u => u == t ? u with { MonthlyFee = default } : u)).Value, new DefaultValue("currency", nameof(Currency)))),
            Gen.Zip(Gen.Elements(0, 1, 2, 3), Gen.Choose(2, byte.MaxValue)).Select(t => Call($"{classic[t.Item1].Plan} as account kind {t.Item2}", null,
                () => PlanCatalog.Create("odd", Currency.Usd, classic.Select((u, j) => j == t.Item1 ? u with { Plan = u.Plan with { Kind = (AccountKind)t.Item2 } } : u)).Value, new UndefinedValue("plans", nameof(AccountKind), t.Item2))),
            Gen.Zip(Gen.Elements(0, 1, 2, 3), Gen.Choose(2, byte.MaxValue)).Select(t => Call($"{classic[t.Item1].Plan} in tier {t.Item2}", null,
                () => PlanCatalog.Create("odd", Currency.Usd, classic.Select((u, j) => j == t.Item1 ? u with { Plan = u.Plan with { Tier = (PlanTier)t.Item2 } } : u)).Value, new UndefinedValue("plans", nameof(PlanTier), t.Item2))),
            Gen.Zip(Gen.Elements(0, 1, 2, 3), Gen.OneOf(Gen.Choose(2, 100), Gen.Choose(int.MinValue, -1))).Select(t => Call($"{classic[t.Item1].Plan} capping rollover in scope {t.Item2}", null,
                () => PlanCatalog.Create("odd", Currency.Usd, classic.Select((u, j) => j == t.Item1 ? u with { RolloverScope = (RolloverScope)t.Item2 } : u)).Value, new UndefinedValue("plans", nameof(RolloverScope), t.Item2))),
            Gen.Zip(Gen.Elements(0, 1, 2, 3), Gen.Choose(int.MinValue, int.MaxValue).Where(v => (v & ~7) != 0)).Select(t => Call($"{classic[t.Item1].Plan} allowing actions {t.Item2}", null,
                () => PlanCatalog.Create("odd", Currency.Usd, classic.Select((u, j) => j == t.Item1 ? u with { AllowedActions = (PlanActions)t.Item2 } : u)).Value, new UndefinedValue("plans", nameof(PlanActions), t.Item2))),
            Gen.Elements(Period.FromYears(999), Period.FromYears(int.MaxValue), Period.FromMonths(int.MaxValue), Period.FromWeeks(int.MaxValue), Period.FromDays(int.MaxValue),
                Period.FromHours(long.MaxValue), Period.FromTicks(long.MaxValue), Period.FromYears(998) + Period.FromDays(366), new PeriodBuilder { Days = int.MaxValue, Hours = long.MaxValue }.Build()).Select(life =>
                Call($"Agency Plus Connects lasting {life}", null, () => PlanCatalog.Create("eternal", Currency.Usd, classic.Select(t => t.Plan == Plan.AgencyPlus ? t with { ConnectsLifetime = life } : t)).Value, new InvalidLifetime(Plan.AgencyPlus, life))),
            Gen.Constant(Call("Money.Zero(default)", null, () => Money.Zero(default).Value, new InvalidCurrencyCode(string.Empty))),
            Gen.Elements(Period.Zero, Period.FromDays(-1), Period.FromYears(1) - Period.FromMonths(13)).Select(life => Call($"Agency Plus Connects lasting {life}", null, () => PlanCatalog.Create("brief", Currency.Usd, classic.Select(t => t.Plan == Plan.AgencyPlus ? t with { ConnectsLifetime = life } : t)).Value, new InvalidLifetime(Plan.AgencyPlus, life))),
            Gen.Constant(Call("the Current catalog with a EUR Freelancer Plus fee", null, () => PlanCatalog.CurrentWithFreelancerPlusFee(euro).Value, new MixedCurrencies(Plan.FreelancerPlus, Currency.Usd, Eur))),
            Gen.Constant(Call("the Current catalog with a default Freelancer Plus fee", null, () => PlanCatalog.CurrentWithFreelancerPlusFee(default).Value, new MixedCurrencies(Plan.FreelancerPlus, Currency.Usd, default))),
            Gen.Constant(Call("any-quantity rules at a default price", null, () => PurchaseRules.AnyQuantity(default, C(1)).Value, new InvalidCurrencyCode(string.Empty))),
            Gen.Constant(Call("bundle rules at a default price", null, () => PurchaseRules.Bundles(default, [C(10)]).Value, new InvalidCurrencyCode(string.Empty))),
            Gen.Constant(Call("any-quantity rules from zero", null, () => PurchaseRules.AnyQuantity(Usd(1m), Connects.Zero).Value, new InvalidQuantityRange(Connects.Zero, null))),
            Gen.Choose(2, int.MaxValue).Select(min => Call($"any-quantity rules from {min} to {min - 1}", null, () => PurchaseRules.AnyQuantity(Usd(1m), C(min), C(min - 1)).Value, new InvalidQuantityRange(C(min), C(min - 1)))),
            Gen.Constant(Call("no bundle sizes", null, () => PurchaseRules.Bundles(Usd(1m), []).Value, new EmptyBundleList())),
            Gen.Choose(1, int.MaxValue).Select(size => Call($"bundles of 0 and {size}", null, () => PurchaseRules.Bundles(Usd(1m), [C(size), Connects.Zero]).Value, new ZeroBundleSize())));
    }

    /// <summary>Billing schedules: anchors out of range or in another calendar, undefined policies, out-of-range indices, instants outside the schedule, <c>default</c> periods.</summary>
    private static Gen<BadCall> BadSchedules()
    {
        BillingSchedule schedule = Plus.Schedule;
        return Gen.OneOf(
            Gen.Choose(1, 998).Select(y => new LocalDate(9000 + y, 1, 1)).Select(d => Call($"a schedule anchored on {d}", null, () => BillingSchedule.Create(d).Value, new AnchorOutOfRange(d))),
            Gen.Choose(0, 9_998).Select(y => new LocalDate(-y, 12, 31)).Select(d => Call($"a schedule anchored on {d}", null, () => BillingSchedule.Create(d).Value, new AnchorOutOfRange(d))),
            Gen.Constant(Call("a schedule anchored in the Julian calendar", null, () => BillingSchedule.Create(new LocalDate(2025, 1, 1, CalendarSystem.Julian)).Value, new AnchorNotInIsoCalendar(new LocalDate(2025, 1, 1, CalendarSystem.Julian)))),
            Gen.Choose(2, int.MaxValue).Select(p => (MonthEndPolicy)p).Select(p => Call($"a schedule with policy {(int)p}", null, () => BillingSchedule.Create(new LocalDate(2025, 1, 1), null, p).Value, new UndefinedMonthEndPolicy(p))),
            Gen.Choose(int.MinValue, -1).Select(i => Call($"period {i}", null, () => schedule.Period(i).Value, new PeriodOutOfRange(i, schedule.LastIndex))),
            Gen.Choose(schedule.LastIndex + 1, int.MaxValue).Select(i => Call($"period {i}", null, () => schedule.Period(i).Value, new PeriodOutOfRange(i, schedule.LastIndex))),
            Gen.Constant(Call("the period after the default period", null, () => schedule.Next(default).Value, new PeriodNotInSchedule(default))),
            Gen.Constant(Call("the period after the last one", null, () => schedule.Next(schedule.Period(schedule.LastIndex).AsT0).Value, new PeriodOutOfRange(schedule.LastIndex + 1, schedule.LastIndex))),
            Gen.Constant(Call("the period after another schedule's", null, () => schedule.Next(Other.Period(3).AsT0).Value, new PeriodNotInSchedule(Other.Period(3).AsT0))),
            Gen.Choose(1, int.MaxValue).Select(s => schedule.Start - Duration.FromSeconds(s)).Select(at => Call($"the period containing {at}", null, () => schedule.PeriodContaining(at).Value, new InstantBeforeSchedule(at, schedule.Start))),
            Gen.Elements(schedule.End, Instant.MaxValue).Select(at => Call($"the period containing {at}", null, () => schedule.PeriodContaining(at).Value, new InstantAfterSchedule(at, schedule.End))));
    }

    private static readonly BillingSchedule Other = BillingSchedule.Create(new LocalDate(2024, 1, 31)).AsT0;

    private static Money Usd(decimal amount) => Money.Create(amount, Currency.Usd).AsT0;

    private static readonly Currency Eur = Currency.Create("EUR").AsT0;

    /// <summary>Every agency operation with good arguments but the actor and instant, for the closed and stale cases.</summary>
    internal static readonly (string Name, Func<AgencyAccount, PersonId, Instant, object> Call)[] AgencyOperations =
    [
        ("UpgradeToPlus", (a, actor, at) => a.UpgradeToPlus(actor, at).Value),
        ("DowngradeToBasic", (a, actor, at) => a.DowngradeToBasic(actor, at).Value),
        ("CancelPlus", (a, actor, at) => a.CancelPlus(actor, at).Value),
        ("RecordFailedPayment", (a, _, at) => a.RecordFailedPayment(at).Value),
        ("CloseElapsedPeriods", (a, _, at) => a.CloseElapsedPeriods(at).Value),
        ("BuyConnects", (a, actor, at) => a.BuyConnects(actor, C(5), FreshKey(), at).Value),
        ("AddMember", (a, actor, at) => a.AddMember(actor, Newcomer, Permissions.Freelancer, MembershipKind.NonExclusive, at, Directory).Value),
        ("ChangePermissions", (a, actor, at) => a.ChangePermissions(actor, Manager, Permissions.All, at).Value),
        ("RemoveMember", (a, actor, at) => a.RemoveMember(actor, Manager, at).Value),
        ("TransferOwnership", (a, actor, at) => a.TransferOwnership(actor, Manager, at, Directory).Value),
        ("Close", (a, actor, at) => a.Close(actor, at).Value),
        ("SubmitProposal", (a, actor, at) => a.SubmitProposal(actor, Ben, FreshProposal(), C(1), C(1), FreshKey(), at).Value),
        ("Withdraw", (a, actor, at) => a.Withdraw(actor, OpenProposal, at).Value),
        ("RecordOutcome", (a, _, at) => a.RecordOutcome(OpenProposal, ProposalOutcome.JobCancelled, at).Value),
    ];

    /// <summary>Every freelancer operation with good arguments but the instant.</summary>
    internal static readonly (string Name, Func<FreelancerAccount, Instant, object> Call)[] FreelancerOperations =
    [
        ("UpgradeToPlus", (f, at) => f.UpgradeToPlus(Fay, at).Value),
        ("DowngradeToBasic", (f, at) => f.DowngradeToBasic(Fay, at).Value),
        ("CancelPlus", (f, at) => f.CancelPlus(Fay, at).Value),
        ("RecordFailedPayment", (f, at) => f.RecordFailedPayment(at).Value),
        ("CloseElapsedPeriods", (f, at) => f.CloseElapsedPeriods(at).Value),
        ("BuyConnects", (f, at) => f.BuyConnects(Fay, C(5), FreshKey(), at).Value),
        ("SubmitProposal", (f, at) => f.SubmitProposal(Fay, FreshProposal(), C(1), C(1), FreshKey(), at, Directory.ExclusiveAgencyOf(Fay)).Value),
        ("RecordOutcome", (f, at) => f.RecordOutcome(OwnOpenProposal, ProposalOutcome.JobCancelled, at).Value),
    ];
}
