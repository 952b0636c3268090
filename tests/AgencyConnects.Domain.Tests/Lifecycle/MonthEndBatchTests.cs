using System;
using System.Collections.Generic;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.MonthEnd;
using AgencyConnects.Domain.Plans;
using AgencyConnects.Domain.Pool;
using AgencyConnects.Domain.Values;
using NodaTime;
using Xunit;
using static AgencyConnects.Domain.Tests.Lifecycle.Catalogs;
using static AgencyConnects.Domain.Tests.Lifecycle.Given;
using static AgencyConnects.Domain.Tests.TestData;

namespace AgencyConnects.Domain.Tests.Lifecycle;

/// <summary><see cref="MonthEndBatch"/>'s <c>Close</c> over compact state: an example and every error case.</summary>
public sealed class MonthEndBatchTests
{
    private static readonly Instant At = Utc(2025, 2, 10, 12);

    // A Classic Agency Plus with 200 Connects (80 granted, 120 bought) and a Classic Freelancer Basic with 10.
    private static (AgencyAccount Agency, FreelancerAccount Freelancer, MonthEndAccount[] Accounts, Lot[] Lots) TwoAccounts()
    {
        AgencyAccount agency = PlusAgency().BuyConnects(Owner, C(120), Key("b1"), Hours(1)).AsT0.Account;
        FreelancerAccount freelancer = BasicFreelancer();
        var lots = new List<Lot>();
        MonthEndAccount[] accounts = [Compact.Of(agency, lots), Compact.Of(freelancer, lots)];
        return (agency, freelancer, accounts, lots.ToArray());
    }

    [Fact]
    public void Batch_totals_over_several_periods_may_pass_the_largest_quantity()
    {
        // 2^30 a month and a cap of 0: three closes forfeit 3 × 2^30 in all, more than a Connects can hold.
        PlanCatalog huge = Catalogs.Catalog(
            "HugeAllotment",
            Catalogs.Terms(Plan.FreelancerBasic, 0m, 1 << 30, 0, PlanActions.SpendConnects),
            Catalogs.Terms(Plan.FreelancerPlus, 10m, 70, null, PlanActions.SpendConnects),
            Catalogs.Terms(Plan.AgencyBasic, 0m, 0, null, PlanActions.None),
            Catalogs.Terms(Plan.AgencyPlus, 20m, 80, null, PlanActions.SpendConnects));
        FreelancerAccount account = FreelancerAccount.Open(Holder, Utc(2025, 1, 10), Settings(huge)).AsT0.Account;
        var lots = new List<Lot>();
        MonthEndAccount[] accounts = [Compact.Of(account, lots)];
        var outcomes = new MonthEndOutcome[1];

        Assert.True(MonthEndBatch.Close(huge, Utc(2025, 4, 10, 12), accounts, lots.ToArray(), new MonthEndAccount[1], new Lot[8], outcomes, new MonthEndFee[4]).IsT0);

        Assert.Equal(new MonthEndOutcome(3, 0, 3L << 30, C(0), 3L << 30, C(1 << 30), 0), outcomes[0]);
        Assert.Equal(C(1 << 30), account.CloseElapsedPeriods(Utc(2025, 4, 10, 12)).AsT0.Account.Balance);
    }

    [Fact]
    public void Batch_close_of_two_accounts_gives_what_each_account_gives_alone()
    {
        (AgencyAccount agency, FreelancerAccount freelancer, MonthEndAccount[] accounts, Lot[] lots) = TwoAccounts();
        var closedAccounts = new MonthEndAccount[2];
        var closedLots = new Lot[lots.Length + 2];
        var outcomes = new MonthEndOutcome[2];
        var fees = new MonthEndFee[2];

        MonthEndBatchResult result = MonthEndBatch.Close(PlanCatalog.Classic, At, accounts, lots, closedAccounts, closedLots, outcomes, fees).AsT0;

        Assert.Equal(new MonthEndBatchResult(5, 1, 0, 0), result);
        Assert.Equal(new MonthEndAccount(Plan.AgencyPlus, agency.Schedule, 1, false, 0, 3), closedAccounts[0]);
        Assert.Equal(new MonthEndAccount(Plan.FreelancerBasic, freelancer.Schedule, 1, false, 3, 2), closedAccounts[1]);
        Assert.Equal<Lot>(
            [
                new Lot(LotSource.CarriedOver, C(40), Start, null),
                new Lot(LotSource.Purchase, C(120), Hours(1), null),
                new Lot(LotSource.Allotment, C(80), Utc(2025, 2, 10), null),
                new Lot(LotSource.CarriedOver, C(10), Start, null),
                new Lot(LotSource.Allotment, C(10), Utc(2025, 2, 10), null),
            ],
            closedLots);
        Assert.Equal(new MonthEndOutcome(1, 0, 40, C(160), 80, C(240), 0), outcomes[0]);
        Assert.Equal(new MonthEndOutcome(1, 0, 0, C(10), 10, C(20), 0), outcomes[1]);
        Assert.Equal(new MonthEndFee(0, 1, Utc(2025, 2, 10), Plan.AgencyPlus), fees[0]);
        Assert.Equal(Usd(20.00m), fees[0].AmountIn(PlanCatalog.Classic));
        Assert.Throws<ArgumentNullException>(() => fees[0].AmountIn(null!));

        Assert.Equal<Lot>(agency.CloseElapsedPeriods(At).AsT0.Account.Pool.Lots, closedLots.AsSpan(0, 3).ToArray());
        Assert.Equal<Lot>(freelancer.CloseElapsedPeriods(At).AsT0.Account.Pool.Lots, closedLots.AsSpan(3, 2).ToArray());
    }

    // Agency Plus anchored on 2025-01-10 in UTC: periods end on 2025-02-10 and 2025-03-10 at midnight.
    private static (AgencyAccount Agency, MonthEndAccount[] Accounts, Lot[] Lots) OneAgency()
    {
        AgencyAccount agency = PlusAgency().BuyConnects(Owner, C(120), Key("b1"), Hours(1)).AsT0.Account;
        var lots = new List<Lot>();
        MonthEndAccount[] accounts = [Compact.Of(agency, lots)];
        return (agency, accounts, lots.ToArray());
    }

    private static (MonthEndBatchResult Result, MonthEndAccount Closed, MonthEndOutcome Outcome) Close(Instant at, MonthEndAccount[] accounts, Lot[] lots)
    {
        var closed = new MonthEndAccount[1];
        var outcomes = new MonthEndOutcome[1];
        MonthEndBatchResult result = MonthEndBatch.Close(PlanCatalog.Classic, at, accounts, lots, closed, new Lot[lots.Length + 4], outcomes, new MonthEndFee[4]).AsT0;
        return (result, closed[0], outcomes[0]);
    }

    [Fact]
    public void Batch_close_before_the_period_ends_writes_the_lots_unchanged()
    {
        AgencyAccount agency = PlusAgency().BuyConnects(Owner, C(120), Key("b1"), Hours(1)).AsT0.Account;
        var lots = new List<Lot>();
        MonthEndAccount[] accounts = [Compact.Of(agency, lots)];
        var closedAccounts = new MonthEndAccount[1];
        var closedLots = new Lot[lots.Count];
        var outcomes = new MonthEndOutcome[1];

        MonthEndBatchResult result = MonthEndBatch.Close(PlanCatalog.Classic, Hours(5), accounts, lots.ToArray(), closedAccounts, closedLots, outcomes, []).AsT0;

        Assert.Equal(new MonthEndBatchResult(2, 0, 0, 0), result);
        Assert.Equal<Lot>(agency.Pool.Lots, closedLots);
        Assert.Equal(accounts[0], closedAccounts[0]);
        Assert.Equal(new MonthEndOutcome(0, 0, 0, C(0), 0, C(200), 0), outcomes[0]);
    }

    [Fact]
    public void A_new_allotment_that_expires_is_placed_before_older_lots_that_never_expire()
    {
        // MixedLifetimes: Connects acquired on Freelancer Plus never expire; those acquired on Basic expire a month later.
        FreelancerAccount account = PlusFreelancer(Settings(MixedLifetimes))
            .BuyConnects(Holder, C(15), Key("b1"), Hours(1)).AsT0.Account
            .DowngradeToBasic(Holder, Hours(2)).AsT0.Account;
        var lots = new List<Lot>();
        MonthEndAccount[] accounts = [Compact.Of(account, lots)];
        var closedLots = new Lot[lots.Count + 1];
        Instant at = Utc(2025, 2, 10, 12);

        MonthEndBatchResult result = MonthEndBatch.Close(MixedLifetimes, at, accounts, lots.ToArray(), new MonthEndAccount[1], closedLots, new MonthEndOutcome[1], new MonthEndFee[1]).AsT0;

        Assert.Equal(new Lot(LotSource.Allotment, C(10), Utc(2025, 2, 10), Utc(2025, 3, 10)), closedLots[0]);
        Assert.Equal(3, result.LotsWritten);
        Assert.Equal<Lot>(account.CloseElapsedPeriods(at).AsT0.Account.Pool.Lots, closedLots[..result.LotsWritten]);
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(3, 2)]
    public void Periods_that_end_exactly_now_are_closed_as_the_account_closes_them(int month, int periods)
    {
        (AgencyAccount agency, MonthEndAccount[] accounts, Lot[] lots) = OneAgency();
        Instant end = Utc(2025, month, 10);

        (_, MonthEndAccount closed, MonthEndOutcome outcome) = Close(end, accounts, lots);

        Assert.Equal(periods, outcome.PeriodsClosed);
        Assert.Equal(periods, closed.PeriodIndex);
        Assert.Equal(agency.CloseElapsedPeriods(end).AsT0.Account.Pool.Balance, outcome.Balance);
    }

    [Fact]
    public void An_account_in_the_last_period_of_its_schedule_is_accepted_and_left_open()
    {
        (_, MonthEndAccount[] accounts, Lot[] lots) = OneAgency();
        MonthEndAccount last = accounts[0] with { PeriodIndex = accounts[0].Schedule.LastIndex };
        Instant at = accounts[0].Schedule.End - Duration.FromDays(1);

        (MonthEndBatchResult result, MonthEndAccount closed, MonthEndOutcome outcome) = Close(at, [last], lots);

        Assert.Equal(new MonthEndBatchResult(lots.Length, 0, 0, 0), result);
        Assert.Equal(last, closed);
        Assert.Equal(0, outcome.PeriodsClosed);
    }

    [Fact]
    public void Lots_holding_exactly_the_most_Connects_a_pool_can_are_accepted()
    {
        (_, MonthEndAccount[] accounts, _) = OneAgency();
        Lot[] full = [new Lot(LotSource.Purchase, C(1), Hours(1), null), new Lot(LotSource.Purchase, Connects.MaxValue.Subtract(C(1)), Hours(2), null)];

        (MonthEndBatchResult result, _, MonthEndOutcome outcome) = Close(Hours(5), [accounts[0] with { LotStart = 0, LotCount = 2 }], full);

        Assert.Equal(new MonthEndBatchResult(2, 0, 0, 0), result);
        Assert.Equal(Connects.MaxValue, outcome.Balance);
    }

    [Fact]
    public void Batch_close_refuses_a_null_catalog()
    {
        (_, _, MonthEndAccount[] accounts, Lot[] lots) = TwoAccounts();

        Assert.Throws<ArgumentNullException>(
            () => MonthEndBatch.Close(null!, At, accounts, lots, new MonthEndAccount[2], new Lot[10], new MonthEndOutcome[2], new MonthEndFee[2]));
    }

    [Fact]
    public void Batch_close_refuses_account_or_outcome_outputs_shorter_than_the_accounts()
    {
        (_, _, MonthEndAccount[] accounts, Lot[] lots) = TwoAccounts();

        Assert.Equal(
            new MonthEndBufferTooShort("closedAccounts", 1),
            MonthEndBatch.Close(PlanCatalog.Classic, At, accounts, lots, new MonthEndAccount[1], new Lot[10], new MonthEndOutcome[2], new MonthEndFee[2]).AsT1);
        Assert.Equal(
            new MonthEndBufferTooShort("outcomes", 1),
            MonthEndBatch.Close(PlanCatalog.Classic, At, accounts, lots, new MonthEndAccount[2], new Lot[10], new MonthEndOutcome[1], new MonthEndFee[2]).AsT1);
    }

    [Theory]
    [InlineData(2, 0)] // Room for the agency's own lots, not for its new allotment.
    [InlineData(3, 1)] // Room for the agency, not for the freelancer's own lot.
    [InlineData(4, 1)] // Room for the freelancer's lot, not for its new allotment.
    public void Batch_close_refuses_a_lot_output_too_short_for_the_lots_and_new_allotments(int length, int account)
    {
        (_, _, MonthEndAccount[] accounts, Lot[] lots) = TwoAccounts();

        Assert.Equal(
            new MonthEndBufferTooShort("closedLots", account),
            MonthEndBatch.Close(PlanCatalog.Classic, At, accounts, lots, new MonthEndAccount[2], new Lot[length], new MonthEndOutcome[2], new MonthEndFee[2]).AsT1);
    }

    [Fact]
    public void Batch_close_refuses_a_fee_output_too_short_for_the_fees_charged()
    {
        (_, _, MonthEndAccount[] accounts, Lot[] lots) = TwoAccounts();

        Assert.Equal(
            new MonthEndBufferTooShort("fees", 0),
            MonthEndBatch.Close(PlanCatalog.Classic, At, accounts, lots, new MonthEndAccount[2], new Lot[10], new MonthEndOutcome[2], []).AsT1);
    }

    public static TheoryData<string, MonthEndAccountProblem> BadAccounts() => new()
    {
        { "default", MonthEndAccountProblem.NoSchedule },
        { "lots past the buffer", MonthEndAccountProblem.LotsOutsideBuffer },
        { "lots starting past the buffer", MonthEndAccountProblem.LotsOutsideBuffer },
        { "negative lot start", MonthEndAccountProblem.LotsOutsideBuffer },
        { "negative lot count", MonthEndAccountProblem.LotsOutsideBuffer },
        { "undefined kind", MonthEndAccountProblem.UndefinedPlan },
        { "undefined tier", MonthEndAccountProblem.UndefinedPlan },
        { "negative period", MonthEndAccountProblem.PeriodOutOfRange },
        { "period past the schedule", MonthEndAccountProblem.PeriodOutOfRange },
    };

    [Theory]
    [MemberData(nameof(BadAccounts))]
    public void Batch_close_names_the_first_account_it_cannot_close(string change, MonthEndAccountProblem problem)
    {
        (_, _, MonthEndAccount[] accounts, Lot[] lots) = TwoAccounts();
        MonthEndAccount second = accounts[1];
        accounts[1] = change switch
        {
            "default" => default,
            "lots past the buffer" => second with { LotStart = 2, LotCount = 2 },
            "lots starting past the buffer" => second with { LotStart = 4, LotCount = 0 },
            "negative lot start" => second with { LotStart = -1 },
            "negative lot count" => second with { LotCount = -1 },
            "undefined kind" => second with { Plan = second.Plan with { Kind = (AccountKind)2 } },
            "undefined tier" => second with { Plan = second.Plan with { Tier = (PlanTier)9 } },
            "negative period" => second with { PeriodIndex = -1 },
            _ => second with { PeriodIndex = second.Schedule.LastIndex + 1 },
        };

        Assert.Equal(
            new InvalidMonthEndAccount(1, problem),
            MonthEndBatch.Close(PlanCatalog.Classic, At, accounts, lots, new MonthEndAccount[2], new Lot[10], new MonthEndOutcome[2], new MonthEndFee[2]).AsT2);
    }

    [Fact]
    public void Batch_close_refuses_lots_holding_more_Connects_than_a_pool_can_or_out_of_spend_order()
    {
        (_, _, MonthEndAccount[] accounts, Lot[] lots) = TwoAccounts();
        Lot[] huge = [.. lots, new Lot(LotSource.Purchase, Connects.MaxValue, Hours(1), null), new Lot(LotSource.Purchase, C(1), Hours(2), null)];
        Lot[] reversed = [lots[1], lots[0], lots[2]];

        Assert.Equal(
            new InvalidMonthEndAccount(1, MonthEndAccountProblem.TooManyConnects),
            MonthEndBatch.Close(PlanCatalog.Classic, At, [accounts[0], accounts[1] with { LotStart = 3, LotCount = 2 }], huge, new MonthEndAccount[2], new Lot[10], new MonthEndOutcome[2], new MonthEndFee[2]).AsT2);
        Assert.Equal(
            new InvalidMonthEndAccount(0, MonthEndAccountProblem.LotsNotInSpendOrder),
            MonthEndBatch.Close(PlanCatalog.Classic, At, accounts, reversed, new MonthEndAccount[2], new Lot[10], new MonthEndOutcome[2], new MonthEndFee[2]).AsT2);
    }

    [Fact]
    public void Batch_close_refuses_an_instant_whose_acquisitions_would_expire_after_the_last_date_as_an_account_does()
    {
        // Current catalog, UTC: Connects expire a year after they are acquired, so from 9999-01-01 nothing can be granted.
        AccountSettings settings = AccountSettings.Create(PlanCatalog.Current, DateTimeZone.Utc).AsT0;
        FreelancerAccount account = FreelancerAccount.Open(Holder, Utc(9000, 12, 31), settings).AsT0.Account;
        var lots = new List<Lot>();
        MonthEndAccount[] accounts = [Compact.Of(account, lots)];
        Instant at = Utc(9999, 1, 1);

        Assert.True(at < account.Schedule.End);
        Assert.Equal(new InstantOutOfRange(at, at), account.CloseElapsedPeriods(at).AsT1);
        Assert.Equal(
            new InvalidMonthEndAccount(0, MonthEndAccountProblem.BeyondSchedule),
            MonthEndBatch.Close(PlanCatalog.Current, at, accounts, lots.ToArray(), new MonthEndAccount[1], new Lot[16], new MonthEndOutcome[1], new MonthEndFee[1]).AsT2);
        Assert.True(MonthEndBatch.Close(PlanCatalog.Current, at.Minus(Duration.Epsilon), accounts, lots.ToArray(), new MonthEndAccount[1], new Lot[16 * 1024], new MonthEndOutcome[1], new MonthEndFee[16 * 1024]).IsT0);
    }

    [Fact]
    public void Batch_close_refuses_to_close_past_the_end_of_an_account_schedule()
    {
        (_, _, MonthEndAccount[] accounts, Lot[] lots) = TwoAccounts();
        Instant end = accounts[0].Schedule.End;

        Assert.Equal(
            new InvalidMonthEndAccount(0, MonthEndAccountProblem.BeyondSchedule),
            MonthEndBatch.Close(PlanCatalog.Classic, end, accounts, lots, new MonthEndAccount[2], new Lot[10], new MonthEndOutcome[2], new MonthEndFee[2]).AsT2);
        Assert.True(MonthEndBatch.Close(PlanCatalog.Classic, At, accounts, lots, new MonthEndAccount[2], new Lot[10], new MonthEndOutcome[2], new MonthEndFee[2]).IsT0);
    }
}
