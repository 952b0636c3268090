using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using System.Runtime.InteropServices;
using AgencyConnects.Domain.Billing;
using AgencyConnects.Domain.Internal;
using AgencyConnects.Domain.MonthEnd;
using AgencyConnects.Domain.Plans;
using AgencyConnects.Domain.Pool;
using AgencyConnects.Domain.Values;
using NodaTime;
using OneOf;

using LeftOut = OneOf.OneOf<
    AgencyConnects.Domain.Plans.UnknownCatalog,
    AgencyConnects.Domain.Accounts.UnknownTimeZone,
    AgencyConnects.Domain.Accounts.InvalidSnapshot,
    AgencyConnects.Domain.Accounts.AgencyIsClosed,
    AgencyConnects.Domain.Values.InvalidArgument>;

namespace AgencyConnects.Domain.Accounts;

/// <summary>What the month-end close did to one account of a <see cref="MonthEndChunk"/>.</summary>
/// <param name="Snapshot">
/// The account's snapshot after the close: what <c>Load(snapshot, []).CloseElapsedPeriods(at)</c> followed by
/// <c>ToSnapshot()</c> gives. The snapshot given, unchanged, when nothing was due (<see cref="Events"/> is empty).
/// </param>
/// <param name="Events">Exactly the events <see cref="AgencyAccount.CloseElapsedPeriods"/> (or <see cref="FreelancerAccount.CloseElapsedPeriods"/>) returns, to store after the snapshot's version.</param>
/// <param name="Outcome">The sums of the close: periods closed, Connects expired, forfeited, carried over and granted, the balance after.</param>
/// <param name="NextCloseAt">The end of the account's current period after the close: when its next month end is due (a host indexes its accounts by it).</param>
public sealed record MonthEndClosed(AccountSnapshot Snapshot, IReadOnlyList<AccountEvent> Events, MonthEndOutcome Outcome, Instant NextCloseAt);

/// <summary>
/// The month-end close of a chunk of stored accounts at once (DOMAIN §8, §9): the host reads the snapshots of the
/// accounts whose period ended, <see cref="Close"/> runs <see cref="MonthEndBatch"/> over their compact form, and each
/// account comes back as the snapshot and the events a one-account <c>CloseElapsedPeriods</c> would give — so a host
/// that stores events and snapshots writes a whole chunk from one call. The batch's loop allocates nothing per account;
/// the snapshots and events are built when <see cref="Result"/> asks for them.
/// </summary>
/// <remarks>
/// Accounts of different catalogs may share a chunk (each catalog is closed by its own batch). An account that cannot
/// be closed at the chunk's instant is left out with the error a one-account load and close would give, so one bad
/// row does not stop a chunk: see <see cref="Result"/>.
/// </remarks>
public sealed class MonthEndChunk
{
    private readonly AccountSnapshot[] _snapshots;
    private readonly Entry[] _entries;
    private readonly Batch[] _batches;

    private MonthEndChunk(Instant at, AccountSnapshot[] snapshots, Entry[] entries, Batch[] batches)
    {
        At = at;
        _snapshots = snapshots;
        _entries = entries;
        _batches = batches;
    }

    /// <summary>The instant the chunk was closed at: every period ending at or before it is closed.</summary>
    public Instant At { get; }

    /// <summary>How many snapshots the chunk was given (closed or left out).</summary>
    public int Count => _snapshots.Length;

    /// <summary>Closes every elapsed billing period of every account, and removes the lots expired by <paramref name="at"/>.</summary>
    /// <param name="at">Now: every period ending at or before it is closed.</param>
    /// <param name="snapshots">The accounts, as snapshots (<see cref="ConnectsAccount.ToSnapshot"/>); agencies and freelancers alike.</param>
    /// <param name="catalogs">Resolves the catalogs the snapshots name; <see cref="PlanCatalogRegistry.Default"/> when null.</param>
    /// <param name="zones">Resolves their time zones; NodaTime's TZDB provider when null.</param>
    /// <returns>The chunk, whose <see cref="Result"/> gives each account's snapshot and events after.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="snapshots"/> or one of them is null.</exception>
    public static MonthEndChunk Close(
        Instant at, IReadOnlyList<AccountSnapshot> snapshots, PlanCatalogRegistry? catalogs = null, IDateTimeZoneProvider? zones = null)
    {
        Guard.NotNull(snapshots);
        catalogs ??= PlanCatalogRegistry.Default;
        zones ??= DateTimeZoneProviders.Tzdb;
        var given = new AccountSnapshot[snapshots.Count];
        var entries = new Entry[given.Length];
        var batches = new List<Batch>();
        var batchOf = new Dictionary<PlanCatalog, int>(ReferenceEqualityComparer.Instance);
        var settingsCache = new Dictionary<(string Catalog, string Zone, MonthEndPolicy Policy, Duration Retention), AccountSettings>();
        var schedules = new Dictionary<(AccountSettings Settings, LocalDate Anchor), BillingSchedule>();
        for (int i = 0; i < given.Length; i++)
        {
            AccountSnapshot snapshot = given[i] = Guard.NotNull(snapshots[i]);
            OneOf<AccountSettings, UnknownCatalog, UnknownTimeZone, InvalidSnapshot> settings = SettingsOf(snapshot, catalogs, zones, settingsCache);
            if (!settings.TryPickT0(out AccountSettings resolved, out var unresolved))
            {
                entries[i] = new Entry(unresolved.Match<LeftOut>(c => c, z => z, s => s));
                continue;
            }

            entries[i] = Admit(at, snapshot, resolved, schedules, batches, batchOf);
        }

        Batch[] closed = [.. batches];
        foreach (Batch batch in closed)
        {
            batch.Close(at);
        }

        return new MonthEndChunk(at, given, entries, closed);
    }

    /// <summary>What the close did to the account at <paramref name="index"/>, in the order the snapshots were given.</summary>
    /// <param name="index">The account's index in the snapshots given to <see cref="Close"/>.</param>
    /// <returns>
    /// The account after (<see cref="MonthEndClosed"/>: its snapshot, events, outcome and next close), or why it was
    /// left out, as loading its snapshot and closing it would say: <see cref="UnknownCatalog"/>,
    /// <see cref="UnknownTimeZone"/> or <see cref="InvalidSnapshot"/> (of the fields a close reads or changes: kind,
    /// plan, anchor, period, version and last change, pending change, lots, and whose account it is; <c>Load</c> checks
    /// members and the windows when the account is next loaded), <see cref="AgencyIsClosed"/>, or <see cref="InvalidArgument"/> (<see cref="InstantBeforeLastChange"/>
    /// or <see cref="InstantOutOfRange"/> for <see cref="At"/>).
    /// </returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is negative or not below <see cref="Count"/>.</exception>
    public OneOf<MonthEndClosed, UnknownCatalog, UnknownTimeZone, InvalidSnapshot, AgencyIsClosed, InvalidArgument> Result(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        Entry entry = _entries[index];
        return entry.LeftOut is { } leftOut ? leftOut.Match<OneOf<MonthEndClosed, UnknownCatalog, UnknownTimeZone, InvalidSnapshot, AgencyIsClosed, InvalidArgument>>(
                catalog => catalog, zone => zone, invalid => invalid, closed => closed, argument => argument)
            : _batches[entry.Batch].Result(_snapshots[index], entry.Index);
    }

    private static OneOf<AccountSettings, UnknownCatalog, UnknownTimeZone, InvalidSnapshot> SettingsOf(
        AccountSnapshot snapshot,
        PlanCatalogRegistry catalogs,
        IDateTimeZoneProvider zones,
        Dictionary<(string, string, MonthEndPolicy, Duration), AccountSettings> cache)
    {
        var key = (snapshot.Catalog ?? string.Empty, snapshot.Zone ?? string.Empty, snapshot.Policy, snapshot.RequestRetention);
        if (cache.TryGetValue(key, out AccountSettings? known))
        {
            return known;
        }

        var settings = AccountState.SettingsOf(snapshot, catalogs, zones);
        if (settings.TryPickT0(out AccountSettings resolved, out _))
        {
            cache.Add(key, resolved);
        }

        return settings;
    }

    /// <summary>Checks an account as loading and closing it would, and when it can be closed, adds it to the batch of its catalog.</summary>
    private static Entry Admit(
        Instant at,
        AccountSnapshot snapshot,
        AccountSettings settings,
        Dictionary<(AccountSettings, LocalDate), BillingSchedule> schedules,
        List<Batch> batches,
        Dictionary<PlanCatalog, int> batchOf)
    {
        if (snapshot.Kind is not (AccountKind.Agency or AccountKind.Freelancer))
        {
            return new Entry(new InvalidSnapshot(nameof(snapshot.Kind), $"{snapshot.Kind} is not a kind of account"));
        }

        schedules.TryGetValue((settings, snapshot.Anchor), out BillingSchedule? known);
        if (!AccountState.CheckBilling(snapshot, snapshot.Kind, settings, known).TryPickT0(out var billing, out InvalidSnapshot invalid))
        {
            return new Entry(invalid);
        }

        schedules.TryAdd((settings, snapshot.Anchor), billing.Schedule);
        // Who the account is does not change at month end; what decides whether it closes is checked as Load checks it.
        if (snapshot.Kind == AccountKind.Freelancer && (snapshot.Principal.IsEmpty || snapshot.Agency is not null || snapshot.IsClosed || !snapshot.Members.IsDefaultOrEmpty))
        {
            return new Entry(new InvalidSnapshot(nameof(snapshot.Principal), "a freelancer snapshot names its holder, and no agency, members or closing"));
        }

        if (snapshot.Kind == AccountKind.Agency && snapshot.Agency is not { IsEmpty: false })
        {
            return new Entry(new InvalidSnapshot(nameof(snapshot.Agency), "an agency snapshot names no agency"));
        }

        if (snapshot.IsClosed)
        {
            return new Entry(new AgencyIsClosed(snapshot.Agency!.Value));
        }

        if (at < snapshot.LastChangedAt)
        {
            return new Entry(new InstantBeforeLastChange(at, snapshot.LastChangedAt));
        }

        if (at >= ConnectsLifetimes.NoLimitBefore)
        {
            Instant limit = ConnectsLifetimes.Limit(settings.Catalog, settings.Zone, billing.Schedule.End, upgrade: false);
            if (at >= limit)
            {
                return new Entry(new InstantOutOfRange(at, limit));
            }
        }

        if (!batchOf.TryGetValue(settings.Catalog, out int batch))
        {
            batch = batches.Count;
            batches.Add(new Batch(settings.Catalog));
            batchOf.Add(settings.Catalog, batch);
        }

        return new Entry(batch, batches[batch].Add(snapshot, billing.Schedule));
    }

    /// <summary>An account of the chunk: where it is in its batch, or why it was left out.</summary>
    private readonly record struct Entry(int Batch, int Index, LeftOut? LeftOut)
    {
        public Entry(LeftOut leftOut)
            : this(-1, -1, leftOut)
        {
        }

        public Entry(int batch, int index)
            : this(batch, index, null)
        {
        }
    }

    /// <summary>The accounts of one catalog, in the compact form <see cref="MonthEndBatch"/> closes, and what it wrote.</summary>
    private sealed class Batch(PlanCatalog catalog)
    {
        private readonly List<MonthEndAccount> _accounts = [];
        private readonly List<Lot> _lots = [];
        private MonthEndAccount[] _closed = [];
        private Lot[] _closedLots = [];
        private MonthEndOutcome[] _outcomes = [];
        private MonthEndPeriod[] _periods = [];
        private MonthEndExpiry[] _expiries = [];
        private (int Start, int Count)[] _periodRuns = [];
        private (int Start, int Count)[] _expiryRuns = [];

        public PlanCatalog Catalog { get; } = catalog;

        public int Add(AccountSnapshot snapshot, BillingSchedule schedule)
        {
            ImmutableArray<Lot> lots = snapshot.Lots;
            _accounts.Add(new MonthEndAccount(snapshot.Plan, schedule, snapshot.PeriodIndex, snapshot.PendingChange is not null, _lots.Count, lots.Length));
            _lots.AddRange(lots);
            return _accounts.Count - 1;
        }

        public void Close(Instant at)
        {
            ReadOnlySpan<MonthEndAccount> accounts = CollectionsMarshal.AsSpan(_accounts);
            ReadOnlySpan<Lot> lots = CollectionsMarshal.AsSpan(_lots);
            _closed = new MonthEndAccount[accounts.Length];
            _outcomes = new MonthEndOutcome[accounts.Length];

            // Room for every lot plus a period's allotment per account, and a period and an expiry per account: the
            // usual month end. A longer one (an account closing several periods) doubles the buffers and runs again.
            int room = accounts.Length + 1;
            while (true)
            {
                _closedLots = new Lot[lots.Length + room];
                _periods = new MonthEndPeriod[room];
                _expiries = new MonthEndExpiry[lots.Length + room];
                var closed = MonthEndBatch.Close(Catalog, at, accounts, lots, _closed, _closedLots, _outcomes, _periods, _expiries);
                if (closed.TryPickT0(out MonthEndBatchResult written, out var error))
                {
                    _periodRuns = Runs(_periods.AsSpan(0, written.PeriodsWritten), accounts.Length, static p => p.Account);
                    _expiryRuns = Runs(_expiries.AsSpan(0, written.ExpiriesWritten), accounts.Length, static e => e.Account);
                    return;
                }

                if (error.TryPickT1(out InvalidMonthEndAccount invalid, out _))
                {
                    throw new UnreachableException($"The chunk admitted an account the batch refuses: {invalid.Message}");
                }

                room = checked(room * 2);
            }
        }

        public MonthEndClosed Result(AccountSnapshot before, int index)
        {
            MonthEndAccount after = _closed[index];
            MonthEndOutcome outcome = _outcomes[index];
            BillingSchedule schedule = after.Schedule;
            Instant nextCloseAt = schedule.EndOf(after.PeriodIndex).ToInstant();
            List<AccountEvent> events = EventsOf(before, index, schedule);
            if (events.Count == 0)
            {
                return new MonthEndClosed(before, events, outcome, nextCloseAt);
            }

            Instant last = events[^1].At;
            Duration retention = before.RequestRetention;
            AccountSnapshot snapshot = before with
            {
                Plan = after.Plan,
                PeriodIndex = after.PeriodIndex,
                PendingChange = outcome.PeriodsClosed > 0 ? null : before.PendingChange,
                Lots = [.. _closedLots.AsSpan(after.LotStart, after.LotCount)],

                // The windows as applying the events leaves them: oldest first, without what the last event's instant passed.
                Requests = [.. (before.Requests.IsDefault ? [] : before.Requests)
                    .OrderBy(request => request.At)
                    .Where(request => AccountState.RetainedUntil(request.At, retention) > last)],
                ClosedProposals = [.. (before.ClosedProposals.IsDefault ? [] : before.ClosedProposals)
                    .OrderBy(proposal => proposal.ClosedAt)
                    .Select(proposal => (Proposal: proposal, Until: AccountState.RetainedUntil(proposal.ClosedAt, retention)))
                    .Where(kept => kept.Until > last)
                    .Select(kept => kept.Until - retention == kept.Proposal.ClosedAt ? kept.Proposal : kept.Proposal with { ClosedAt = kept.Until - retention })],
                Version = before.Version + events.Count,
                LastChangedAt = last,
            };
            return new MonthEndClosed(snapshot, events, outcome, nextCloseAt);
        }

        /// <summary>The events of one account, in the order a one-account close records them.</summary>
        private List<AccountEvent> EventsOf(AccountSnapshot before, int index, BillingSchedule schedule)
        {
            (int periodStart, int periodCount) = _periodRuns[index];
            (int expiryStart, int expiryCount) = _expiryRuns[index];
            var events = new List<AccountEvent>((periodCount * 4) + expiryCount);
            int expiry = expiryStart;
            int expiryEnd = expiryStart + expiryCount;
            for (int p = periodStart; p < periodStart + periodCount; p++)
            {
                MonthEndPeriod period = _periods[p];
                BillingPeriod ended = schedule.Period(period.PeriodIndex).AsT0;
                for (; expiry < expiryEnd && _expiries[expiry].At < ended.End; expiry++)
                {
                    events.Add(new ConnectsExpired(_expiries[expiry].At, _expiries[expiry].Quantity));
                }

                Instant at = ended.End;
                events.Add(new PeriodClosed(at, ended, period.Rollover));
                if (p == periodStart && before.PendingChange is { } pending)
                {
                    events.Add(new PlanChanged(at, period.Plan, period.NextPlan, pending.Reason));
                }

                if (!period.Granted.IsZero || !period.Withheld.IsZero)
                {
                    events.Add(new ConnectsGranted(at, period.Granted, period.GrantExpiresAt, period.Withheld));
                }

                Money fee = Catalog.MonthEnd(period.NextPlan).Fee;
                if (!fee.IsZero)
                {
                    BillingPeriod next = schedule.Period(period.PeriodIndex + 1).AsT0;
                    events.Add(new FeeCharged(at, new BillLine(BillLineKind.PeriodFee, at, period.NextPlan, fee, next)));
                }
            }

            for (; expiry < expiryEnd; expiry++)
            {
                events.Add(new ConnectsExpired(_expiries[expiry].At, _expiries[expiry].Quantity));
            }

            return events;
        }

        /// <summary>Where each account's records start and how many there are (an account's records are written together, accounts in order).</summary>
        private static (int Start, int Count)[] Runs<T>(ReadOnlySpan<T> records, int accounts, Func<T, int> accountOf)
        {
            var runs = new (int Start, int Count)[accounts];
            for (int i = 0; i < records.Length; i++)
            {
                int account = accountOf(records[i]);
                runs[account] = runs[account].Count == 0 ? (i, 1) : (runs[account].Start, runs[account].Count + 1);
            }

            return runs;
        }
    }
}
