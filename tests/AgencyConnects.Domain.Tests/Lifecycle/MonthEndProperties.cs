using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Billing;
using AgencyConnects.Domain.MonthEnd;
using AgencyConnects.Domain.Plans;
using AgencyConnects.Domain.Pool;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;
using Xunit;
using static AgencyConnects.Domain.Tests.TestData;

namespace AgencyConnects.Domain.Tests.Lifecycle;

/// <summary>Month-end invariants over random accounts of both kinds, under shipped and host-built catalogs and several time zones.</summary>
public sealed class MonthEndProperties
{
    private static Config Runs(int quick) => Config.QuickThrowOnFailure.WithMaxTest(PropertyRuns.Or(quick));

    [Fact]
    public void Closing_k_periods_at_once_equals_k_successive_closes()
    {
        Gen<(RandomHistory History, int[] Offsets)> cases =
            from history in RandomHistories.Any(30)
            from k in Gen.Choose(1, 8)
            from offsets in Gen.ArrayOf(Gen.Choose(0, (27 * 24) - 1), k)
            select (history, offsets);

        Check.One(Runs(100), Prop.ForAll(Arb.From(cases), c =>
        {
            LiveAccount live = c.History.Build();
            AccountView start = live.View;
            BillingSchedule schedule = live.Schedule;

            // The i-th instant lies in the period i after the current one, so each successive close closes one period.
            Instant[] instants = [.. c.Offsets.Select((hours, i) => schedule.Period(start.Period.Index + i + 1).AsT0.Start.Plus(Duration.FromHours(hours)))];
            (AccountView once, ImmutableArray<AccountEvent> onceEvents) = live.ClosedAt(instants[^1]);
            var stepEvents = new List<AccountEvent>();
            foreach (Instant at in instants)
            {
                OperationResult step = live.CloseElapsedPeriods(at);
                Assert.Null(step.Error);
                Assert.Single(step.Events.OfType<PeriodClosed>());
                stepEvents.AddRange(step.Events);
            }

            Assert.Equal(c.Offsets.Length, onceEvents.OfType<PeriodClosed>().Count());
            Assert.Equal<AccountEvent>(stepEvents, onceEvents);
            AccountView.AssertSame(live.View, once);
        }));
    }

    [Fact]
    public void Batch_close_over_compact_state_equals_the_one_account_close()
    {
        Gen<(PlanCatalog Catalog, RandomHistory[] Histories, int Hours)> cases =
            from catalog in Gen.Elements(RandomHistories.Catalogs)
            from count in Gen.Choose(1, 6)
            from histories in Gen.ArrayOf(RandomHistories.Of(catalog, 25), count)
            from hours in Gen.Frequency((1, Gen.Constant(0)), (4, Gen.Choose(0, 400 * 24)))
            select (catalog, histories, hours);

        Check.One(Runs(60), Prop.ForAll(Arb.From(cases), c =>
        {
            LiveAccount[] accounts = [.. c.Histories.Select(history => history.Build())];
            Instant at = accounts.Max(account => account.LastChangedAt).Plus(Duration.FromHours(c.Hours));
            var lotList = new List<Lot>();
            MonthEndAccount[] compact = [.. accounts.Select(account => account.Kind == AccountKind.Agency
                ? Compact.Of(account.Agency, lotList)
                : Compact.Of(account.Freelancer, lotList))];
            Lot[] lots = [.. lotList];
            var closedAccounts = new MonthEndAccount[accounts.Length];

            // Exactly the room the documentation asks for: every input lot plus one per period closed.
            int periods = accounts.Sum(account => account.Schedule.PeriodContaining(at).AsT0.Index - account.View.Period.Index);
            var closedLots = new Lot[lots.Length + periods];
            var outcomes = new MonthEndOutcome[accounts.Length];
            var fees = new MonthEndFee[periods];

            MonthEndBatchResult result = MonthEndBatch.Close(c.Catalog, at, compact, lots, closedAccounts, closedLots, outcomes, fees).AsT0;

            int lotsSeen = 0;
            var feesSeen = new List<MonthEndFee>();
            for (int i = 0; i < accounts.Length; i++)
            {
                (AccountView single, ImmutableArray<AccountEvent> events) = accounts[i].ClosedAt(at);
                MonthEndAccount closed = closedAccounts[i];
                Assert.Equal(single.Plan, closed.Plan);
                Assert.Equal(single.Period.Index, closed.PeriodIndex);
                Assert.Equal(single.Period, closed.Schedule.Period(closed.PeriodIndex).AsT0);
                Assert.Equal(single.Pending is not null, closed.DowngradeScheduled);
                Assert.Same(compact[i].Schedule, closed.Schedule);
                Assert.Equal(lotsSeen, closed.LotStart);
                Assert.Equal<Lot>(single.Pool.Lots, closedLots.AsSpan(closed.LotStart, closed.LotCount).ToArray());
                lotsSeen += closed.LotCount;

                PeriodClosed[] closes = [.. events.OfType<PeriodClosed>()];
                var expected = new MonthEndOutcome(
                    closes.Length,
                    closes.Sum(close => (long)close.Outcome.Expired.Value) + events.OfType<ConnectsExpired>().Sum(expiry => (long)expiry.Quantity.Value),
                    closes.Sum(close => (long)close.Outcome.Forfeited.Value),
                    closes.Length == 0 ? C(0) : closes[^1].Outcome.CarriedOver,
                    events.OfType<ConnectsGranted>().Sum(granted => (long)granted.Quantity.Value),
                    single.Balance,
                    events.OfType<ConnectsGranted>().Sum(granted => (long)granted.Withheld.Value));
                Assert.Equal(expected, outcomes[i]);

                MonthEndFee[] charged = [.. events.OfType<FeeCharged>().Select(fee => new MonthEndFee(i, fee.Line.Period!.Value.Index, fee.Line.At, fee.Line.Plan))];
                Assert.Equal(events.OfType<FeeCharged>().Select(fee => fee.Line.Amount), charged.Select(fee => fee.AmountIn(c.Catalog)));
                Assert.Equal<MonthEndFee>(charged, fees.AsSpan(0, result.FeesWritten).ToArray().Where(fee => fee.Account == i));
                feesSeen.AddRange(charged);
            }

            Assert.Equal(new MonthEndBatchResult(lotsSeen, feesSeen.Count, 0, 0), result);
        }));
    }

    [Fact]
    public void Rollover_never_carries_more_than_the_cap()
    {
        Check.One(Runs(150), Prop.ForAll(Arb.From(RandomHistories.Any(40)), history =>
        {
            LiveAccount live = history.Build();
            foreach ((AccountView before, AccountEvent accountEvent) in live.ReplaySteps())
            {
                if (accountEvent is not PeriodClosed closed)
                {
                    continue;
                }

                // Expire what is due, cap what the scope covers, forfeit the excess, carry the rest.
                PlanTerms terms = history.Catalog[before.Plan];
                Lot[] alive = [.. before.Pool.Lots.Where(lot => !lot.IsExpiredAt(closed.At))];
                int expired = before.Balance.Value - alive.Sum(lot => lot.Quantity.Value);
                int subject = alive.Where(lot => terms.RolloverScope == RolloverScope.AllUnused || lot.Source is LotSource.Allotment or LotSource.CarriedOver).Sum(lot => lot.Quantity.Value);
                int forfeited = terms.RolloverCap is { } cap ? Math.Max(0, subject - cap.Value) : 0;
                int carried = alive.Sum(lot => lot.Quantity.Value) - forfeited;

                Assert.Equal(new RolloverOutcome(C(expired), C(forfeited), C(carried)), closed.Outcome);
                if (terms.RolloverCap is { } limit && terms.RolloverScope == RolloverScope.AllUnused)
                {
                    Assert.True(carried <= limit.Value, $"{carried} carried over a cap of {limit}.");
                }
            }
        }));
    }

    [Fact]
    public void The_balance_always_equals_the_ledger_sum_and_the_lots_and_is_never_negative()
    {
        Check.One(Runs(150), Prop.ForAll(Arb.From(RandomHistories.Any(40)), history =>
        {
            LiveAccount live = history.Build();
            int applied = 1;
            foreach ((AccountView before, _) in live.ReplaySteps().Append((live.View, null!)))
            {
                ConnectsPool pool = before.Pool;
                AccountHistory projection = AccountHistory.Of(live.History.Take(applied++));
                long running = 0;
                foreach (LedgerEntry entry in projection.Ledger)
                {
                    running += entry.Delta;
                    Assert.True(running >= 0, $"The ledger went to {running} at {entry}.");
                }

                Assert.Equal(pool.Balance.Value, running);
                Assert.Equal(
                    running,
                    projection.Total(LedgerEntryKind.Granted) + projection.Total(LedgerEntryKind.Bought) + projection.Total(LedgerEntryKind.Refunded)
                    - projection.Total(LedgerEntryKind.Spent) - projection.Total(LedgerEntryKind.Forfeited) - projection.Total(LedgerEntryKind.Expired));
                Assert.Equal(running, pool.Lots.Sum(lot => (long)lot.Quantity.Value));
                Assert.All(pool.Lots, lot => Assert.True(lot.Quantity.Value > 0, $"Empty lot {lot}."));
                Assert.Equal<Lot>(pool.Lots.OrderBy(lot => lot.ExpiresAt ?? Instant.MaxValue).ThenBy(lot => lot.AcquiredAt), pool.Lots);
            }
        }));
    }

    [Fact]
    public void Replay_rebuilds_the_live_account()
    {
        Check.One(Runs(150), Prop.ForAll(Arb.From(RandomHistories.Any(40)), history =>
        {
            LiveAccount live = history.Build();

            AccountView.AssertSame(live.View, live.Replayed());
        }));
    }
}
