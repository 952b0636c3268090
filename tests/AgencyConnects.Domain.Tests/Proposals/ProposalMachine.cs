using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Membership;
using AgencyConnects.Domain.Pool;
using AgencyConnects.Domain.Proposals;
using AgencyConnects.Domain.Values;
using FsCheck;
using FsCheck.Experimental;
using FsCheck.Fluent;
using NodaTime;
using Xunit;
using static AgencyConnects.Domain.Tests.TestData;

namespace AgencyConnects.Domain.Tests.Proposals;

/// <summary>The agency under test, and every event it produced since it was created (for replay).</summary>
internal sealed class LiveAgency(AgencyAccount account, IEnumerable<AccountEvent> events)
{
    public AgencyAccount Account { get; set; } = account;

    public List<AccountEvent> Events { get; } = [.. events];
}

/// <summary>
/// Random command sequences on a Classic Agency Plus agency whose three other members hold random permissions:
/// submit (random submitter, assignee, cost, boost, keys, repeats), withdraw, record outcomes, buy, close periods,
/// remove and add members, and ask for usage over random ranges; each checked against <see cref="ProposalModel"/>.
/// </summary>
internal sealed class ProposalMachine : Machine<LiveAgency, ProposalModel>
{
    private static readonly Gen<PersonId> s_person = Gen.Elements(ProposalModel.People.AsEnumerable());

    private static readonly Gen<Permissions> s_permissions = Gen.Choose(0, 7).Select(p => (Permissions)p);

    /// <summary>Mostly minutes or hours forward, sometimes not at all or past a month end, once in a while a minute before the last change.</summary>
    private static readonly Gen<Duration> s_step = Gen.Frequency(
        (1, Gen.Constant(Duration.FromMinutes(-1))),
        (3, Gen.Constant(Duration.Zero)),
        (4, Gen.Constant(Duration.FromMinutes(1))),
        (4, Gen.Constant(Duration.FromHours(6))),
        (2, Gen.Constant(Duration.FromDays(4))),
        (1, Gen.Constant(Duration.FromDays(25))),
        (1, Gen.Constant(Duration.FromDays(50))));

    public override Arbitrary<Setup<LiveAgency, ProposalModel>> Setup { get; } =
        Arb.From(Gen.ArrayOf(s_permissions, ProposalModel.Others.Length).Select(p => (Setup<LiveAgency, ProposalModel>)new AgencySetup([.. p])));

    public override Gen<Operation<LiveAgency, ProposalModel>> Next(ProposalModel model)
    {
        var operations = new List<(int, Gen<Operation<LiveAgency, ProposalModel>>)>
        {
            (10, Submit(model)),
            (2, from actor in s_person from id in ExistingProposal(model) from step in s_step select Op(new WithdrawOperation(actor, id, step))),
            (4, from id in ExistingProposal(model) from outcome in Outcome() from step in s_step select Op(new OutcomeOperation(id, outcome, step))),
            (1, Buy(model)),
            (1, s_step.Select(step => Op(new CloseOperation(step)))),
            (1, from actor in s_person from person in s_person from step in s_step select Op(new RemoveMemberOperation(actor, person, step))),
            (1, from actor in s_person from person in s_person from p in s_permissions from step in s_step select Op(new AddMemberOperation(actor, person, p, step))),
            (1, Usage(model)),
        };
        return Gen.Frequency(operations);
    }

    private static Operation<LiveAgency, ProposalModel> Op(Operation<LiveAgency, ProposalModel> operation) => operation;

    private static Gen<Operation<LiveAgency, ProposalModel>> Submit(ProposalModel model)
    {
        Gen<Operation<LiveAgency, ProposalModel>> fresh =
            from pair in Gen.Frequency((2, AnyPair()), (3, LikelyPair(model)))
            from id in Gen.Frequency((8, Gen.Constant(Proposal("p" + model.Serial))), (1, ExistingProposal(model)))
            from cost in Gen.Frequency((12, Gen.Choose(0, ProposalModel.MaxCost)), (1, Gen.Constant(ProposalModel.MaxCost + 1)))
            from boost in Gen.Frequency(
                (4, Gen.Constant(0)),
                (3, Gen.Choose(1, ProposalModel.MaxBoost)),
                (3, Gen.Choose(30, ProposalModel.MaxBoost)),
                (1, Gen.Constant(ProposalModel.MaxBoost + 1)))
            from key in AnyKey(model)
            from step in s_step
            select Op(new SubmitOperation(pair.Submitter, pair.Assignee, id, C(cost), C(boost), key, step));
        Proposal[] recorded = model.Requests.Values.OfType<Proposal>().ToArray();
        if (recorded.Length == 0)
        {
            return fresh;
        }

        // The same request again, key and all: a retry.
        Gen<Operation<LiveAgency, ProposalModel>> repeat =
            from pair in Gen.Elements(model.Requests.Where(r => r.Value is Proposal).ToArray())
            from step in s_step
            select Op(new SubmitOperation(((Proposal)pair.Value).Submitter, ((Proposal)pair.Value).Assignee, ((Proposal)pair.Value).Id, ((Proposal)pair.Value).Cost, ((Proposal)pair.Value).Boost, pair.Key, step));
        return Gen.Frequency((5, fresh), (1, repeat));
    }

    /// <summary>Anyone for anyone, or for themselves.</summary>
    private static Gen<(PersonId Submitter, PersonId Assignee)> AnyPair()
        => from submitter in s_person
           from self in Gen.Elements(true, false)
           from other in s_person
           select (submitter, self ? submitter : other);

    /// <summary>A member who holds Business manager for a member who holds Freelancer, or a freelancer for themselves, when there are.</summary>
    private static Gen<(PersonId Submitter, PersonId Assignee)> LikelyPair(ProposalModel model)
    {
        PersonId[] managers = ProposalModel.People.Where(p => model.Holds(p, Permissions.BusinessManager)).ToArray();
        PersonId[] freelancers = ProposalModel.People.Where(p => model.Holds(p, Permissions.Freelancer)).ToArray();
        if (managers.Length == 0 || freelancers.Length == 0)
        {
            return AnyPair();
        }

        return Gen.OneOf(
            from manager in Gen.Elements(managers) from freelancer in Gen.Elements(freelancers) select (manager, freelancer),
            Gen.Elements(freelancers).Select(freelancer => (freelancer, freelancer)));
    }

    private static Gen<Operation<LiveAgency, ProposalModel>> Buy(ProposalModel model)
    {
        Gen<Operation<LiveAgency, ProposalModel>> fresh =
            from actor in Gen.Frequency((3, Gen.Constant(ProposalModel.Owner)), (2, s_person))
            from quantity in Gen.Frequency((1, Gen.Constant(0)), (8, Gen.Choose(1, 40)))
            from key in AnyKey(model)
            from step in s_step
            select Op(new BuyOperation(actor, C(quantity), key, step));
        Bought[] recorded = model.Requests.Values.OfType<Bought>().ToArray();
        return recorded.Length == 0
            ? fresh
            : Gen.Frequency(
                (4, fresh),
                (1, from first in Gen.Elements(recorded) from step in s_step select Op(new BuyOperation(first.Actor, first.Quantity, first.Request, step))));
    }

    private static Gen<Operation<LiveAgency, ProposalModel>> Usage(ProposalModel model)
    {
        // Range ends on and around the instants of the entries, to probe the bounds.
        Instant[] instants = model.Usage
            .SelectMany(e => new[] { e.At - Duration.Epsilon, e.At, e.At + Duration.Epsilon })
            .Append(ProposalModel.Start - Duration.FromDays(1))
            .Append(model.LastChangedAt + Duration.FromDays(1))
            .Distinct()
            .ToArray();
        return from start in Gen.Elements(instants) from end in Gen.Elements(instants) select Op(new UsageOperation(start, end));
    }

    /// <summary>A fresh key most of the time; sometimes one already used, for a repeat or a conflict.</summary>
    private static Gen<RequestKey> AnyKey(ProposalModel model)
    {
        Gen<RequestKey> fresh = Gen.Constant(Key("k" + model.Serial));
        return model.Requests.IsEmpty ? fresh : Gen.Frequency((6, fresh), (1, Gen.Elements(model.Requests.Keys.ToArray())));
    }

    /// <summary>An open proposal most of the time, else any proposal, else one never submitted.</summary>
    private static Gen<ProposalId> ExistingProposal(ProposalModel model)
    {
        Gen<ProposalId> unknown = Gen.Constant(Proposal("never-submitted"));
        ProposalId[] all = model.Proposals.Keys.ToArray();
        ProposalId[] open = model.Proposals.Values.Where(p => p.Status == ProposalStatus.Open).Select(p => p.Id).ToArray();
        var choices = new List<(int, Gen<ProposalId>)> { (1, unknown) };
        if (all.Length > 0)
        {
            choices.Add((3, Gen.Elements(all)));
        }

        if (open.Length > 0)
        {
            choices.Add((6, Gen.Elements(open)));
        }

        return Gen.Frequency(choices);
    }

    private static Gen<ProposalOutcome> Outcome() => Gen.Frequency(
        (3, Gen.Constant(ProposalOutcome.Outbid)),
        (2, Gen.Constant(ProposalOutcome.JobCancelled)),
        (6, Gen.Elements(Enum.GetValues<ProposalOutcome>())));

    private sealed class AgencySetup(ImmutableArray<Permissions> permissions) : Setup<LiveAgency, ProposalModel>
    {
        public override LiveAgency Actual()
        {
            Instant start = ProposalModel.Start;
            Updated<AgencyAccount> step = AgencyAccount.Create(Agency("acme"), ProposalModel.Owner, start, AgencyDirectory.Empty).AsT0;
            var events = new List<AccountEvent>(step.Events);
            step = step.Account.UpgradeToPlus(ProposalModel.Owner, start).AsT0;
            events.AddRange(step.Events);
            for (int i = 0; i < ProposalModel.Others.Length; i++)
            {
                step = step.Account.AddMember(ProposalModel.Owner, ProposalModel.Others[i], permissions[i], MembershipKind.NonExclusive, start, AgencyDirectory.Empty).AsT0;
                events.AddRange(step.Events);
            }

            return new LiveAgency(step.Account, events);
        }

        public override ProposalModel Model() => ProposalModel.Initial(permissions);

        public override string ToString()
            => string.Join(", ", ProposalModel.Others.Select((person, i) => $"{person}: {permissions[i]}"));
    }
}

/// <summary>
/// One command: <see cref="Predict"/> is the model's answer at the instant <see cref="Step"/> after the last change;
/// <see cref="Act"/> runs it on the agency. The check compares the two exactly, keeps the agency only when the command
/// went through, and then checks every invariant.
/// </summary>
internal abstract class AgencyOperation(Duration step) : Operation<LiveAgency, ProposalModel>
{
    public Duration Step { get; } = step;

    public override ProposalModel Run(ProposalModel model)
        => Predict(model, model.LastChangedAt + Step) with { Serial = model.Serial + 1 };

    public override Property Check(LiveAgency actual, ProposalModel model)
    {
        AgencyAccount before = actual.Account;
        object outcome = Act(before, model.At);
        switch (model.Expected, outcome)
        {
            case (Submitted expected, ProposalSubmission<AgencyAccount> submitted):
                Assert.False(submitted.IsRepeat);
                Assert.Equal(expected.Proposal, submitted.Proposal);
                Keep(actual, submitted.Account, submitted.Events);
                break;
            case (RepeatedSubmission expected, ProposalSubmission<AgencyAccount> repeat):
                Assert.True(repeat.IsRepeat);
                Assert.Equal(expected.Proposal, repeat.Proposal);
                Assert.Empty(repeat.Events);
                Assert.Same(before, repeat.Account);
                break;
            case (Bought expected, ConnectsPurchase<AgencyAccount> purchase):
                Assert.False(purchase.IsRepeat);
                Assert.Equal((expected.Actor, expected.Quantity, expected.Request, expected.At), (purchase.Line.Actor, purchase.Line.Quantity, purchase.Line.Request, purchase.Line.At));
                Keep(actual, purchase.Account, purchase.Events);
                break;
            case (RepeatedPurchase expected, ConnectsPurchase<AgencyAccount> repeat):
                Assert.True(repeat.IsRepeat);
                Assert.Equal((expected.First.Quantity, expected.First.At), (repeat.Line.Quantity, repeat.Line.At));
                Assert.Empty(repeat.Events);
                Assert.Same(before, repeat.Account);
                break;
            case (Done, Updated<AgencyAccount> updated):
                Keep(actual, updated.Account, updated.Events);
                break;
            default:
                // A refusal: the exact error, and the agency as it was (the model did not change either).
                Assert.Equal(model.Expected, outcome);
                Assert.Same(before, actual.Account);
                break;
        }

        Invariants.Hold(actual, model);
        return true.ToProperty();
    }

    protected abstract ProposalModel Predict(ProposalModel model, Instant at);

    protected abstract object Act(AgencyAccount agency, Instant at);

    private static void Keep(LiveAgency actual, AgencyAccount account, ImmutableArray<AccountEvent> events)
    {
        actual.Account = account;
        actual.Events.AddRange(events);
    }
}

internal sealed class SubmitOperation(PersonId submitter, PersonId assignee, ProposalId id, Connects cost, Connects boost, RequestKey key, Duration step)
    : AgencyOperation(step)
{
    protected override ProposalModel Predict(ProposalModel model, Instant at) => model.Submit(submitter, assignee, id, cost, boost, key, at);

    protected override object Act(AgencyAccount agency, Instant at) => agency.SubmitProposal(submitter, assignee, id, cost, boost, key, at).Value;

    public override string ToString() => $"Submit({submitter} for {assignee}, {id}, {cost.Value}+{boost.Value}, {key}, +{Step})";
}

internal sealed class WithdrawOperation(PersonId actor, ProposalId id, Duration step) : AgencyOperation(step)
{
    protected override ProposalModel Predict(ProposalModel model, Instant at) => model.Withdraw(actor, id, at);

    protected override object Act(AgencyAccount agency, Instant at) => agency.Withdraw(actor, id, at).Value;

    public override string ToString() => $"Withdraw({actor}, {id}, +{Step})";
}

internal sealed class OutcomeOperation(ProposalId id, ProposalOutcome outcome, Duration step) : AgencyOperation(step)
{
    protected override ProposalModel Predict(ProposalModel model, Instant at) => model.RecordOutcome(id, outcome, at);

    protected override object Act(AgencyAccount agency, Instant at) => agency.RecordOutcome(id, outcome, at).Value;

    public override string ToString() => $"RecordOutcome({id}, {outcome}, +{Step})";
}

internal sealed class BuyOperation(PersonId actor, Connects quantity, RequestKey key, Duration step) : AgencyOperation(step)
{
    protected override ProposalModel Predict(ProposalModel model, Instant at) => model.Buy(actor, quantity, key, at);

    protected override object Act(AgencyAccount agency, Instant at) => agency.BuyConnects(actor, quantity, key, at).Value;

    public override string ToString() => $"Buy({actor}, {quantity.Value}, {key}, +{Step})";
}

internal sealed class CloseOperation(Duration step) : AgencyOperation(step)
{
    protected override ProposalModel Predict(ProposalModel model, Instant at) => model.CloseElapsedPeriods(at);

    protected override object Act(AgencyAccount agency, Instant at) => agency.CloseElapsedPeriods(at).Value;

    public override string ToString() => $"CloseElapsedPeriods(+{Step})";
}

internal sealed class RemoveMemberOperation(PersonId actor, PersonId person, Duration step) : AgencyOperation(step)
{
    protected override ProposalModel Predict(ProposalModel model, Instant at) => model.RemoveMember(actor, person, at);

    protected override object Act(AgencyAccount agency, Instant at) => agency.RemoveMember(actor, person, at).Value;

    public override string ToString() => $"RemoveMember({actor} removes {person}, +{Step})";
}

internal sealed class AddMemberOperation(PersonId actor, PersonId person, Permissions permissions, Duration step) : AgencyOperation(step)
{
    protected override ProposalModel Predict(ProposalModel model, Instant at) => model.AddMember(actor, person, permissions, at);

    protected override object Act(AgencyAccount agency, Instant at)
        => agency.AddMember(actor, person, permissions, MembershipKind.NonExclusive, at, AgencyDirectory.Empty).Value;

    public override string ToString() => $"AddMember({actor} adds {person} as {permissions}, +{Step})";
}

/// <summary>A query: the usage over [from, to) must match the model's entries in that range, person by person.</summary>
internal sealed class UsageOperation(Instant from, Instant to) : Operation<LiveAgency, ProposalModel>
{
    public override ProposalModel Run(ProposalModel model) => model with { Serial = model.Serial + 1 };

    public override Property Check(LiveAgency actual, ProposalModel model)
    {
        Invariants.UsageMatches(AccountHistory.Of(actual.Events), model, from, to);
        return true.ToProperty();
    }

    public override string ToString() => $"Usage({from}, {to})";
}

/// <summary>What must hold after every step.</summary>
internal static class Invariants
{
    public static void Hold(LiveAgency live, ProposalModel model)
    {
        AgencyAccount agency = live.Account;
        AccountHistory history = AccountHistory.Of(live.Events);

        // The agency is where the model says: version, time, period, balance, members, proposals.
        Assert.Equal(model.Version, agency.Version);
        Assert.Equal(model.LastChangedAt, agency.LastChangedAt);
        Assert.Equal(model.PeriodEnd, agency.CurrentPeriod.End);
        Assert.Equal(model.Balance, agency.Balance.Value);
        Assert.Equal(model.Members, agency.Members.ToImmutableDictionary(m => m.Key, m => m.Value.Permissions));
        Assert.Equal(model.Proposals.Where(p => p.Value.Status == ProposalStatus.Open).ToImmutableDictionary(), agency.Proposals.ToImmutableDictionary());
        Assert.Equal(model.Proposals, history.Proposals.ToImmutableDictionary());
        foreach (PersonId person in ProposalModel.People)
        {
            Assert.Equal(model.OpenProposalsOf(person), agency.OpenProposalsAssignedTo(person));
        }

        // The balance is the ledger's sum and the lots', and never negative.
        long ledgerSum = history.Ledger.Sum(e => e.Delta);
        Assert.Equal(agency.Balance.Value, ledgerSum);
        Assert.Equal(agency.Balance.Value, agency.Pool.Lots.Sum(l => (long)l.Quantity.Value));
        Assert.True(ledgerSum >= 0, $"negative balance {ledgerSum}");

        // Spending and refunds are exactly the model's; no proposal gets back more than it cost.
        Assert.Equal(model.Usage, history.Ledger.Where(e => e.Kind is LedgerEntryKind.Spent or LedgerEntryKind.Refunded));
        foreach (Proposal proposal in history.Proposals.Values)
        {
            // An identifier is used again only after its proposal closed and the retention window passed: count this one's entries.
            Assert.True(proposal.Refunded.Value <= proposal.Cost.Value + proposal.Boost.Value, $"{proposal} got back more than it cost");
            long spent = history.Ledger.Where(e => e.Proposal == proposal.Id && e.At >= proposal.SubmittedAt && e.Kind == LedgerEntryKind.Spent).Sum(e => (long)e.Quantity.Value);
            long refunded = history.Ledger.Where(e => e.Proposal == proposal.Id && e.At >= proposal.SubmittedAt && e.Kind == LedgerEntryKind.Refunded).Sum(e => (long)e.Quantity.Value);
            Assert.Equal(proposal.Cost.Value + proposal.Boost.Value, spent);
            Assert.Equal(proposal.Refunded.Value, refunded);
            Assert.True(refunded <= spent, $"{proposal.Id}: refunded {refunded} of {spent} spent");
        }

        UsageMatches(history, model, ProposalModel.Start - Duration.FromDays(1), model.LastChangedAt + Duration.FromDays(1));

        // Replaying every event rebuilds the same agency.
        AgencyAccount replayed = AgencyAccount.Replay(live.Events);
        Assert.Equal(agency.Version, replayed.Version);
        Assert.Equal(agency.LastChangedAt, replayed.LastChangedAt);
        Assert.Equal(agency.Balance, replayed.Balance);
        Assert.Equal(agency.Proposals, replayed.Proposals);
        Assert.Equal(agency.Pool.Lots.AsEnumerable(), replayed.Pool.Lots);
        Assert.Equal(agency.Members, replayed.Members);
        Assert.Equal(agency.CurrentPeriod, replayed.CurrentPeriod);
    }

    /// <summary>
    /// The report over [from, to) matches the model's entries in that range person by person, and its totals — the sum
    /// over members as assignee, and as submitter — equal the ledger's spending and refunds over the range.
    /// </summary>
    public static void UsageMatches(AccountHistory history, ProposalModel model, Instant from, Instant to)
    {
        UsageReport report = history.Usage(from, to);
        LedgerEntry[] inRange = model.Usage.Where(e => e.At >= from && e.At < to).ToArray();
        MemberUsage[] expected = inRange
            .SelectMany(e => new[] { e.Member!.Value, e.Submitter!.Value })
            .Distinct()
            .Order()
            .Select(person => new MemberUsage(
                person,
                Sum(inRange, e => e.Kind == LedgerEntryKind.Spent && e.Member == person),
                Sum(inRange, e => e.Kind == LedgerEntryKind.Refunded && e.Member == person),
                Sum(inRange, e => e.Kind == LedgerEntryKind.Spent && e.Submitter == person),
                Sum(inRange, e => e.Kind == LedgerEntryKind.Refunded && e.Submitter == person)))
            .ToArray();
        Assert.Equal(expected, report.Members);

        LedgerEntry[] ledger = history.Ledger.Where(e => e.At >= from && e.At < to).ToArray();
        long spent = Sum(ledger, e => e.Kind == LedgerEntryKind.Spent);
        long refunded = Sum(ledger, e => e.Kind == LedgerEntryKind.Refunded);
        Assert.Equal((spent, refunded), (report.TotalSpent, report.TotalRefunded));
        Assert.Equal((spent, spent), (report.Members.Sum(m => m.SpentAsAssignee), report.Members.Sum(m => m.SpentAsSubmitter)));
        Assert.Equal((refunded, refunded), (report.Members.Sum(m => m.RefundedAsAssignee), report.Members.Sum(m => m.RefundedAsSubmitter)));
    }

    private static long Sum(IEnumerable<LedgerEntry> entries, Func<LedgerEntry, bool> predicate)
        => entries.Where(predicate).Sum(e => (long)e.Quantity.Value);
}
