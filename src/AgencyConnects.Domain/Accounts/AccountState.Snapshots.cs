using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using AgencyConnects.Domain.Billing;
using AgencyConnects.Domain.Internal;
using AgencyConnects.Domain.Plans;
using AgencyConnects.Domain.Pool;
using AgencyConnects.Domain.Proposals;
using AgencyConnects.Domain.Values;
using NodaTime;
using OneOf;

namespace AgencyConnects.Domain.Accounts;

/// <content>The decision state as an <see cref="AccountSnapshot"/>, and back.</content>
internal sealed partial record AccountState
{
    /// <summary>The snapshot of this state, with the identity fields the account adds.</summary>
    public AccountSnapshot ToSnapshot(AccountKind kind, AgencyId? agency, PersonId principal, bool isClosed, ImmutableArray<Membership.Member> members)
        => new()
        {
            Kind = kind,
            Agency = agency,
            Principal = principal,
            IsClosed = isClosed,
            Catalog = Settings.Catalog.Name,
            Zone = Settings.Zone.Id,
            Policy = Settings.Policy,
            RequestRetention = Settings.RequestRetention,
            Plan = Plan,
            Anchor = Schedule.Anchor,
            PeriodIndex = Period.Index,
            PendingChange = PendingChange,
            Lots = [.. Pool.Lots],
            Members = members,
            OpenProposals = [.. Proposals.Values],
            Requests = [.. Requests.Entries.Select(entry => entry.Value)],
            ClosedProposals = [.. ClosedProposals.Entries.Select(entry => new ClosedProposal(entry.Key, entry.Value, ClosedAtOf(entry)))],
            Version = Version,
            LastChangedAt = LastChangedAt,
        };

    /// <summary>When a closed proposal closed, from the instant it leaves the window (clamped near the end of time, where it is the last instant there is).</summary>
    private Instant ClosedAtOf((ProposalId Key, ProposalOutcome Value, Instant Until) entry) => entry.Until - Settings.RequestRetention;

    /// <summary>The state a snapshot holds, after the checks every snapshot must pass (see <see cref="InvalidSnapshot"/>).</summary>
    public static OneOf<AccountState, UnknownCatalog, UnknownTimeZone, InvalidSnapshot> FromSnapshot(
        AccountSnapshot snapshot, AccountKind kind, PlanCatalogRegistry catalogs, IDateTimeZoneProvider zones)
    {
        if (snapshot.Kind != kind)
        {
            return new InvalidSnapshot(nameof(snapshot.Kind), $"a {snapshot.Kind} snapshot cannot load a {kind} account");
        }

        return SettingsOf(snapshot, catalogs, zones).Match<OneOf<AccountState, UnknownCatalog, UnknownTimeZone, InvalidSnapshot>>(
            settings => Check(snapshot, kind, settings), catalog => catalog, zone => zone, invalid => invalid);
    }

    /// <summary>The settings a snapshot names: its catalog and zone resolved, its policy and retention checked.</summary>
    public static OneOf<AccountSettings, UnknownCatalog, UnknownTimeZone, InvalidSnapshot> SettingsOf(
        AccountSnapshot snapshot, PlanCatalogRegistry catalogs, IDateTimeZoneProvider zones)
    {
        if (catalogs.Resolve(snapshot.Catalog).TryPickT1(out UnknownCatalog unknown, out PlanCatalog catalog))
        {
            return unknown;
        }

        if (snapshot.Zone is null || zones.GetZoneOrNull(snapshot.Zone) is not { } zone)
        {
            return new UnknownTimeZone(snapshot.Zone ?? string.Empty);
        }

        if (AccountSettings.Create(catalog, zone, snapshot.Policy, snapshot.RequestRetention).TryPickT0(out AccountSettings settings, out var badSettings))
        {
            return settings;
        }

        return badSettings.Match(
            policy => new InvalidSnapshot(nameof(snapshot.Policy), policy.Message),
            retention => new InvalidSnapshot(nameof(snapshot.RequestRetention), retention.Message));
    }

    private static OneOf<AccountState, UnknownCatalog, UnknownTimeZone, InvalidSnapshot> Check(AccountSnapshot snapshot, AccountKind kind, AccountSettings settings)
    {
        if (!CheckBilling(snapshot, kind, settings).TryPickT0(out (BillingSchedule Schedule, BillingPeriod Period) billing, out InvalidSnapshot invalid))
        {
            return invalid;
        }

        return CheckWindows(snapshot, settings, billing.Schedule, billing.Period);
    }

    /// <summary>
    /// The schedule and current period of a snapshot, after the checks of what a month-end close reads (the plan, the
    /// anchor, the period, the version and last change, the pending change, the lots), with <paramref name="settings"/>
    /// resolved from it.
    /// </summary>
    /// <param name="snapshot">The snapshot.</param>
    /// <param name="kind">The kind of account it must be.</param>
    /// <param name="settings">Its settings (<see cref="SettingsOf"/>).</param>
    /// <param name="known">The schedule anchored on the snapshot's anchor with these settings, when the caller has it (it is not created again).</param>
    public static OneOf<(BillingSchedule Schedule, BillingPeriod Period), InvalidSnapshot> CheckBilling(
        AccountSnapshot snapshot, AccountKind kind, AccountSettings settings, BillingSchedule? known = null)
    {
        static InvalidSnapshot Invalid(string field, string problem) => new(field, problem);
        if (snapshot.Plan.Kind != kind || snapshot.Plan.Tier is not (PlanTier.Basic or PlanTier.Plus))
        {
            return Invalid(nameof(snapshot.Plan), $"{snapshot.Plan} is not a {kind} plan");
        }

        BillingSchedule? schedule = known;
        if (schedule is null && !BillingSchedule.Create(snapshot.Anchor, settings.Zone, settings.Policy).TryPickT0(out schedule, out _))
        {
            return Invalid(nameof(snapshot.Anchor), $"no schedule can be anchored on {snapshot.Anchor}");
        }

        if (!schedule.Period(snapshot.PeriodIndex).TryPickT0(out BillingPeriod period, out _))
        {
            return Invalid(nameof(snapshot.PeriodIndex), $"{snapshot.PeriodIndex} is outside the schedule (0 to {schedule.LastIndex})");
        }

        if (snapshot.Version < 1 || snapshot.LastChangedAt < period.Start || snapshot.LastChangedAt >= period.End)
        {
            return Invalid(nameof(snapshot.Version), "the version is below 1, or the last change is outside the current period");
        }

        // A change takes effect at the end of the period it was asked in; between that period's close and the plan
        // change (two events of one close) the period has moved on and the change is due at its start.
        if (snapshot.PendingChange is { } pending
            && (snapshot.Plan.Tier != PlanTier.Plus || (pending.EffectiveAt != period.End && pending.EffectiveAt != period.Start)
                || pending.At > snapshot.LastChangedAt || pending.Reason is not (PlanChangeReason.Downgrade or PlanChangeReason.Cancel)))
        {
            return Invalid(nameof(snapshot.PendingChange), "a change is pending on a Basic plan, is not a downgrade or cancellation, or is not due at the period's end");
        }

        if (CheckLots(snapshot.Lots) is { } lots)
        {
            return Invalid(nameof(snapshot.Lots), lots);
        }

        return (schedule, period);
    }

    private static OneOf<AccountState, UnknownCatalog, UnknownTimeZone, InvalidSnapshot> CheckWindows(
        AccountSnapshot snapshot, AccountSettings settings, BillingSchedule schedule, BillingPeriod period)
    {
        static InvalidSnapshot Invalid(string field, string problem) => new(field, problem);

        // The maps are built in place under a token of their own, dropped when the state is returned.
        var edit = new EditToken();
        var proposals = OrderedMap<ProposalId, Proposal>.Empty;
        var open = PersistentMap<PersonId, int>.Empty;
        foreach (Proposal proposal in snapshot.OpenProposals.IsDefault ? [] : snapshot.OpenProposals)
        {
            if (proposal is null || proposal.Status != ProposalStatus.Open || proposal.Id.IsEmpty || proposals.ContainsKey(proposal.Id))
            {
                return Invalid(nameof(snapshot.OpenProposals), $"{proposal?.Id.ToString() ?? "null"} is not an open proposal, or is there twice");
            }

            proposals = proposals.Add(proposal.Id, proposal, edit);
            open = open.SetItem(proposal.Assignee, (open.TryGetValue(proposal.Assignee, out int count) ? count : 0) + 1, edit);
        }

        // The windows are kept oldest first (an account's events never go back in time): a host that rebuilt the
        // snapshot from rows may give them in another order, so they are put in order here, and checked.
        var requests = RetainedMap<RequestKey, AccountEvent>.Empty;
        foreach (AccountEvent request in InOrder(snapshot.Requests, static r => r?.At ?? Instant.MinValue))
        {
            RequestKey key = request switch
            {
                ConnectsBought bought => bought.Request,
                ProposalSubmitted submitted => submitted.Request,
                _ => default,
            };
            if (key.IsEmpty || request.At > snapshot.LastChangedAt || requests.Contains(key))
            {
                return Invalid(nameof(snapshot.Requests), $"{request?.GetType().Name ?? "null"} records no request, records one after the last change, or a key twice");
            }

            requests = requests.Add(key, request, RetainedUntil(request.At, settings.RequestRetention), edit);
        }

        var closed = RetainedMap<ProposalId, ProposalOutcome>.Empty;
        foreach (ClosedProposal proposal in InOrder(snapshot.ClosedProposals, static p => p?.ClosedAt ?? Instant.MinValue))
        {
            if (proposal is null || proposal.Proposal.IsEmpty || proposal.ClosedAt > snapshot.LastChangedAt
                || closed.Contains(proposal.Proposal) || proposals.ContainsKey(proposal.Proposal))
            {
                return Invalid(nameof(snapshot.ClosedProposals), "a closed proposal has no identifier, closed after the last change, is there twice or is also open");
            }

            closed = closed.Add(proposal.Proposal, proposal.Outcome, RetainedUntil(proposal.ClosedAt, settings.RequestRetention), edit);
        }

        return new AccountState
        {
            Settings = settings,
            Plan = snapshot.Plan,
            Schedule = schedule,
            Period = period,
            PendingChange = snapshot.PendingChange,
            Pool = ConnectsPool.Of([.. snapshot.Lots]),
            Proposals = proposals,
            OpenProposalsByAssignee = open,
            Requests = requests.Prune(snapshot.LastChangedAt, edit),
            ClosedProposals = closed.Prune(snapshot.LastChangedAt, edit),
            Version = snapshot.Version,
            LastChangedAt = snapshot.LastChangedAt,
        };
    }

    /// <summary>The items in the order of their instants (a stable sort), or as they are when they already are in it, as a snapshot taken by the library gives them.</summary>
    private static IEnumerable<T> InOrder<T>(ImmutableArray<T> items, Func<T, Instant> instant)
    {
        if (items.IsDefault)
        {
            return [];
        }

        for (int i = 1; i < items.Length; i++)
        {
            if (instant(items[i]) < instant(items[i - 1]))
            {
                return items.OrderBy(instant);
            }
        }

        return items;
    }

    /// <summary>Why a snapshot's lots cannot be a pool's, if they cannot: an empty lot, more than a pool holds, or lots out of spend order.</summary>
    private static string? CheckLots(ImmutableArray<Lot> lots)
    {
        if (lots.IsDefault)
        {
            return "there are no lots (default array)";
        }

        long total = 0;
        for (int i = 0; i < lots.Length; i++)
        {
            if (lots[i].QuantityValue <= 0 || lots[i].Source is not (LotSource.Allotment or LotSource.Purchase or LotSource.Refund or LotSource.CarriedOver))
            {
                return $"lot {i} is empty or of an undefined source";
            }

            if (i > 0 && lots[i].SpendsBefore(lots[i - 1]))
            {
                return $"lot {i} is out of spend order";
            }

            total += lots[i].QuantityValue;
        }

        return total > Connects.MaxValue.Value ? $"the lots hold {total} Connects, more than a pool holds" : null;
    }
}
