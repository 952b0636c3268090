using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Billing;
using AgencyConnects.Domain.MonthEnd;
using AgencyConnects.Domain.Plans;
using AgencyConnects.Domain.Pool;
using AgencyConnects.Domain.Values;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;
using Xunit;
using static AgencyConnects.Domain.Tests.TestData;

namespace AgencyConnects.Domain.Tests.Lifecycle;

/// <summary>
/// <see cref="MonthEndChunk"/>: the batch close over snapshots gives back, for every account, the snapshot and the
/// events of the one-account close; and every reason an account is left out.
/// </summary>
public sealed class MonthEndChunkTests
{
    /// <summary>Every catalog the random histories use, resolvable by name as a host's registry would.</summary>
    private static readonly PlanCatalogRegistry s_registry = RandomHistories.Catalogs
        .Where(catalog => PlanCatalogRegistry.Default.Resolve(catalog.Name).IsT1)
        .Aggregate(PlanCatalogRegistry.Default, (registry, catalog) => registry.With(catalog).AsT0);

    private static Config Runs(int quick) => Config.QuickThrowOnFailure.WithMaxTest(PropertyRuns.Or(quick));

    [Fact]
    public void Chunk_close_of_snapshots_equals_the_one_account_close_in_state_and_events()
    {
        Gen<(RandomHistory[] Histories, int Hours)> cases =
            from count in Gen.Choose(1, 6)
            from histories in Gen.ArrayOf(RandomHistories.Any(25), count)
            from hours in Gen.Frequency((1, Gen.Constant(0)), (2, Gen.Choose(0, 40 * 24)), (2, Gen.Choose(0, 400 * 24)))
            select (histories, hours);

        Check.One(Runs(80), Prop.ForAll(Arb.From(cases), c =>
        {
            LiveAccount[] accounts = [.. c.Histories.Select(history => history.Build())];
            Instant at = accounts.Max(account => account.LastChangedAt).Plus(Duration.FromHours(c.Hours));
            AccountSnapshot[] snapshots = [.. accounts.Select(SnapshotOf)];

            MonthEndChunk chunk = MonthEndChunk.Close(at, snapshots, s_registry);

            Assert.Equal(at, chunk.At);
            Assert.Equal(accounts.Length, chunk.Count);
            for (int i = 0; i < accounts.Length; i++)
            {
                (AccountSnapshot after, ImmutableArray<AccountEvent> events, BillingPeriod period) = ClosedOneByOne(accounts[i], at);
                MonthEndClosed closed = chunk.Result(i).AsT0;
                Assert.Equal<AccountEvent>(events, closed.Events);
                Assert.Equal(after, closed.Snapshot);
                Assert.Equal(period.End, closed.NextCloseAt);

                PeriodClosed[] closes = [.. events.OfType<PeriodClosed>()];
                Assert.Equal(closes.Length, closed.Outcome.PeriodsClosed);
                Assert.Equal(after.Lots.Sum(lot => lot.Quantity.Value), closed.Outcome.Balance.Value);
                Assert.Equal(
                    closes.Sum(close => (long)close.Outcome.Expired.Value) + events.OfType<ConnectsExpired>().Sum(expiry => (long)expiry.Quantity.Value),
                    closed.Outcome.Expired);

                // The snapshot after loads, and nothing more is due at the same instant.
                if (closed.Events.Count > 0)
                {
                    Assert.Empty(MonthEndChunk.Close(at, [closed.Snapshot], s_registry).Result(0).AsT0.Events);
                }
                else
                {
                    Assert.Same(snapshots[i], closed.Snapshot);
                }
            }
        }));
    }

    [Fact]
    public void Several_periods_and_expiries_between_them_come_back_in_the_order_of_the_one_account_close()
    {
        // Every Connect expires 45 days after it came: a Plus agency left alone for five months closes five periods,
        // and each allotment expires between two period ends.
        AgencyAccount agency = Given.PlusAgency(Given.Settings(Catalogs.CappedAndExpiring));
        Instant at = Given.Start.Plus(Duration.FromDays(160));

        MonthEndClosed closed = MonthEndChunk.Close(at, [agency.ToSnapshot()], s_registry).Result(0).AsT0;

        Updated<AgencyAccount> expected = agency.CloseElapsedPeriods(at).AsT0;
        Assert.Equal<AccountEvent>(expected.Events, closed.Events);
        Assert.Equal(5, expected.Events.OfType<PeriodClosed>().Count());
        Assert.NotEmpty(expected.Events.OfType<ConnectsExpired>());
        Assert.Equal(expected.Account.ToSnapshot(), closed.Snapshot);
    }

    [Fact]
    public void A_scheduled_downgrade_takes_effect_at_the_first_close_with_the_reason_asked()
    {
        AgencyAccount agency = Given.PlusAgency().CancelPlus(Given.Owner, Given.Hours(1)).AsT0.Account;
        Instant at = Given.Start.Plus(Duration.FromDays(70));

        MonthEndClosed closed = MonthEndChunk.Close(at, [agency.ToSnapshot()]).Result(0).AsT0;

        Updated<AgencyAccount> expected = agency.CloseElapsedPeriods(at).AsT0;
        Assert.Equal<AccountEvent>(expected.Events, closed.Events);
        Assert.Equal(PlanChangeReason.Cancel, closed.Events.OfType<PlanChanged>().Single().Reason);
        Assert.Null(closed.Snapshot.PendingChange);
        Assert.Equal(PlanTier.Basic, closed.Snapshot.Plan.Tier);
        Assert.Equal(expected.Account.ToSnapshot(), closed.Snapshot);
    }

    [Fact]
    public void Accounts_left_out_carry_the_error_of_loading_and_closing_them_and_the_others_are_closed()
    {
        AgencyAccount plus = Given.PlusAgency();
        AccountSnapshot good = plus.ToSnapshot();
        Instant at = Given.Start.Plus(Duration.FromDays(40));
        AgencyAccount closedAgency = plus.Close(Given.Owner, Given.Hours(2)).AsT0.Account;
        AccountSnapshot[] snapshots =
        [
            good with { Catalog = "Nope" },
            good with { Zone = "Mars/Olympus_Mons" },
            good with { Kind = (AccountKind)7 },
            good with { Lots = [.. good.Lots.Add(new Lot(LotSource.Purchase, C(5), Given.Start, Given.Start.Plus(Duration.FromDays(1))))] },
            closedAgency.ToSnapshot(),
            Given.PlusFreelancer().ToSnapshot() with { IsClosed = true },
            good,
            good with { Agency = null },
        ];

        MonthEndChunk chunk = MonthEndChunk.Close(at, snapshots);

        Assert.Equal(new UnknownCatalog("Nope"), chunk.Result(0).AsT1);
        Assert.Equal(new UnknownTimeZone("Mars/Olympus_Mons"), chunk.Result(1).AsT2);
        Assert.Equal(new InvalidSnapshot("Kind", "7 is not a kind of account"), chunk.Result(2).AsT3);
        Assert.Equal(new InvalidSnapshot("Lots", "lot 1 is out of spend order"), chunk.Result(3).AsT3);
        Assert.Equal(AgencyAccount.Load(snapshots[3], []).AsT3, chunk.Result(3).AsT3);
        Assert.Equal(new AgencyIsClosed(Agency("acme")), chunk.Result(4).AsT4);
        Assert.Equal(closedAgency.CloseElapsedPeriods(at).AsT1, chunk.Result(4).AsT4);
        Assert.Equal(new InvalidSnapshot("Principal", "a freelancer snapshot names its holder, and no agency, members or closing"), chunk.Result(5).AsT3);
        Assert.Equal(FreelancerAccount.Load(snapshots[5], []).AsT3, chunk.Result(5).AsT3);
        Assert.Equal(new InvalidSnapshot("Agency", "an agency snapshot names no agency"), chunk.Result(7).AsT3);
        Assert.Equal(AgencyAccount.Load(snapshots[7], []).AsT3, chunk.Result(7).AsT3);
        Assert.Equal<AccountEvent>(plus.CloseElapsedPeriods(at).AsT0.Events, chunk.Result(6).AsT0.Events);
    }

    [Fact]
    public void An_instant_before_the_last_change_or_past_what_the_account_represents_is_the_one_account_error()
    {
        AgencyAccount current = Given.PlusAgency(Given.Settings(PlanCatalog.Current));
        Instant before = Given.Start.Minus(Duration.FromHours(1));
        Instant late = Instant.FromUtc(9999, 12, 1, 0, 0);

        MonthEndChunk early = MonthEndChunk.Close(before, [current.ToSnapshot()]);
        MonthEndChunk tooLate = MonthEndChunk.Close(late, [current.ToSnapshot()]);

        Assert.Equal(new InstantBeforeLastChange(before, Given.Start), early.Result(0).AsT5);
        Assert.Equal(current.CloseElapsedPeriods(before).AsT2, early.Result(0).AsT5);
        var outOfRange = Assert.IsType<InstantOutOfRange>(current.CloseElapsedPeriods(late).AsT2);
        Assert.Equal(late, outOfRange.At);
        Assert.Equal(outOfRange, tooLate.Result(0).AsT5);
    }

    [Fact]
    public void Nothing_due_gives_the_snapshot_back_with_no_events()
    {
        AccountSnapshot snapshot = Given.PlusAgency().ToSnapshot();

        MonthEndClosed closed = MonthEndChunk.Close(Given.Hours(5), [snapshot]).Result(0).AsT0;

        Assert.Same(snapshot, closed.Snapshot);
        Assert.Empty(closed.Events);
        Assert.Equal(new MonthEndOutcome(0, 0, 0, C(0), 0, C(80), 0), closed.Outcome);
        Assert.Equal(Given.PlusAgency().CurrentPeriod.End, closed.NextCloseAt);
    }

    [Fact]
    public void Bad_arguments_throw_only_for_null_and_an_index_outside_the_chunk()
    {
        MonthEndChunk chunk = MonthEndChunk.Close(Given.Start, [Given.PlusAgency().ToSnapshot()]);

        Assert.Throws<ArgumentNullException>(() => MonthEndChunk.Close(Given.Start, null!));
        Assert.Throws<ArgumentNullException>(() => MonthEndChunk.Close(Given.Start, [null!]));
        Assert.Throws<ArgumentOutOfRangeException>(() => chunk.Result(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => chunk.Result(1));
        Assert.Equal(0, MonthEndChunk.Close(Given.Start, []).Count);
    }

    [Fact]
    public void The_record_buffers_that_run_out_are_named_with_the_account()
    {
        AgencyAccount agency = Given.PlusAgency(Given.Settings(Catalogs.CappedAndExpiring));
        var lots = new List<Lot>();
        MonthEndAccount[] accounts = [Compact.Of(agency, lots), Compact.Of(agency, lots)];
        Instant at = Given.Start.Plus(Duration.FromDays(70));
        var closed = new MonthEndAccount[2];
        var closedLots = new Lot[16];
        var outcomes = new MonthEndOutcome[2];

        // Two periods each (February 10 and March 10), and the first allotment expiring between them (February 24).
        var noPeriods = MonthEndBatch.Close(Catalogs.CappedAndExpiring, at, accounts, [.. lots], closed, closedLots, outcomes, new MonthEndPeriod[3], new MonthEndExpiry[8]);
        var noExpiries = MonthEndBatch.Close(Catalogs.CappedAndExpiring, at, accounts, [.. lots], closed, closedLots, outcomes, new MonthEndPeriod[8], Array.Empty<MonthEndExpiry>());
        var fits = MonthEndBatch.Close(Catalogs.CappedAndExpiring, at, accounts, [.. lots], closed, closedLots, outcomes, new MonthEndPeriod[4], new MonthEndExpiry[8]);

        Assert.Equal(new MonthEndBufferTooShort("periods", 1), noPeriods.AsT1);
        Assert.Equal(new MonthEndBufferTooShort("expiries", 0), noExpiries.AsT1);
        Assert.Equal(4, fits.AsT0.PeriodsWritten);
        Assert.Equal(0, fits.AsT0.FeesWritten);
        Assert.Equal(agency.CloseElapsedPeriods(at).AsT0.Events.OfType<ConnectsExpired>().Count() * 2, fits.AsT0.ExpiriesWritten);
    }

    private static AccountSnapshot SnapshotOf(LiveAccount account)
        => account.Kind == AccountKind.Agency ? account.Agency.ToSnapshot() : account.Freelancer.ToSnapshot();

    private static (AccountSnapshot After, ImmutableArray<AccountEvent> Events, BillingPeriod Period) ClosedOneByOne(LiveAccount account, Instant at)
    {
        if (account.Kind == AccountKind.Agency)
        {
            Updated<AgencyAccount> closed = account.Agency.CloseElapsedPeriods(at).AsT0;
            return (closed.Account.ToSnapshot(), closed.Events, closed.Account.CurrentPeriod);
        }

        Updated<FreelancerAccount> done = account.Freelancer.CloseElapsedPeriods(at).AsT0;
        return (done.Account.ToSnapshot(), done.Events, done.Account.CurrentPeriod);
    }
}
