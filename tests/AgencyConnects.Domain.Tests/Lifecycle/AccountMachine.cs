using System;
using System.Collections.Generic;
using System.Globalization;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Plans;
using AgencyConnects.Domain.Pool;
using AgencyConnects.Domain.Proposals;
using AgencyConnects.Domain.Values;
using FsCheck;
using FsCheck.Experimental;
using FsCheck.Fluent;
using NodaTime;
using Xunit;
using static AgencyConnects.Domain.Tests.TestData;

namespace AgencyConnects.Domain.Tests.Lifecycle;

/// <summary>
/// Random command sequences on one Classic account (agency or freelancer), checked against <see cref="ReferenceModel"/>
/// after every step: buy, submit (the owner or holder for themselves), record outcomes, upgrade, downgrade, cancel,
/// failed payment, time passing from minutes to about 70 days with elapsed periods closed, and reused request keys.
/// </summary>
internal sealed class AccountMachine : Machine<LiveAccount, ReferenceModel>
{
    private static readonly ProposalOutcome[] s_outcomes = Enum.GetValues<ProposalOutcome>();

    // Anniversaries on the 10th, on the 31st (clamped in short months) and on a leap day.
    private static readonly Instant[] s_starts = [Utc(2025, 1, 10, 9), Utc(2025, 1, 31, 23), Utc(2024, 2, 29, 12)];

    private readonly AccountKind _kind;

    public AccountMachine(AccountKind kind, int commands)
        : base(commands)
    {
        _kind = kind;
    }

    public override Arbitrary<Setup<LiveAccount, ReferenceModel>> Setup
        => Arb.From(
            from start in Gen.Elements(s_starts)
            from plus in Gen.Elements(false, true)
            select (Setup<LiveAccount, ReferenceModel>)new Opening(_kind, start, plus));

    private static Gen<int> Delay { get; } = Gen.Frequency((3, Gen.Constant(0)), (6, Gen.Choose(1, 3 * 24 * 60)));

    private static Gen<PersonId> Actor { get; } = Gen.Frequency((9, Gen.Constant(default(PersonId))), (1, Gen.Constant(Given.Stranger)));

    private static Gen<KeyPick> Keys { get; } = Gen.Frequency(
        (6, Gen.Constant(new KeyPick(true, false, 0))),
        (2, Gen.Choose(0, 1000).Select(i => new KeyPick(false, true, i))),
        (1, Gen.Choose(0, 1000).Select(i => new KeyPick(false, false, i))));

    private static Gen<ProposalPick> NewProposal { get; } = Gen.Frequency(
        (9, Gen.Constant(new ProposalPick(true, 0))),
        (1, Gen.Choose(0, 1000).Select(i => new ProposalPick(false, i))));

    private static Gen<ProposalPick> OldProposal { get; } = Gen.Frequency(
        (1, Gen.Constant(new ProposalPick(true, 0))),
        (9, Gen.Choose(0, 1000).Select(i => new ProposalPick(false, i))));

    public override Gen<Operation<LiveAccount, ReferenceModel>> Next(ReferenceModel model)
        => Gen.Frequency(
            (4, from quantity in Gen.Frequency((1, Gen.Constant(0)), (8, Gen.Choose(1, 60)))
                from key in Keys
                from actor in Actor
                from delay in Delay
                select Op(new Buy(actor, quantity, key, delay))),
            (8, from cost in Gen.Frequency((9, Gen.Choose(0, 6)), (1, Gen.Constant(7)))
                from boost in Gen.Frequency((4, Gen.Constant(0)), (3, Gen.Choose(1, 30)), (3, Gen.Choose(30, 55)))
                from proposal in NewProposal
                from key in Keys
                from delay in Delay
                select Op(new Submit(cost, boost, proposal, key, delay))),
            (2, from over in Gen.Elements(0, 1)
                from key in Keys
                from delay in Delay
                select Op(new Submit(ReferenceModel.MaxCost, Math.Clamp(model.Balance - ReferenceModel.MaxCost + over, 0, ReferenceModel.MaxBoost), new ProposalPick(true, 0), key, delay))),
            (4, from proposal in OldProposal
                from outcome in Gen.Elements(s_outcomes)
                from delay in Delay
                select Op(new Outcome(proposal, outcome, delay))),
            (2, from actor in Actor
                from delay in Delay
                select Op(new Upgrade(actor, delay))),
            (2, from actor in Actor
                from reason in Gen.Elements(PlanChangeReason.Downgrade, PlanChangeReason.Cancel)
                from delay in Delay
                select Op(new Downgrade(actor, reason, delay))),
            (1, Delay.Select(delay => Op(new FailedPayment(delay)))),
            (3, Gen.Choose(1, 70 * 24).Select(hours => Op(new Wait(hours)))));

    private static Operation<LiveAccount, ReferenceModel> Op(Step op) => op;

    /// <summary>Opens the account and its model at one instant, on Basic or upgraded at once; every call gives a fresh account.</summary>
    private sealed class Opening(AccountKind kind, Instant start, bool plus) : Setup<LiveAccount, ReferenceModel>
    {
        public override LiveAccount Actual()
        {
            LiveAccount live = LiveAccount.Open(kind, AccountSettings.Default, start);
            if (plus)
            {
                Assert.Null(live.Upgrade(live.Principal, start).Error);
            }

            return live;
        }

        public override ReferenceModel Model()
        {
            ReferenceModel model = ReferenceModel.Open(kind, start);
            return plus ? model.Upgrade(model.Principal, start) with { Last = null } : model;
        }

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{kind} opened at {start}{(plus ? " and upgraded" : "")}");
    }

    /// <summary>An operation: resolves itself against the model, then runs on the live account and checks it.</summary>
    private abstract class Step : Operation<LiveAccount, ReferenceModel>
    {
        public override Property Check(LiveAccount live, ReferenceModel model)
        {
            AccountView before = live.View;
            Lifecycle.Step step = model.Last!;
            OperationResult result = Act(live, step);
            Verify(live, model, step, before, result);
            return true.ToProperty();
        }

        protected abstract OperationResult Act(LiveAccount live, Lifecycle.Step step);

        protected static Instant After(ReferenceModel model, int minutes) => model.Now.Plus(Duration.FromMinutes(minutes));

        protected static PersonId Resolve(PersonId actor, ReferenceModel model) => actor.IsEmpty ? model.Principal : actor;
    }

    private sealed class Buy(PersonId actor, int quantity, KeyPick key, int delay) : Step
    {
        public override ReferenceModel Run(ReferenceModel model) => model.Buy(Resolve(actor, model), quantity, key, After(model, delay));

        protected override OperationResult Act(LiveAccount live, Lifecycle.Step step) => live.Buy(step.Actor, C(step.Quantity), Key(step.Key), step.At);

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"+{delay}min buy {quantity} by {(actor.IsEmpty ? "principal" : actor)} key {key}");
    }

    private sealed class Submit(int cost, int boost, ProposalPick proposal, KeyPick key, int delay) : Step
    {
        public override ReferenceModel Run(ReferenceModel model) => model.Submit(cost, boost, proposal, key, After(model, delay));

        protected override OperationResult Act(LiveAccount live, Lifecycle.Step step)
            => live.Submit(Proposal(step.Proposal), C(step.Cost), C(step.Boost), Key(step.Key), step.At);

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"+{delay}min submit {cost}+{boost} {proposal} key {key}");
    }

    private sealed class Outcome(ProposalPick proposal, ProposalOutcome outcome, int delay) : Step
    {
        public override ReferenceModel Run(ReferenceModel model) => model.RecordOutcome(proposal, outcome, After(model, delay));

        protected override OperationResult Act(LiveAccount live, Lifecycle.Step step) => live.RecordOutcome(Proposal(step.Proposal), step.Outcome, step.At);

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"+{delay}min outcome {outcome} for {proposal}");
    }

    private sealed class Upgrade(PersonId actor, int delay) : Step
    {
        public override ReferenceModel Run(ReferenceModel model) => model.Upgrade(Resolve(actor, model), After(model, delay));

        protected override OperationResult Act(LiveAccount live, Lifecycle.Step step) => live.Upgrade(step.Actor, step.At);

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"+{delay}min upgrade by {(actor.IsEmpty ? "principal" : actor)}");
    }

    private sealed class Downgrade(PersonId actor, PlanChangeReason reason, int delay) : Step
    {
        public override ReferenceModel Run(ReferenceModel model) => model.ScheduleDowngrade(Resolve(actor, model), reason, After(model, delay));

        protected override OperationResult Act(LiveAccount live, Lifecycle.Step step) => live.ScheduleDowngrade(step.Actor, step.Reason, step.At);

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"+{delay}min {reason} by {(actor.IsEmpty ? "principal" : actor)}");
    }

    private sealed class FailedPayment(int delay) : Step
    {
        public override ReferenceModel Run(ReferenceModel model) => model.FailPayment(After(model, delay));

        protected override OperationResult Act(LiveAccount live, Lifecycle.Step step) => live.RecordFailedPayment(step.At);

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"+{delay}min failed payment");
    }

    private sealed class Wait(int hours) : Step
    {
        public override ReferenceModel Run(ReferenceModel model) => model.Close(model.Now.Plus(Duration.FromHours(hours)));

        protected override OperationResult Act(LiveAccount live, Lifecycle.Step step) => live.CloseElapsedPeriods(step.At);

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"+{hours}h close elapsed periods");
    }

    /// <summary>The checks after every step.</summary>
    private static void Verify(LiveAccount live, ReferenceModel model, Lifecycle.Step step, AccountView before, OperationResult result)
    {
        AccountView after = live.View;
        if (step.Error is not null)
        {
            // A refused operation returns the expected error with its facts, and changes nothing.
            Assert.Equal(step.Error, result.Error);
            Assert.Equal(before.Version, after.Version);
            Assert.Equal(before.Balance, after.Balance);
            Assert.Same(before.Pool, after.Pool);
        }
        else if (step.IsRepeat)
        {
            Assert.Null(result.Error);
            Assert.True(result.IsRepeat, "A repeated request is reported as a repeat.");
            Assert.Empty(result.Events);
            Assert.Equal(before.Version, after.Version);
            Assert.Same(before.Pool, after.Pool);
        }
        else
        {
            Assert.Null(result.Error);
            Assert.False(result.IsRepeat);
            CheckEvents(live.Settings.Catalog, before, result.Events, after);
        }

        // The account agrees with the reference model.
        Assert.Equal(model.Balance, after.Balance.Value);
        Assert.Equal(model.Plan, after.Plan);
        Assert.Equal(model.Pending, after.Pending?.Reason);
        Assert.Equal(model.Anchor, after.Anchor);
        Assert.Equal(model.PeriodIndex, after.Period.Index);
        Assert.Equal(model.PeriodEnd, after.Period.End);

        // Bill totals equal fees plus purchases.
        Assert.Equal(Money.Create(model.Charged, Currency.Usd).AsT0, live.Bill(Instant.FromUtc(2000, 1, 1, 0, 0), Instant.FromUtc(3000, 1, 1, 0, 0)).Total);

        CheckPool(after.Pool, live.Projection);

        // Replaying the events rebuilds the live account.
        AccountView.AssertSame(after, live.Replayed());
    }

    /// <summary>
    /// Walks the events of one operation with a running balance: every close carries exactly min(unused, cap) of
    /// the plan in force and forfeits the rest (never more than the cap), and the walk ends at the new balance.
    /// </summary>
    private static void CheckEvents(PlanCatalog catalog, AccountView before, IEnumerable<AccountEvent> events, AccountView after)
    {
        long running = before.Balance.Value;
        Plan plan = before.Plan;
        foreach (AccountEvent accountEvent in events)
        {
            switch (accountEvent)
            {
                case ConnectsGranted granted:
                    running += granted.Quantity.Value;
                    break;
                case ConnectsBought bought:
                    running += bought.Quantity.Value;
                    break;
                case ProposalSubmitted submitted:
                    running -= submitted.Proposal.Cost.Value + submitted.Proposal.Boost.Value;
                    break;
                case ProposalOutcomeRecorded outcome:
                    running += outcome.Refund.Value;
                    break;
                case PlanChanged changed:
                    Assert.Equal(plan, changed.From);
                    plan = changed.To;
                    break;
                case PeriodClosed closed:
                    Connects? cap = catalog[plan].RolloverCap;
                    long carried = cap is { } limit ? Math.Min(running, limit.Value) : running;
                    Assert.Equal(new RolloverOutcome(C(0), C((int)(running - carried)), C((int)carried)), closed.Outcome);
                    running = carried;
                    break;
                case ConnectsExpired:
                    Assert.Fail("Classic Connects never expire.");
                    break;
                default:
                    break;
            }

            Assert.True(running >= 0, $"The balance went to {running} at {accountEvent}.");
        }

        Assert.Equal(running, after.Balance.Value);
    }

    /// <summary>The balance equals the ledger sum, by kind, and the sum of the lots; the ledger never dips below zero.</summary>
    private static void CheckPool(ConnectsPool pool, AccountHistory history)
    {
        long running = 0;
        foreach (LedgerEntry entry in history.Ledger)
        {
            running += entry.Delta;
            Assert.True(running >= 0, $"The ledger went to {running} at {entry}.");
        }

        Assert.Equal(pool.Balance.Value, running);
        Assert.Equal(
            pool.Balance.Value,
            history.Total(LedgerEntryKind.Granted) + history.Total(LedgerEntryKind.Bought) + history.Total(LedgerEntryKind.Refunded)
            - history.Total(LedgerEntryKind.Spent) - history.Total(LedgerEntryKind.Forfeited) - history.Total(LedgerEntryKind.Expired));
        long lots = 0;
        for (int i = 0; i < pool.Lots.Count; i++)
        {
            Lot lot = pool.Lots[i];
            Assert.True(lot.Quantity.Value > 0, $"Empty lot {lot}.");
            Assert.True(i == 0 || pool.Lots[i - 1].AcquiredAt <= lot.AcquiredAt, "Classic lots are spent oldest first.");
            lots += lot.Quantity.Value;
        }

        Assert.Equal(pool.Balance.Value, lots);
    }
}
