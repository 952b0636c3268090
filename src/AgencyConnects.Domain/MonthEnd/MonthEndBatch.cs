using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using AgencyConnects.Domain.Billing;
using AgencyConnects.Domain.Internal;
using AgencyConnects.Domain.Plans;
using AgencyConnects.Domain.Pool;
using AgencyConnects.Domain.Values;
using NodaTime;
using OneOf;

namespace AgencyConnects.Domain.MonthEnd;

/// <summary>
/// The compact month-end state of one account, as a host's nightly job reads it: no ledger, no history. Its lots are
/// <see cref="LotCount"/> lots, in spend order, starting at <see cref="LotStart"/> in a lot buffer shared by the batch.
/// The end of its current period, when its next close is due, is not stored (it could disagree with the schedule):
/// <c>Schedule.Period(PeriodIndex)</c> gives it.
/// </summary>
/// <param name="Plan">The plan in force.</param>
/// <param name="Schedule">The account's billing schedule.</param>
/// <param name="PeriodIndex">The index of the current billing period in <paramref name="Schedule"/>.</param>
/// <param name="DowngradeScheduled">Whether a downgrade or cancellation takes effect at the end of the current period.</param>
/// <param name="LotStart">Where the account's lots start in the lot buffer.</param>
/// <param name="LotCount">How many lots the account has.</param>
public readonly record struct MonthEndAccount(
    Plan Plan, BillingSchedule Schedule, int PeriodIndex, bool DowngradeScheduled, int LotStart, int LotCount);

/// <summary>What the batch close did to one account, summed over the periods it closed.</summary>
/// <param name="PeriodsClosed">How many periods ended and were closed.</param>
/// <param name="Expired">Connects expired, over all the periods closed (a sum over periods can pass <see cref="Connects.MaxValue"/>).</param>
/// <param name="Forfeited">Connects forfeited above the rollover cap, over all the periods closed.</param>
/// <param name="CarriedOver">Connects carried over at the last close (zero when none was due).</param>
/// <param name="Granted">Connects granted as allotments of the new periods, over all the periods closed.</param>
/// <param name="Balance">The Connects in the pool afterwards.</param>
/// <param name="Withheld">
/// Allotment Connects not granted because the pool already held close to <see cref="Connects.MaxValue"/>, over all the
/// periods closed: zero unless a pool was full. As in <see cref="Accounts.ConnectsGranted.Withheld"/>.
/// </param>
/// <remarks>
/// Quantities of one pool at one time (<see cref="CarriedOver"/>, <see cref="Balance"/>) are <see cref="Connects"/>; sums
/// over several periods are <see cref="long"/>, as everywhere in the library (see <see cref="Connects"/>).
/// </remarks>
[StructLayout(LayoutKind.Auto)]
public readonly record struct MonthEndOutcome(int PeriodsClosed, long Expired, long Forfeited, Connects CarriedOver, long Granted, Connects Balance, long Withheld);

/// <summary>
/// A period fee the batch close charged: one bill line, compact. Its amount is the monthly fee of <see cref="Plan"/>
/// in the catalog the batch closed with (<see cref="AmountIn"/>), so a million lines do not each carry a copy of it.
/// </summary>
/// <param name="Account">The index of the account in the batch.</param>
/// <param name="PeriodIndex">The index of the period the fee pays for (<see cref="BillingSchedule.Period"/> gives its dates).</param>
/// <param name="At">When it was charged: the start of that period.</param>
/// <param name="Plan">The plan charged.</param>
public readonly record struct MonthEndFee(int Account, int PeriodIndex, Instant At, Plan Plan)
{
    /// <summary>The fee charged: the monthly fee of <see cref="Plan"/> in <paramref name="catalog"/>.</summary>
    /// <param name="catalog">The catalog the batch closed with.</param>
    /// <returns>The amount of the bill line.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="catalog"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="Plan"/> holds an undefined kind or tier, as the catalog's indexer: the batch never writes such a line.</exception>
    public Money AmountIn(PlanCatalog catalog) => Guard.NotNull(catalog).MonthEnd(Plan).Fee;
}

/// <summary>How much of the output buffers a batch close used.</summary>
/// <param name="LotsWritten">Lots written to the output lot buffer.</param>
/// <param name="FeesWritten">Fees written to the fee buffer (zero when the batch recorded periods instead).</param>
/// <param name="PeriodsWritten">Periods written to the period buffer (zero when the batch recorded fees).</param>
/// <param name="ExpiriesWritten">Expiries written to the expiry buffer (zero when the batch recorded fees).</param>
public readonly record struct MonthEndBatchResult(int LotsWritten, int FeesWritten, int PeriodsWritten, int ExpiriesWritten);

/// <summary>An output buffer of <c>MonthEndBatch.Close</c> ran out of room.</summary>
/// <param name="Buffer">The buffer: <c>closedAccounts</c>, <c>outcomes</c>, <c>closedLots</c>, <c>fees</c>, <c>periods</c> or <c>expiries</c>.</param>
/// <param name="Account">The index of the account that did not fit (for <c>closedAccounts</c> and <c>outcomes</c>, the first index past the buffer).</param>
public sealed record MonthEndBufferTooShort(string Buffer, int Account) : DomainError
{
    /// <inheritdoc/>
    public override string Message => $"The {Buffer} buffer is too short for account {Account}.";
}

/// <summary>What is wrong with an account given to <c>MonthEndBatch.Close</c>.</summary>
public enum MonthEndAccountProblem : byte
{
    /// <summary>It has no billing schedule: it is a <c>default</c> <see cref="MonthEndAccount"/>.</summary>
    NoSchedule,

    /// <summary>Its lots (<see cref="MonthEndAccount.LotStart"/>, <see cref="MonthEndAccount.LotCount"/>) lie outside the lot buffer.</summary>
    LotsOutsideBuffer,

    /// <summary>Its plan holds an undefined kind or tier.</summary>
    UndefinedPlan,

    /// <summary>Its <see cref="MonthEndAccount.PeriodIndex"/> is negative or past its schedule's <see cref="BillingSchedule.LastIndex"/>.</summary>
    PeriodOutOfRange,

    /// <summary>
    /// The instant given is at or after the first one the account cannot represent: its schedule's
    /// <see cref="BillingSchedule.End"/>, or for a catalog whose Connects expire, the first instant from which Connects
    /// acquired would expire after 9999-12-31 (as for every operation of an account: <see cref="InstantOutOfRange"/>).
    /// </summary>
    BeyondSchedule,

    /// <summary>Its lots hold more than <see cref="Connects.MaxValue"/> Connects, more than a pool can.</summary>
    TooManyConnects,

    /// <summary>Its lots are not in spend order (soonest expiry first, then oldest), as a pool keeps them.</summary>
    LotsNotInSpendOrder,
}

/// <summary>An account given to <c>MonthEndBatch.Close</c> cannot be closed.</summary>
/// <param name="Account">Its index in the batch.</param>
/// <param name="Problem">What is wrong with it.</param>
public sealed record InvalidMonthEndAccount(int Account, MonthEndAccountProblem Problem) : DomainError
{
    /// <inheritdoc/>
    public override string Message => $"Account {Account} cannot be closed: {Problem}.";
}

/// <summary>
/// The month-end job over many accounts at once (DOMAIN §3, §8): closes every billing period that ended at or before
/// the given instant, for each account exactly as <see cref="Accounts.AgencyAccount.CloseElapsedPeriods"/> does for one
/// (the same rule: <see cref="MonthEndRule"/>), and then removes lots that expired up to that instant. It reads and
/// writes compact state in caller-owned buffers, so its cost grows linearly with the accounts and it allocates
/// nothing per account.
/// </summary>
public static class MonthEndBatch
{
    /// <summary>Closes the elapsed periods of every account, recording a bill line per fee charged.</summary>
    /// <param name="catalog">The catalog the accounts' plans come from.</param>
    /// <param name="at">Now: every period ending at or before it is closed.</param>
    /// <param name="accounts">The accounts before.</param>
    /// <param name="lots">The lot buffer <paramref name="accounts"/> point into.</param>
    /// <param name="closedAccounts">Receives the accounts after, at the same indices; as long as <paramref name="accounts"/>.</param>
    /// <param name="closedLots">Receives their lots, each account's in one run; must not overlap <paramref name="lots"/>. It needs room for every input lot plus one per period closed.</param>
    /// <param name="outcomes">Receives one outcome per account; as long as <paramref name="accounts"/>.</param>
    /// <param name="fees">Receives one line per fee charged (at most one per period closed).</param>
    /// <returns>
    /// How much of <paramref name="closedLots"/> and <paramref name="fees"/> was written, or:
    /// <see cref="MonthEndBufferTooShort"/> when an output buffer runs out of room; <see cref="InvalidMonthEndAccount"/>
    /// for the first account that cannot be closed (<see cref="MonthEndAccountProblem"/>: no schedule, lots outside
    /// <paramref name="lots"/>, an undefined plan, a period index outside its schedule, <paramref name="at"/> past what
    /// it can represent, more Connects than a pool holds, lots out of spend order). On an error
    /// the inputs are untouched and the output buffers hold a partial result that must not be used.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="catalog"/> is null.</exception>
    public static OneOf<MonthEndBatchResult, MonthEndBufferTooShort, InvalidMonthEndAccount> Close(
        PlanCatalog catalog,
        Instant at,
        ReadOnlySpan<MonthEndAccount> accounts,
        ReadOnlySpan<Lot> lots,
        Span<MonthEndAccount> closedAccounts,
        Span<Lot> closedLots,
        Span<MonthEndOutcome> outcomes,
        Span<MonthEndFee> fees)
    {
        var records = new FeeRecords(fees);
        return Close(catalog, at, accounts, lots, closedAccounts, closedLots, outcomes, ref records);
    }

    /// <summary>
    /// Closes the elapsed periods of every account, recording every period closed and every expiry: what
    /// <see cref="Accounts.AgencyAccount.CloseElapsedPeriods"/> records as events, for a whole chunk of accounts in one
    /// call. <see cref="Accounts.MonthEndChunk"/> turns them back into each account's events and snapshot.
    /// </summary>
    /// <param name="catalog">The catalog the accounts' plans come from.</param>
    /// <param name="at">Now: every period ending at or before it is closed.</param>
    /// <param name="accounts">The accounts before.</param>
    /// <param name="lots">The lot buffer <paramref name="accounts"/> point into.</param>
    /// <param name="closedAccounts">Receives the accounts after, at the same indices; as long as <paramref name="accounts"/>.</param>
    /// <param name="closedLots">Receives their lots, each account's in one run; must not overlap <paramref name="lots"/>. It needs room for every input lot plus one per period closed.</param>
    /// <param name="outcomes">Receives one outcome per account; as long as <paramref name="accounts"/>.</param>
    /// <param name="periods">Receives one record per period closed, account after account, each account's in order.</param>
    /// <param name="expiries">Receives one record per instant lots expired at before a period's end or up to <paramref name="at"/>, account after account, each account's in time order.</param>
    /// <returns>
    /// How much of <paramref name="closedLots"/>, <paramref name="periods"/> and <paramref name="expiries"/> was written,
    /// or the errors of the other overload (<see cref="MonthEndBufferTooShort"/> names <c>periods</c> or
    /// <c>expiries</c> when one of those runs out of room).
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="catalog"/> is null.</exception>
    public static OneOf<MonthEndBatchResult, MonthEndBufferTooShort, InvalidMonthEndAccount> Close(
        PlanCatalog catalog,
        Instant at,
        ReadOnlySpan<MonthEndAccount> accounts,
        ReadOnlySpan<Lot> lots,
        Span<MonthEndAccount> closedAccounts,
        Span<Lot> closedLots,
        Span<MonthEndOutcome> outcomes,
        Span<MonthEndPeriod> periods,
        Span<MonthEndExpiry> expiries)
    {
        var records = new EventRecords(periods, expiries);
        return Close(catalog, at, accounts, lots, closedAccounts, closedLots, outcomes, ref records);
    }

    /// <summary>The loop: closes every account, writing what <paramref name="records"/> records; returns how much of each buffer was written.</summary>
    // Never inlined into a caller: the loop is the hot code, and inlined it would share the caller's inlining budget,
    // leaving the rollover and the calendar arithmetic as calls (measured: twice as slow once the caller tiered up).
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static OneOf<MonthEndBatchResult, MonthEndBufferTooShort, InvalidMonthEndAccount> Close<TRecords>(
        PlanCatalog catalog,
        Instant at,
        ReadOnlySpan<MonthEndAccount> accounts,
        ReadOnlySpan<Lot> lots,
        Span<MonthEndAccount> closedAccounts,
        Span<Lot> closedLots,
        Span<MonthEndOutcome> outcomes,
        ref TRecords records)
        where TRecords : IMonthEndRecords, allows ref struct
    {
        Guard.NotNull(catalog);
        if (closedAccounts.Length < accounts.Length)
        {
            return new MonthEndBufferTooShort(nameof(closedAccounts), closedAccounts.Length);
        }

        if (outcomes.Length < accounts.Length)
        {
            return new MonthEndBufferTooShort(nameof(outcomes), outcomes.Length);
        }

        // Period ends and expiries are compared with now in the form lots keep instants.
        LotInstant now = LotInstant.From(at);
        int lotCursor = 0;
        for (int i = 0; i < accounts.Length; i++)
        {
            ref readonly MonthEndAccount account = ref accounts[i];
            if (Check(catalog, account, at, lots, out int balance) is { } problem)
            {
                return new InvalidMonthEndAccount(i, problem);
            }

            BillingSchedule schedule = account.Schedule;
            ReadOnlySpan<Lot> own = lots.Slice(account.LotStart, account.LotCount);
            Span<Lot> work = closedLots.Slice(lotCursor);
            if (own.Length > work.Length)
            {
                return new MonthEndBufferTooShort(nameof(closedLots), i);
            }

            Plan plan = account.Plan;
            bool downgrade = account.DowngradeScheduled;
            int periodIndex = account.PeriodIndex;
            LotInstant periodEnd = schedule.EndOf(periodIndex);
            int count = own.Length;
            int closes = 0;
            long expired = 0;
            long forfeited = 0;
            long granted = 0;
            long withheld = 0;
            Connects carried = Connects.Zero;
            if (periodEnd > now)
            {
                own.CopyTo(work);
            }
            else
            {
                DateTimeZone zone = schedule.Zone;
                ReadOnlySpan<Lot> before = own;
                do
                {
                    // Lots expiring before the period's end are gone before it closes (a one-account close records
                    // them first); in spend order they are a prefix. Unless they are recorded, the close counts them.
                    int gone = 0;
                    while (TRecords.RecordsExpiries && gone < before.Length && before[gone].ExpiresBefore(periodEnd))
                    {
                        expired += before[gone].QuantityValue;
                        gone++;
                    }

                    if (TRecords.RecordsExpiries && gone > 0)
                    {
                        if (records.Expired(i, before.Slice(0, gone)) is { } full)
                        {
                            return new MonthEndBufferTooShort(full, i);
                        }

                        before = before.Slice(gone);
                    }

                    PeriodClose close = MonthEndRule.Close(catalog, plan, downgrade, periodEnd, zone, before, work, out count);
                    if (records.Period(i, periodIndex, close, plan, catalog.MonthEnd(close.NextPlan).ChargesFee, periodEnd) is { } tooShort)
                    {
                        return new MonthEndBufferTooShort(tooShort, i);
                    }

                    LotInstant periodStart = periodEnd;
                    plan = close.NextPlan;
                    downgrade = false;
                    periodIndex++;
                    periodEnd = schedule.EndOf(periodIndex);
                    closes++;
                    expired = checked(expired + close.Rollover.Expired.Value);
                    forfeited = checked(forfeited + close.Rollover.Forfeited.Value);
                    carried = close.Rollover.CarriedOver;
                    if (!close.Next.Granted.IsZero)
                    {
                        if (count == work.Length)
                        {
                            return new MonthEndBufferTooShort(nameof(closedLots), i);
                        }

                        work[count] = new Lot(LotSource.Allotment, close.Next.Granted, periodStart, close.Next.GrantExpiresAt);
                        count = MoveLastIntoPlace(work, count + 1);
                        granted = checked(granted + close.Next.Granted.Value);
                    }

                    withheld += close.Next.Withheld.Value;

                    // The grant is capped so that the pool stays within Connects.MaxValue: this cannot overflow.
                    balance = carried.Value + close.Next.Granted.Value;
                    before = work.Slice(0, count);
                }
                while (periodEnd <= now);
            }

            // Lots are in spend order, soonest expiry first: the lots expired by now are a prefix.
            Span<Lot> mine = work.Slice(0, count);
            int expiredNow = 0;
            while (expiredNow < mine.Length && mine[expiredNow].IsExpiredAt(now))
            {
                expired = checked(expired + mine[expiredNow].QuantityValue);
                balance -= mine[expiredNow].QuantityValue;
                expiredNow++;
            }

            if (expiredNow > 0)
            {
                if (records.Expired(i, mine.Slice(0, expiredNow)) is { } full)
                {
                    return new MonthEndBufferTooShort(full, i);
                }

                mine.Slice(expiredNow).CopyTo(mine);
                mine = mine.Slice(0, count - expiredNow);
            }

            closedAccounts[i] = new MonthEndAccount(plan, schedule, periodIndex, downgrade, lotCursor, mine.Length);
            outcomes[i] = new MonthEndOutcome(closes, expired, forfeited, carried, granted, Connects.Of(balance), withheld);
            lotCursor += mine.Length;
        }

        return records.Result(lotCursor);
    }

    /// <summary>What keeps an account from being closed up to <paramref name="at"/>, if anything; and when nothing does, the Connects in its lots.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static MonthEndAccountProblem? Check(PlanCatalog catalog, in MonthEndAccount account, Instant at, ReadOnlySpan<Lot> lots, out int balance)
    {
        balance = 0;
        if (account.Schedule is not { } schedule)
        {
            return MonthEndAccountProblem.NoSchedule;
        }

        if (unchecked((uint)account.LotStart > (uint)lots.Length || (uint)account.LotCount > (uint)(lots.Length - account.LotStart)))
        {
            return MonthEndAccountProblem.LotsOutsideBuffer;
        }

        if (unchecked((uint)account.Plan.Kind > 1 || (uint)account.Plan.Tier > 1))
        {
            return MonthEndAccountProblem.UndefinedPlan;
        }

        if (unchecked((uint)account.PeriodIndex > (uint)schedule.LastIndex))
        {
            return MonthEndAccountProblem.PeriodOutOfRange;
        }

        if (at >= ConnectsLifetimes.NoLimitBefore && at >= ConnectsLifetimes.Limit(catalog, schedule.Zone, schedule.End, upgrade: false))
        {
            return MonthEndAccountProblem.BeyondSchedule;
        }

        // A pool holds at most Connects.MaxValue, in spend order: the rollover and the expiry of a prefix rely on both.
        ReadOnlySpan<Lot> own = lots.Slice(account.LotStart, account.LotCount);
        long total = 0;
        for (int i = 0; i < own.Length; i++)
        {
            total += own[i].QuantityValue;
            if (i > 0 && own[i].SpendsBefore(own[i - 1]))
            {
                return MonthEndAccountProblem.LotsNotInSpendOrder;
            }
        }

        if (total > Connects.MaxValue.Value)
        {
            return MonthEndAccountProblem.TooManyConnects;
        }

        balance = (int)total;
        return null;
    }

    /// <summary>
    /// Moves the last of the first <paramref name="count"/> lots of <paramref name="lots"/> back to its place in spend
    /// order (the others are in it); returns <paramref name="count"/>. Written in place, the new lot is not copied
    /// when it already is last, as a new allotment usually is.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int MoveLastIntoPlace(Span<Lot> lots, int count)
    {
        for (int index = count - 1; index > 0 && lots[index].SpendsBefore(lots[index - 1]); index--)
        {
            (lots[index], lots[index - 1]) = (lots[index - 1], lots[index]);
        }

        return count;
    }
}
