using System;
using AgencyConnects.Domain.Billing;
using AgencyConnects.Domain.MonthEnd;
using AgencyConnects.Domain.Plans;
using AgencyConnects.Domain.Pool;
using AgencyConnects.Domain.Values;
using BenchmarkDotNet.Attributes;
using NodaTime;

namespace AgencyConnects.Domain.Benchmarks;

/// <summary>
/// The nightly month-end job over Classic accounts with mixed state (balances 0–400 in one to four lots, some bought
/// Connects, some accounts on Basic), every one of them due. <see cref="RawArrays"/> is the floor: a hand-written loop
/// over plain arrays computing the same outputs (new balance, carried, forfeited, allotment, fee).
/// </summary>
[MemoryDiagnoser]
public class MonthEndRolloverBenchmarks
{
    private MonthEndAccount[] _accounts = [];
    private Lot[] _lots = [];
    private MonthEndAccount[] _closedAccounts = [];
    private Lot[] _closedLots = [];
    private MonthEndOutcome[] _outcomes = [];
    private MonthEndFee[] _fees = [];
    private MonthEndPeriod[] _periods = [];
    private MonthEndExpiry[] _expiries = [];

    // The same accounts as plain arrays.
    private bool[] _rawPlus = [];
    private int[] _rawLotStart = [];
    private int[] _rawLotQuantity = [];
    private int[] _rawBalance = [];
    private int[] _rawCarried = [];
    private int[] _rawForfeited = [];
    private int[] _rawAllotment = [];
    private decimal[] _rawFee = [];

    private Instant _at;

    /// <summary>How many accounts the job closes.</summary>
    [Params(10_000, 1_000_000)]
    public int Accounts { get; set; }

    /// <summary>Builds the accounts, their compact state and the plain arrays, once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20261127);
        PlanCatalog catalog = PlanCatalog.Classic;
        var anchor = new LocalDate(2026, 10, 1);
        var schedules = new BillingSchedule[28];
        for (int day = 0; day < schedules.Length; day++)
        {
            schedules[day] = BillingSchedule.Create(anchor.PlusDays(day), DateTimeZone.Utc).AsT0;
        }

        _at = Instant.FromUtc(2026, 11, 29, 0, 0);
        _accounts = new MonthEndAccount[Accounts];
        _rawPlus = new bool[Accounts];
        _rawLotStart = new int[Accounts + 1];
        var lots = new System.Collections.Generic.List<Lot>(Accounts * 3);
        var quantities = new System.Collections.Generic.List<int>(Accounts * 3);
        for (int i = 0; i < Accounts; i++)
        {
            BillingSchedule schedule = schedules[random.Next(schedules.Length)];
            BillingPeriod period = schedule.Period(0).AsT0;
            bool plus = random.Next(10) < 8;
            int lotCount = random.Next(1, 5);
            int balance = random.Next(0, 401);
            int start = lots.Count;
            for (int l = 0; l < lotCount; l++)
            {
                int quantity = l == lotCount - 1 ? balance : random.Next(0, balance + 1);
                balance -= quantity;
                if (quantity == 0)
                {
                    continue;
                }

                LotSource source = l == 0 ? LotSource.CarriedOver : random.Next(3) == 0 ? LotSource.Purchase : LotSource.Allotment;
                lots.Add(new Lot(source, Connects.Create(quantity).AsT0, period.Start.Plus(Duration.FromHours(l)), null));
                quantities.Add(quantity);
            }

            _accounts[i] = new MonthEndAccount(plus ? Plan.AgencyPlus : Plan.AgencyBasic, schedule, period.Index, false, start, lots.Count - start);
            _rawPlus[i] = plus;
            _rawLotStart[i + 1] = lots.Count;
        }

        _lots = lots.ToArray();
        _rawLotQuantity = quantities.ToArray();
        _closedAccounts = new MonthEndAccount[Accounts];
        _closedLots = new Lot[_lots.Length + Accounts];
        _outcomes = new MonthEndOutcome[Accounts];
        _fees = new MonthEndFee[Accounts];
        _periods = new MonthEndPeriod[Accounts];
        _expiries = new MonthEndExpiry[_lots.Length];
        _rawBalance = new int[Accounts];
        _rawCarried = new int[Accounts];
        _rawForfeited = new int[Accounts];
        _rawAllotment = new int[Accounts];
        _rawFee = new decimal[Accounts];
    }

    /// <summary>The floor: sum the lots, cap, forfeit, grant and charge, over plain arrays.</summary>
    [Benchmark(Baseline = true)]
    public int RawArrays()
    {
        int checksum = 0;
        for (int i = 0; i < _rawPlus.Length; i++)
        {
            int unused = 0;
            for (int l = _rawLotStart[i]; l < _rawLotStart[i + 1]; l++)
            {
                unused += _rawLotQuantity[l];
            }

            bool plus = _rawPlus[i];
            int carried = plus ? Math.Min(unused, 160) : unused;
            int allotment = plus ? 80 : 0;
            _rawCarried[i] = carried;
            _rawForfeited[i] = unused - carried;
            _rawAllotment[i] = allotment;
            _rawFee[i] = plus ? 20.00m : 0m;
            _rawBalance[i] = carried + allotment;
            checksum += _rawBalance[i];
        }

        return checksum;
    }

    /// <summary>The library's batch close on the same accounts.</summary>
    [Benchmark]
    public MonthEndBatchResult Library()
        => MonthEndBatch.Close(PlanCatalog.Classic, _at, _accounts, _lots, _closedAccounts, _closedLots, _outcomes, _fees).AsT0;

    /// <summary>
    /// The batch close recording every period and expiry (what <c>MonthEndChunk</c> turns into each account's events)
    /// instead of the bill lines alone.
    /// </summary>
    [Benchmark]
    public MonthEndBatchResult LibraryRecordingEvents()
        => MonthEndBatch.Close(PlanCatalog.Classic, _at, _accounts, _lots, _closedAccounts, _closedLots, _outcomes, _periods, _expiries).AsT0;
}
