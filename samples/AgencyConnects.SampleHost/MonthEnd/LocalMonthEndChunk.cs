using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using AgencyConnects.Domain;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.MonthEnd;
using AgencyConnects.Domain.Plans;
using AgencyConnects.Domain.Pool;
using NodaTime;
using OneOf;

namespace AgencyConnects.SampleHost.MonthEnd;

/// <summary>
/// The month-end close of a chunk of snapshots, in the shape of the library's coming <c>MonthEndChunk</c> (add the
/// snapshots, close, read each account's snapshot, events, outcome and next close), built from what the library has
/// today: <see cref="AgencyAccount.Load"/> (or <see cref="FreelancerAccount.Load"/>) with no events after, then
/// <c>CloseElapsedPeriods(at)</c> and <see cref="ConnectsAccount.ToSnapshot"/>. The job uses nothing else, so it moves
/// to the library's type by changing the type's name.
/// </summary>
internal sealed class LocalMonthEndChunk(Instant at, PlanCatalogRegistry? catalogs = null, IDateTimeZoneProvider? zones = null)
{
    private readonly List<(AccountSnapshot After, ImmutableArray<AccountEvent> Events, MonthEndOutcome Outcome, Instant NextCloseAt)> _accounts = [];

    /// <summary>Adds an account; its index in the chunk, or why it cannot be closed (a closed agency, an instant it refuses, a snapshot it cannot load).</summary>
    public OneOf<int, DomainError> Add(AccountSnapshot snapshot)
    {
        System.ArgumentNullException.ThrowIfNull(snapshot);
        ConnectsAccount closed;
        ImmutableArray<AccountEvent> events;
        if (snapshot.Kind == AccountKind.Agency)
        {
            if (!AgencyAccount.Load(snapshot, [], catalogs, zones).TryGetSuccess(out AgencyAccount? agency, out DomainError? refused)
                || !agency.CloseElapsedPeriods(at).TryGetSuccess(out Updated<AgencyAccount>? done, out refused))
            {
                return refused;
            }

            (closed, events) = (done.Account, done.Events);
        }
        else
        {
            if (!FreelancerAccount.Load(snapshot, [], catalogs, zones).TryGetSuccess(out FreelancerAccount? freelancer, out DomainError? refused)
                || !freelancer.CloseElapsedPeriods(at).TryGetSuccess(out Updated<FreelancerAccount>? done, out refused))
            {
                return refused;
            }

            (closed, events) = (done.Account, done.Events);
        }

        LedgerEntry[] ledger = [.. events.SelectMany(e => AccountHistory.LedgerEntriesOf(e))];
        var outcome = new MonthEndOutcome(
            PeriodsClosed: events.Count(e => e is PeriodClosed),
            Expired: ledger.Where(l => l.Kind == LedgerEntryKind.Expired).Sum(l => (long)l.Quantity.Value),
            Forfeited: ledger.Where(l => l.Kind == LedgerEntryKind.Forfeited).Sum(l => (long)l.Quantity.Value),
            CarriedOver: events.OfType<PeriodClosed>().LastOrDefault()?.Outcome.CarriedOver ?? default,
            Granted: ledger.Where(l => l.Kind == LedgerEntryKind.Granted).Sum(l => (long)l.Quantity.Value),
            Balance: closed.Balance,
            Withheld: events.OfType<ConnectsGranted>().Sum(g => (long)g.Withheld.Value));
        _accounts.Add((closed.ToSnapshot(), events, outcome, closed.CurrentPeriod.End));
        return _accounts.Count - 1;
    }

    /// <summary>Closes every account added (this adapter closes each as it is added).</summary>
    public void Close() => IsClosed = true;

    /// <summary>Whether <see cref="Close"/> was called since the last <see cref="Clear"/>.</summary>
    public bool IsClosed { get; private set; }

    public AccountSnapshot Snapshot(int index) => _accounts[index].After;

    public IReadOnlyList<AccountEvent> Events(int index) => _accounts[index].Events;

    public MonthEndOutcome Outcome(int index) => _accounts[index].Outcome;

    public Instant NextCloseAt(int index) => _accounts[index].NextCloseAt;

    public void Clear()
    {
        _accounts.Clear();
        IsClosed = false;
    }
}
