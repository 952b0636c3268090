using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using AgencyConnects.Domain.Billing;
using AgencyConnects.Domain.Internal;
using AgencyConnects.Domain.Pool;
using AgencyConnects.Domain.Proposals;
using AgencyConnects.Domain.Values;
using NodaTime;

namespace AgencyConnects.Domain.Accounts;

/// <summary>
/// The history of an account — its ledger, bill lines and every proposal with its outcome — as a projection of its
/// events (DOMAIN §9). An account holds only what its next operation needs; what only grows lives here, built from
/// the events the host stored: all of them (<see cref="Of"/>), a range it queried (<see cref="For"/> then
/// <see cref="Apply"/>), or one event at a time to keep the host's own tables current (<see cref="LedgerEntriesOf"/>,
/// <see cref="BillLineOf"/>). Immutable.
/// </summary>
/// <remarks>
/// The numbers are the ones the operations decided: <see cref="Ledger"/> sums to the balance when the history holds
/// every event of the account; <see cref="Bill(Instant, Instant)"/> lists the fee and purchase lines charged in a range.
/// A history that starts in the middle of a stream (a range) still gives every ledger entry and bill line of its
/// events, since each event carries what its entries need; only <see cref="Proposals"/> misses the proposals
/// submitted before the range.
/// </remarks>
public sealed class AccountHistory
{
    private readonly AppendOnlyList<LedgerEntry> _ledger;
    private readonly AppendOnlyList<BillLine> _billLines;
    private readonly PersistentMap<ProposalId, Proposal> _proposals;
    private readonly AppendOnlyList<ProposalId> _proposalOrder;
    private readonly ImmutableList<Proposal> _submissions;
    private readonly PersistentMap<ProposalId, int> _latestSubmission;

    private AccountHistory(
        AccountSettings settings, AppendOnlyList<LedgerEntry> ledger, AppendOnlyList<BillLine> billLines,
        PersistentMap<ProposalId, Proposal> proposals, AppendOnlyList<ProposalId> proposalOrder,
        ImmutableList<Proposal> submissions, PersistentMap<ProposalId, int> latestSubmission)
    {
        Settings = settings;
        _ledger = ledger;
        _billLines = billLines;
        _proposals = proposals;
        _proposalOrder = proposalOrder;
        _submissions = submissions;
        _latestSubmission = latestSubmission;
    }

    /// <summary>How the account is billed: the currency of its bills and the zone of its local dates.</summary>
    public AccountSettings Settings { get; }

    /// <summary>Every change to the pool, oldest first.</summary>
    public IReadOnlyList<LedgerEntry> Ledger => _ledger;

    /// <summary>Every bill line, oldest first.</summary>
    public IReadOnlyList<BillLine> BillLines => _billLines;

    /// <summary>
    /// The proposals submitted in the events applied, open or closed, with their outcomes, by identifier, in the order
    /// each identifier was first submitted. An identifier may be used again once its proposal closed and the retention
    /// window passed: this view holds the latest proposal of each identifier; <see cref="Submissions"/> holds them all.
    /// </summary>
    public IReadOnlyDictionary<ProposalId, Proposal> Proposals => new OrderedView<ProposalId, Proposal>(_proposals, _proposalOrder);

    /// <summary>Every proposal submitted in the events applied, with its outcome, in submission order (an identifier used again appears again).</summary>
    public IReadOnlyList<Proposal> Submissions => _submissions;

    /// <summary>An empty history of an account billed with <paramref name="settings"/>, to apply a range of its events to.</summary>
    /// <param name="settings">The account's settings (<see cref="ConnectsAccount.Settings"/>).</param>
    /// <returns>The empty history.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="settings"/> is null.</exception>
    public static AccountHistory For(AccountSettings settings)
        => new(
            Guard.NotNull(settings), AppendOnlyList<LedgerEntry>.Empty, AppendOnlyList<BillLine>.Empty, PersistentMap<ProposalId, Proposal>.Empty,
            AppendOnlyList<ProposalId>.Empty, ImmutableList<Proposal>.Empty, PersistentMap<ProposalId, int>.Empty);

    /// <summary>The history of a whole stream, the first event being <see cref="AgencyCreated"/> or <see cref="FreelancerAccountOpened"/>.</summary>
    /// <param name="events">Every event of the account, in order.</param>
    /// <returns>The history.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="events"/> is null.</exception>
    /// <exception cref="ArgumentException">The events do not start with the account's creation.</exception>
    public static AccountHistory Of(IEnumerable<AccountEvent> events)
    {
        Guard.NotNull(events);
        AccountHistory? history = null;
        foreach (AccountEvent accountEvent in events)
        {
            history ??= accountEvent switch
            {
                AgencyCreated created => For(created.Settings),
                FreelancerAccountOpened opened => For(opened.Settings),
                _ => throw new ArgumentException("The first event must create the account.", nameof(events)),
            };
            history = history.Apply(accountEvent);
        }

        return history ?? throw new ArgumentException("There are no events.", nameof(events));
    }

    /// <summary>The history with one more event of the account.</summary>
    /// <param name="accountEvent">The account's next event.</param>
    /// <returns>The history after it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="accountEvent"/> is null.</exception>
    public AccountHistory Apply(AccountEvent accountEvent)
    {
        AppendOnlyList<LedgerEntry> ledger = _ledger;
        foreach (LedgerEntry entry in LedgerEntriesOf(accountEvent))
        {
            ledger = ledger.Add(entry);
        }

        AppendOnlyList<BillLine> billLines = BillLineOf(accountEvent) is { } line ? _billLines.Add(line) : _billLines;
        PersistentMap<ProposalId, Proposal> proposals = _proposals;
        AppendOnlyList<ProposalId> order = _proposalOrder;
        ImmutableList<Proposal> submissions = _submissions;
        PersistentMap<ProposalId, int> latest = _latestSubmission;
        if (accountEvent is ProposalSubmitted submitted)
        {
            // An identifier may be used again once its proposal closed and the retention window passed: the latest counts.
            if (!proposals.ContainsKey(submitted.Proposal.Id))
            {
                order = order.Add(submitted.Proposal.Id);
            }

            proposals = proposals.SetItem(submitted.Proposal.Id, submitted.Proposal);
            latest = latest.SetItem(submitted.Proposal.Id, submissions.Count);
            submissions = submissions.Add(submitted.Proposal);
        }
        else if (accountEvent is ProposalOutcomeRecorded recorded && proposals.TryGetValue(recorded.Proposal, out Proposal? proposal))
        {
            Proposal after = proposal.After(recorded.Outcome, recorded.Refund);
            proposals = proposals.SetItem(proposal.Id, after);
            submissions = submissions.SetItem(latest[proposal.Id], after);
        }

        return new AccountHistory(Settings, ledger, billLines, proposals, order, submissions, latest);
    }

    /// <summary>The ledger entries in [<paramref name="from"/>, <paramref name="to"/>), oldest first; found by binary search (entries are in time order).</summary>
    /// <param name="from">The first instant included.</param>
    /// <param name="to">The first instant excluded.</param>
    /// <returns>The entries; empty when <paramref name="to"/> is not after <paramref name="from"/>.</returns>
    public ImmutableArray<LedgerEntry> LedgerBetween(Instant from, Instant to)
    {
        if (to <= from)
        {
            return [];
        }

        int start = FirstIndexAtOrAfter(from);
        int end = FirstIndexAtOrAfter(to);
        var builder = ImmutableArray.CreateBuilder<LedgerEntry>(end - start);
        for (int i = start; i < end; i++)
        {
            builder.Add(_ledger[i]);
        }

        return builder.MoveToImmutable();
    }

    /// <summary>What the account was charged in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    /// <param name="from">The first instant included.</param>
    /// <param name="to">The first instant excluded.</param>
    /// <returns>The bill, in the currency of the account's catalog.</returns>
    public Bill Bill(Instant from, Instant to)
    {
        var lines = ImmutableArray.CreateBuilder<BillLine>();
        decimal total = 0m;
        foreach (BillLine line in _billLines)
        {
            if (line.At >= from && line.At < to)
            {
                lines.Add(line);
                total += line.Amount.Amount;
            }
        }

        return new Bill(from, to, lines.ToImmutable(), Money.Create(total, Settings.Catalog.Currency).AsT0);
    }

    /// <summary>What the account was charged in one billing period: the fee that opened it and what was bought during it.</summary>
    /// <param name="period">The period.</param>
    /// <returns>The bill of [<see cref="BillingPeriod.Start"/>, <see cref="BillingPeriod.End"/>).</returns>
    public Bill Bill(BillingPeriod period) => Bill(period.Start, period.End);

    /// <summary>What the account was charged on the local dates <paramref name="dates"/> (both ends included) in its time zone.</summary>
    /// <param name="dates">The dates, as in "January 2025".</param>
    /// <returns>The bill from the start of the first date to the start of the day after the last, in <see cref="AccountSettings.Zone"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="dates"/> is null.</exception>
    public Bill Bill(DateInterval dates)
    {
        (Instant from, Instant to) = LocalDates.InZone(dates, Settings.Zone);
        return Bill(from, to);
    }

    /// <summary>Connects spent and refunded per person over [<paramref name="from"/>, <paramref name="to"/>), as assignee and as submitter.</summary>
    /// <param name="from">The first instant included.</param>
    /// <param name="to">The first instant excluded.</param>
    /// <returns>The report.</returns>
    public UsageReport Usage(Instant from, Instant to) => UsageReport.Build(LedgerBetween(from, to), from, to);

    /// <summary>Connects spent and refunded per person in one billing period.</summary>
    /// <param name="period">The period.</param>
    /// <returns>The report of [<see cref="BillingPeriod.Start"/>, <see cref="BillingPeriod.End"/>).</returns>
    public UsageReport Usage(BillingPeriod period) => Usage(period.Start, period.End);

    /// <summary>Connects spent and refunded per person on the local dates <paramref name="dates"/> (both ends included) in the account's zone.</summary>
    /// <param name="dates">The dates.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="dates"/> is null.</exception>
    public UsageReport Usage(DateInterval dates)
    {
        (Instant from, Instant to) = LocalDates.InZone(dates, Settings.Zone);
        return Usage(from, to);
    }

    /// <summary>
    /// The ledger entries one event records, in order: what a host appends to its ledger table for the event. The
    /// balance after an event is the balance before plus the sum of its entries' <see cref="LedgerEntry.Delta"/>.
    /// </summary>
    /// <param name="accountEvent">The event.</param>
    /// <returns>Its entries; empty for events that do not change the pool.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="accountEvent"/> is null.</exception>
    public static ImmutableArray<LedgerEntry> LedgerEntriesOf(AccountEvent accountEvent)
    {
        Guard.NotNull(accountEvent);
        switch (accountEvent)
        {
            case ConnectsGranted { Quantity.IsZero: false } granted:
                return [new LedgerEntry(LedgerEntryKind.Granted, granted.Quantity, granted.At)];
            case ConnectsBought bought:
                return [new LedgerEntry(LedgerEntryKind.Bought, bought.Quantity, bought.At, bought.Actor)];
            case ConnectsExpired { Quantity.IsZero: false } expired:
                return [new LedgerEntry(LedgerEntryKind.Expired, expired.Quantity, expired.At)];
            case PeriodClosed closed:
                var entries = ImmutableArray.CreateBuilder<LedgerEntry>(3);
                RolloverOutcome outcome = closed.Outcome;
                if (!outcome.Expired.IsZero)
                {
                    entries.Add(new LedgerEntry(LedgerEntryKind.Expired, outcome.Expired, closed.At));
                }

                if (!outcome.Forfeited.IsZero)
                {
                    entries.Add(new LedgerEntry(LedgerEntryKind.Forfeited, outcome.Forfeited, closed.At));
                }

                if (!outcome.CarriedOver.IsZero)
                {
                    entries.Add(new LedgerEntry(LedgerEntryKind.CarriedOver, outcome.CarriedOver, closed.At));
                }

                return entries.DrainToImmutable();
            case ProposalSubmitted { Proposal: var proposal } submitted:
                LedgerEntry cost = Spent(proposal, proposal.Cost, submitted.At, isBoost: false);
                LedgerEntry boost = Spent(proposal, proposal.Boost, submitted.At, isBoost: true);
                return (proposal.Cost.IsZero, proposal.Boost.IsZero) switch
                {
                    (true, true) => [],
                    (false, true) => [cost],
                    (true, false) => [boost],
                    _ => [cost, boost],
                };
            case ProposalOutcomeRecorded { Refund.IsZero: false } refunded:
                return [new LedgerEntry(
                    LedgerEntryKind.Refunded, refunded.Refund, refunded.At, refunded.Actor, refunded.Proposal, refunded.Assignee,
                    refunded.Outcome == ProposalOutcome.Outbid, refunded.Submitter)];
            case AgencyClosed { Forfeited.IsZero: false } closedAgency:
                return [new LedgerEntry(LedgerEntryKind.Forfeited, closedAgency.Forfeited, closedAgency.At, closedAgency.Owner)];
            default:
                return [];
        }
    }

    /// <summary>The bill line one event records, if any: a period's fee or a purchase. What a host appends to its bills table.</summary>
    /// <param name="accountEvent">The event.</param>
    /// <returns>The line, or <c>null</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="accountEvent"/> is null.</exception>
    public static BillLine? BillLineOf(AccountEvent accountEvent)
        => Guard.NotNull(accountEvent) switch
        {
            FeeCharged fee => fee.Line,
            ConnectsBought bought => bought.Line,
            _ => null,
        };

    private int FirstIndexAtOrAfter(Instant instant)
    {
        int low = 0;
        int high = _ledger.Count;
        while (low < high)
        {
            int mid = low + ((high - low) / 2);
            if (_ledger[mid].At < instant)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }

    private static LedgerEntry Spent(Proposal proposal, Connects quantity, Instant at, bool isBoost)
        => new(LedgerEntryKind.Spent, quantity, at, proposal.Submitter, proposal.Id, proposal.Assignee, isBoost, proposal.Submitter);
}
