using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using AgencyConnects.Domain.Plans;
using AgencyConnects.Domain.Pool;
using AgencyConnects.Domain.Values;
using NodaTime;

namespace AgencyConnects.Domain.MonthEnd;

/// <summary>
/// One billing period the batch close closed, with what a one-account close records for it: the rollover
/// (<see cref="Accounts.PeriodClosed"/>), the plan change a scheduled downgrade makes (<see cref="Accounts.PlanChanged"/>),
/// the next period's allotment (<see cref="Accounts.ConnectsGranted"/>) and its fee (<see cref="Accounts.FeeCharged"/>,
/// when <see cref="NextPlan"/> has one). An account's periods are written in order, one after another.
/// </summary>
/// <param name="Account">The index of the account in the batch.</param>
/// <param name="PeriodIndex">The index of the period closed; the next one is <c>PeriodIndex + 1</c>.</param>
/// <param name="Rollover">What the close did to the pool: the Connects expiring exactly at the period's end, the excess forfeited above the cap, the Connects carried over.</param>
/// <param name="Plan">The plan in force during the period closed.</param>
/// <param name="NextPlan">The plan of the next period: <paramref name="Plan"/>, or Basic when a downgrade or cancellation took effect at this close.</param>
/// <param name="Granted">The allotment granted at the start of the next period (zero when the plan grants none, or the pool is full).</param>
/// <param name="GrantExpiresAt">When the allotment expires, or <c>null</c> if never (or when none was granted).</param>
/// <param name="Withheld">Allotment Connects not granted because the pool was full, as in <see cref="Accounts.ConnectsGranted.Withheld"/>.</param>
[StructLayout(LayoutKind.Auto)]
public readonly record struct MonthEndPeriod(
    int Account, int PeriodIndex, RolloverOutcome Rollover, Plan Plan, Plan NextPlan, Connects Granted, Instant? GrantExpiresAt, Connects Withheld);

/// <summary>
/// Lots that expired between two period ends (or after the last close, up to the batch's instant), all at one instant:
/// what a one-account close records as <see cref="Accounts.ConnectsExpired"/>. An account's expiries are written in
/// time order; those before a period's end come before it (<see cref="MonthEndPeriod"/>). Lots expiring exactly at a
/// period's end are in that period's <see cref="MonthEndPeriod.Rollover"/> instead.
/// </summary>
/// <param name="Account">The index of the account in the batch.</param>
/// <param name="At">When the lots expired.</param>
/// <param name="Quantity">The Connects that expired then.</param>
[StructLayout(LayoutKind.Auto)]
public readonly record struct MonthEndExpiry(int Account, Instant At, Connects Quantity);

/// <summary>Where the batch loop writes what it records besides the new state: bill lines, or every period and expiry.</summary>
/// <remarks>
/// Implemented by ref structs over the caller's spans, and taken as a generic argument, so each form of the loop is
/// compiled on its own and one that records less does no work for what it does not record.
/// </remarks>
internal interface IMonthEndRecords
{
    /// <summary>
    /// Whether expiries before a period's end are recorded apart from its close (as a one-account close records them);
    /// when not, the close counts them in its rollover's <see cref="RolloverOutcome.Expired"/>, which sums the same.
    /// A constant of each implementation, so the loop compiled for it keeps or drops the work.
    /// </summary>
    static abstract bool RecordsExpiries { get; }

    /// <summary>Records a period closed; returns the name of the buffer that ran out, or <c>null</c>.</summary>
    string? Period(int account, int periodIndex, in PeriodClose close, Plan plan, bool chargesFee, LotInstant periodEnd);

    /// <summary>Records lots (in spend order, all expired by now) expiring before a period's end or now; returns the name of the buffer that ran out, or <c>null</c>.</summary>
    string? Expired(int account, ReadOnlySpan<Lot> expired);

    /// <summary>How much of the buffers the batch wrote, with <paramref name="lotsWritten"/> lots.</summary>
    MonthEndBatchResult Result(int lotsWritten);
}

/// <summary>Records a bill line per fee charged, and nothing else: <see cref="MonthEndBatch.Close(PlanCatalog, Instant, ReadOnlySpan{MonthEndAccount}, ReadOnlySpan{Lot}, Span{MonthEndAccount}, Span{Lot}, Span{MonthEndOutcome}, Span{MonthEndFee})"/>.</summary>
internal ref struct FeeRecords(Span<MonthEndFee> fees) : IMonthEndRecords
{
    private readonly Span<MonthEndFee> _fees = fees;

    public static bool RecordsExpiries => false;

    private int _written;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public string? Period(int account, int periodIndex, in PeriodClose close, Plan plan, bool chargesFee, LotInstant periodEnd)
    {
        if (!chargesFee)
        {
            return null;
        }

        if (_written == _fees.Length)
        {
            return "fees";
        }

        _fees[_written++] = new MonthEndFee(account, periodIndex + 1, periodEnd.ToInstant(), close.NextPlan);
        return null;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly string? Expired(int account, ReadOnlySpan<Lot> expired) => null;

    public readonly MonthEndBatchResult Result(int lotsWritten) => new(lotsWritten, _written, 0, 0);
}

/// <summary>Records every period closed and every expiry: what turns back into the events of each account.</summary>
internal ref struct EventRecords(Span<MonthEndPeriod> periods, Span<MonthEndExpiry> expiries) : IMonthEndRecords
{
    private readonly Span<MonthEndPeriod> _periods = periods;
    private readonly Span<MonthEndExpiry> _expiries = expiries;

    public static bool RecordsExpiries => true;

    private int _periodsWritten;
    private int _expiriesWritten;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public string? Period(int account, int periodIndex, in PeriodClose close, Plan plan, bool chargesFee, LotInstant periodEnd)
    {
        if (_periodsWritten == _periods.Length)
        {
            return "periods";
        }

        _periods[_periodsWritten++] = new MonthEndPeriod(
            account, periodIndex, close.Rollover, plan, close.NextPlan, close.Next.Granted, close.Next.GrantExpiresAt, close.Next.Withheld);
        return null;
    }

    public string? Expired(int account, ReadOnlySpan<Lot> expired)
    {
        // One record per instant, as a one-account close records one event per instant lots expire at.
        int start = 0;
        while (start < expired.Length)
        {
            int quantity = expired[start].QuantityValue;
            int next = start + 1;
            while (next < expired.Length && expired[next].ExpiresWith(expired[start]))
            {
                quantity += expired[next].QuantityValue;
                next++;
            }

            if (_expiriesWritten == _expiries.Length)
            {
                return "expiries";
            }

            _expiries[_expiriesWritten++] = new MonthEndExpiry(account, expired[start].ExpiresAt!.Value, Connects.Of(quantity));
            start = next;
        }

        return null;
    }

    public readonly MonthEndBatchResult Result(int lotsWritten) => new(lotsWritten, 0, _periodsWritten, _expiriesWritten);
}
