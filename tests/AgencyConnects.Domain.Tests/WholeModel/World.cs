using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Billing;
using AgencyConnects.Domain.Membership;
using AgencyConnects.Domain.Plans;
using AgencyConnects.Domain.Pool;
using AgencyConnects.Domain.Proposals;
using AgencyConnects.Domain.Values;
using NodaTime;
using Xunit.Sdk;

namespace AgencyConnects.Domain.Tests.WholeModel;

/// <summary>
/// The system under test of the whole-model run: the live agency and freelancer accounts, the event streams they
/// produced, and the <see cref="AgencyDirectory"/> kept current with <see cref="AgencyDirectoryEvents.Apply(AgencyDirectory, Updated{AgencyAccount})"/>.
/// After every command <see cref="Step"/> compares it with the <see cref="Model"/> and checks the invariants.
/// </summary>
internal sealed class World
{
    private readonly Dictionary<AgencyId, List<AccountEvent>> _agencyEvents = [];
    private readonly Dictionary<PersonId, List<AccountEvent>> _freelancerEvents = [];
    private readonly List<(AgencyId Agency, AccountEvent Event)> _directoryEvents = [];

    public World(ModelSettings settings) => Settings = settings.ToLibrary();

    public AccountSettings Settings { get; }

    public AgencyDirectory Directory { get; private set; } = AgencyDirectory.Empty;

    public Dictionary<AgencyId, AgencyAccount> Agencies { get; } = [];

    public Dictionary<PersonId, FreelancerAccount> Freelancers { get; } = [];

    /// <summary>Runs <paramref name="command"/> on the live accounts and throws, listing every disagreement, when the result or any state differs from <paramref name="model"/>.</summary>
    public void Step(Command command, Model model)
    {
        var problems = new List<string>();
        Snapshot? before = command.Target is { } target ? Snapshot.Of(this, target) : null;
        object result;
        try
        {
            result = command.Execute(this);
        }
        catch (Exception e) when (e is not XunitException)
        {
            throw new XunitException($"{command} threw, where the model expected {Expect.Describe(model.Expected)}:{Environment.NewLine}{e}");
        }

        if (!Expect.Matches(result, model.Expected))
        {
            problems.Add($"returned {Expect.Describe(result)}, the model expected {Expect.Describe(model.Expected)}");
        }

        Commit(command, result, problems);
        before?.CheckUnchanged(problems);
        CompareWith(model, problems);
        CheckCrossAgencyInvariants(problems);
        if (command.Target is { } touched)
        {
            CheckReplay(touched, problems);
        }

        if (problems.Count > 0)
        {
            throw new XunitException($"After {command} ({model.Settings}):{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", problems));
        }
    }

    private void Commit(Command command, object result, List<string> problems)
    {
        switch (result)
        {
            case ConnectsPurchase<AgencyAccount> { IsRepeat: true } or ProposalSubmission<AgencyAccount> { IsRepeat: true }
                or ConnectsPurchase<FreelancerAccount> { IsRepeat: true } or ProposalSubmission<FreelancerAccount> { IsRepeat: true }:
                CheckRepeat(command, result, problems);
                break;
            case Updated<AgencyAccount> updated:
                CommitAgency(command, updated, problems);
                break;
            case Updated<FreelancerAccount> updated:
                CommitFreelancer(command, updated.Account, updated.Events, problems);
                break;
            default:
                // A refused command: nothing is committed, so the live account must be the one the command was given.
                break;
        }
    }

    /// <summary>A repeated request returns the first outcome and changes nothing: no events, the very same account.</summary>
    private void CheckRepeat(Command command, object result, List<string> problems)
    {
        (object account, ImmutableArray<AccountEvent> events) = result switch
        {
            ConnectsPurchase<AgencyAccount> p => ((object)p.Account, p.Events),
            ProposalSubmission<AgencyAccount> s => (s.Account, s.Events),
            ConnectsPurchase<FreelancerAccount> p => (p.Account, p.Events),
            ProposalSubmission<FreelancerAccount> s => (s.Account, s.Events),
            _ => throw new ArgumentOutOfRangeException(nameof(result)),
        };
        AccountRef target = command.Target!.Value;
        object live = target.Agency is { } id ? Agencies[id] : Freelancers[target.Holder!.Value];
        if (!events.IsEmpty || !ReferenceEquals(account, live))
        {
            problems.Add($"a repeated request returned {events.Length} events or another account: it must change nothing");
        }
    }

    private void CommitAgency(Command command, Updated<AgencyAccount> updated, List<string> problems)
    {
        AgencyId id = updated.Account.Id;
        bool existed = Agencies.TryGetValue(id, out AgencyAccount? previous);
        CheckEvents(command, updated.Events, updated.Account.Version, previous?.Version ?? 0, previous?.LastChangedAt, problems);
        Agencies[id] = updated.Account;
        if (!existed)
        {
            _agencyEvents[id] = [];
        }

        _agencyEvents[id].AddRange(updated.Events);
        Directory = Directory.Apply(updated);
        _directoryEvents.AddRange(updated.Events.Select(e => (id, e)));
    }

    private void CommitFreelancer(Command command, FreelancerAccount account, ImmutableArray<AccountEvent> events, List<string> problems)
    {
        bool existed = Freelancers.TryGetValue(account.Holder, out FreelancerAccount? previous);
        CheckEvents(command, events, account.Version, previous?.Version ?? 0, previous?.LastChangedAt, problems);
        Freelancers[account.Holder] = account;
        if (!existed)
        {
            _freelancerEvents[account.Holder] = [];
        }

        _freelancerEvents[account.Holder].AddRange(events);
    }

    /// <summary>Events never go back in time, none is after the command's instant, and the version counts them.</summary>
    private static void CheckEvents(
        Command command, ImmutableArray<AccountEvent> events, long version, long versionBefore, Instant? lastChangedBefore, List<string> problems)
    {
        if (version != versionBefore + events.Length)
        {
            problems.Add($"version went from {versionBefore} to {version} with {events.Length} events");
        }

        Instant floor = lastChangedBefore ?? command.At;
        foreach (AccountEvent e in events)
        {
            if (e.At < floor || e.At > command.At)
            {
                problems.Add($"event {e.GetType().Name} at {e.At} is outside [{floor}, {command.At}]");
            }

            floor = e.At;
        }

        if (command is not CloseElapsedPeriods && (events.IsEmpty || events[^1].At != command.At))
        {
            problems.Add("a successful command must end with an event at its own instant");
        }
    }

    private void CompareWith(Model model, List<string> problems)
    {
        if (Agencies.Count != model.Agencies.Count || Freelancers.Count != model.Freelancers.Count)
        {
            problems.Add($"{Agencies.Count} agencies and {Freelancers.Count} freelancer accounts live, the model has {model.Agencies.Count} and {model.Freelancers.Count}");
            return;
        }

        foreach (AgencyM expected in model.Agencies.Values)
        {
            AgencyAccount actual = Agencies[expected.Id];
            string name = "agency " + expected.Id;
            if (actual.Owner != expected.Owner || actual.IsClosed != expected.Closed)
            {
                problems.Add($"{name}: owner {actual.Owner}, closed {actual.IsClosed}; the model says {expected.Owner}, {expected.Closed}");
            }

            string members = string.Join(", ", actual.Members.OrderBy(m => m.Key).Select(m => $"{m.Key}:{m.Value.Permissions}/{m.Value.Kind}"));
            string modelMembers = string.Join(", ", expected.Members.OrderBy(m => m.Key).Select(m => $"{m.Key}:{m.Value.Permissions}/{m.Value.Kind}"));
            if (members != modelMembers)
            {
                problems.Add($"{name}: members [{members}], the model has [{modelMembers}]");
            }

            foreach (PersonId person in expected.Members.Keys)
            {
                if (actual.OpenProposalsAssignedTo(person) != expected.Account.OpenProposalsOf(person))
                {
                    problems.Add($"{name}: {actual.OpenProposalsAssignedTo(person)} open proposals assigned to {person}, the model has {expected.Account.OpenProposalsOf(person)}");
                }
            }

            CompareAccount(name, expected.Account, View.Of(actual, _agencyEvents[expected.Id]), problems);
        }

        foreach ((PersonId holder, AccountM expected) in model.Freelancers)
        {
            CompareAccount("freelancer " + holder, expected, View.Of(Freelancers[holder], _freelancerEvents[holder]), problems);
        }

        foreach (PersonId person in CommandGenerator.People)
        {
            if (Directory.AgencyOwnedBy(person) != model.AgencyOwnedBy(person))
            {
                problems.Add($"the directory says {person} owns {Directory.AgencyOwnedBy(person)}, the model says {model.AgencyOwnedBy(person)}");
            }

            if (!SameMemberships(Directory.MembershipsOf(person), model.MembershipsOf(person)))
            {
                problems.Add($"the directory's memberships of {person} differ from the model's");
            }

            if (Directory.ExclusiveAgencyOf(person) != model.ExclusiveAgencyOf(person))
            {
                problems.Add($"the directory says {person} is exclusive to {Directory.ExclusiveAgencyOf(person)}, the model says {model.ExclusiveAgencyOf(person)}");
            }
        }

        foreach (AgencyId id in CommandGenerator.AgencyIds)
        {
            if (Directory.Contains(id) != model.Agencies.ContainsKey(id))
            {
                problems.Add($"the directory {(Directory.Contains(id) ? "knows" : "does not know")} agency {id}, unlike the model");
            }
        }
    }

    private static void CompareAccount(string name, AccountM expected, View actual, List<string> problems)
    {
        void Differ<T>(string what, T live, T model)
        {
            if (!EqualityComparer<T>.Default.Equals(live, model))
            {
                problems.Add($"{name}: {what} is {live}, the model says {model}");
            }
        }

        Differ("the plan", actual.Plan, expected.Plan);
        Differ("the pending change", actual.Pending is { } p ? $"{p.Reason} at {p.EffectiveAt}" : "none", expected.Pending is { } q ? $"{q.Reason} at {q.EffectiveAt}" : "none");
        Differ("the billing anchor", actual.Schedule.Anchor, expected.Schedule.Anchor);
        Differ("the current period", actual.Period, expected.Period);
        Differ("the balance", (long)actual.Pool.Balance.Value, expected.Balance);
        Differ("the Connects by expiry", ByExpiry(actual.Pool.Lots.Select(l => (l.Quantity.Value, l.ExpiresAt))), ByExpiry(expected.Lots.Select(l => (l.Quantity, l.Expires))));
        Differ("the bill total", actual.Bill.Total.Amount, expected.Billed);
        Differ("the number of bill lines", actual.Bill.Lines.Length, expected.BillLineCount);
        Differ("the last change", actual.LastChangedAt, expected.LastChanged);
        Differ("the open proposals", Proposals(actual.Proposals), Proposals(expected.Proposals.Where(p => p.Value.IsOpen).ToImmutableDictionary()));
        Differ("the proposals in the history", Proposals(actual.History.Proposals), Proposals(expected.Proposals));

        // DOMAIN §5: the balance is never negative and always equals the sum of the ledger (the projection of the events) and of the lots.
        long ledger = actual.History.Ledger.Sum(e => e.Delta);
        long lots = actual.Pool.Lots.Sum(l => (long)l.Quantity.Value);
        if (ledger != actual.Pool.Balance.Value || lots != actual.Pool.Balance.Value || ledger < 0)
        {
            problems.Add($"{name}: balance {actual.Pool.Balance}, ledger sum {ledger}, lots sum {lots}");
        }

        if (actual.Pool.Lots.Any(l => l.Quantity.IsZero))
        {
            problems.Add($"{name}: the pool holds an empty lot");
        }

        for (int i = 1; i < actual.Pool.Lots.Count; i++)
        {
            Lot a = actual.Pool.Lots[i - 1];
            Lot b = actual.Pool.Lots[i];
            bool ordered = (a.ExpiresAt ?? Instant.MaxValue) < (b.ExpiresAt ?? Instant.MaxValue)
                || ((a.ExpiresAt ?? Instant.MaxValue) == (b.ExpiresAt ?? Instant.MaxValue) && a.AcquiredAt <= b.AcquiredAt);
            if (!ordered)
            {
                problems.Add($"{name}: lots out of spend order at {i}");
            }
        }
    }

    private static string ByExpiry(IEnumerable<(int Quantity, Instant? Expires)> lots)
        => string.Join(", ", lots.GroupBy(l => l.Expires).OrderBy(g => g.Key ?? Instant.MaxValue).Select(g => $"{g.Sum(l => (long)l.Quantity)} until {g.Key?.ToString() ?? "never"}"));

    private static string Proposals(IReadOnlyDictionary<ProposalId, Proposal> proposals)
        => string.Join("; ", proposals.OrderBy(p => p.Key).Select(p => Describe(p.Key, p.Value.Submitter, p.Value.Assignee, p.Value.Cost.Value, p.Value.Boost.Value,
            p.Value.SubmittedAt, p.Value.Status == ProposalStatus.Open ? null : p.Value.Outcome, p.Value.Refunded.Value, p.Value.BoostRefunded)));

    private static string Proposals(ImmutableDictionary<ProposalId, ProposalM> proposals)
        => string.Join("; ", proposals.OrderBy(p => p.Key).Select(p => Describe(p.Key, p.Value.Submitter, p.Value.Assignee, p.Value.Cost, p.Value.Boost,
            p.Value.SubmittedAt, p.Value.ClosedBy, p.Value.Refunded, p.Value.BoostRefunded)));

    private static string Describe(
        ProposalId id, PersonId submitter, PersonId assignee, int cost, int boost, Instant at, ProposalOutcome? closedBy, int refunded, bool boostRefunded)
        => $"{id} by {submitter} for {assignee} {cost}+{boost} at {at} {(closedBy is { } o ? "closed " + o : "open")} refunded {refunded}{(boostRefunded ? " (boost back)" : string.Empty)}";

    private static bool SameMemberships(IReadOnlyDictionary<AgencyId, MembershipKind> live, ImmutableDictionary<AgencyId, MembershipKind> model)
        => live.Count == model.Count && model.All(m => live.TryGetValue(m.Key, out MembershipKind kind) && kind == m.Value);

    /// <summary>
    /// DOMAIN §4, over the live accounts themselves: nobody owns two open agencies, an exclusive member belongs to no
    /// other open agency, and the directory equals one rebuilt from every agency event.
    /// </summary>
    private void CheckCrossAgencyInvariants(List<string> problems)
    {
        var open = Agencies.Values.Where(a => !a.IsClosed).ToList();
        foreach (IGrouping<PersonId, AgencyAccount> owned in open.GroupBy(a => a.Owner).Where(g => g.Count() > 1))
        {
            problems.Add($"{owned.Key} owns {owned.Count()} open agencies");
        }

        foreach (PersonId person in CommandGenerator.People)
        {
            var memberships = open.Where(a => a.Members.ContainsKey(person)).ToList();
            if (memberships.Count > 1 && memberships.Any(a => a.Members[person].Kind == MembershipKind.Exclusive))
            {
                problems.Add($"{person} is an exclusive member and belongs to {memberships.Count} open agencies");
            }
        }

        AgencyDirectory rebuilt = AgencyDirectory.Empty;
        foreach ((AgencyId agency, AccountEvent e) in _directoryEvents)
        {
            rebuilt = rebuilt.Apply(agency, e);
        }

        foreach (PersonId person in CommandGenerator.People)
        {
            if (rebuilt.AgencyOwnedBy(person) != Directory.AgencyOwnedBy(person)
                || !SameMemberships(rebuilt.MembershipsOf(person), Directory.MembershipsOf(person).ToImmutableDictionary()))
            {
                problems.Add($"the directory rebuilt from the events differs from the live one about {person}");
            }
        }
    }

    /// <summary>DOMAIN §7: replaying an account's events from empty rebuilds an equal account.</summary>
    private void CheckReplay(AccountRef target, List<string> problems)
    {
        if (target.Agency is { } id)
        {
            AgencyAccount live = Agencies[id];
            AgencyAccount replayed = AgencyAccount.Replay(_agencyEvents[id]);
            if (replayed.Owner != live.Owner || replayed.IsClosed != live.IsClosed || replayed.Id != live.Id
                || replayed.Members.Count != live.Members.Count || live.Members.Any(m => !Equals(replayed.Members.GetValueOrDefault(m.Key), m.Value)))
            {
                problems.Add($"agency {id}: the replayed membership differs from the live one");
            }

            CompareReplay("agency " + id, View.Of(live, _agencyEvents[id]), View.Of(replayed, _agencyEvents[id]), problems);
            List<AccountEvent> events = _agencyEvents[id];
            foreach (int cut in Cuts(events.Count))
            {
                AgencyAccount loaded = AgencyAccount.Load(AgencyAccount.Replay(events.Take(cut)).ToSnapshot(), events.Skip(cut)).SuccessOrThrow();
                CompareSnapshots($"agency {id} loaded from the snapshot at version {cut}", live.ToSnapshot(), loaded.ToSnapshot(), events, problems);
            }
        }
        else
        {
            PersonId holder = target.Holder!.Value;
            FreelancerAccount live = Freelancers[holder];
            FreelancerAccount replayed = FreelancerAccount.Replay(_freelancerEvents[holder]);
            if (replayed.Holder != live.Holder)
            {
                problems.Add($"freelancer {holder}: the replayed holder is {replayed.Holder}");
            }

            CompareReplay("freelancer " + holder, View.Of(live, _freelancerEvents[holder]), View.Of(replayed, _freelancerEvents[holder]), problems);
            List<AccountEvent> events = _freelancerEvents[holder];
            foreach (int cut in Cuts(events.Count))
            {
                FreelancerAccount loaded = FreelancerAccount.Load(FreelancerAccount.Replay(events.Take(cut)).ToSnapshot(), events.Skip(cut)).SuccessOrThrow();
                CompareSnapshots($"freelancer {holder} loaded from the snapshot at version {cut}", live.ToSnapshot(), loaded.ToSnapshot(), events, problems);
            }
        }
    }

    /// <summary>Where to cut a stream for a snapshot: just after creation, in the middle, and just before the end.</summary>
    private static IEnumerable<int> Cuts(int count) => new[] { 1, (count + 1) / 2, count }.Distinct();

    /// <summary>
    /// DOMAIN §9: a snapshot at any cut plus the events after it is the live account (every field of the decision
    /// state, so every query and the next operation), and the snapshot holds only what is live: each request key and
    /// closed proposal it keeps is inside the retention window, and every one inside the window is kept.
    /// </summary>
    private static void CompareSnapshots(string name, AccountSnapshot live, AccountSnapshot loaded, List<AccountEvent> events, List<string> problems)
    {
        if (!live.Equals(loaded))
        {
            problems.Add($"{name}: differs from the live account (version {loaded.Version} vs {live.Version}, {loaded.Lots.Length} lots vs {live.Lots.Length}, "
                + $"{loaded.Requests.Length} keys vs {live.Requests.Length}, {loaded.OpenProposals.Length} open proposals vs {live.OpenProposals.Length})");
        }

        Instant keptFrom = live.LastChangedAt - live.RequestRetention;
        AccountEvent[] inWindow = [.. events.Where(e => e is ConnectsBought or ProposalSubmitted && e.At > keptFrom)];
        if (!live.Requests.SequenceEqual(inWindow))
        {
            problems.Add($"{name}: the snapshot keeps {live.Requests.Length} request keys; {inWindow.Length} were first used inside the retention window");
        }

        if (live.ClosedProposals.Any(p => p.ClosedAt <= keptFrom) || live.OpenProposals.Any(p => p.Status != ProposalStatus.Open))
        {
            problems.Add($"{name}: the snapshot keeps a proposal that closed before the retention window, or a closed one as open");
        }
    }

    private static void CompareReplay(string name, View live, View replayed, List<string> problems)
    {
        bool same = live.Version == replayed.Version
            && live.LastChangedAt == replayed.LastChangedAt
            && live.Plan == replayed.Plan
            && Equals(live.Pending, replayed.Pending)
            && live.Period == replayed.Period
            && live.Schedule.Anchor == replayed.Schedule.Anchor
            && live.Pool.Balance == replayed.Pool.Balance
            && live.Pool.Lots.SequenceEqual(replayed.Pool.Lots)
            && live.Proposals.Count == replayed.Proposals.Count
            && live.Proposals.All(p => Equals(replayed.Proposals.GetValueOrDefault(p.Key), p.Value));
        if (!same)
        {
            problems.Add($"{name}: Replay(events) differs from the live account (version {replayed.Version} vs {live.Version}, balance {replayed.Pool.Balance} vs {live.Pool.Balance})");
        }
    }

    /// <summary>What agency and freelancer accounts show alike.</summary>
    private sealed record View(
        long Version, Instant LastChangedAt, Plan Plan, PlanChangeScheduled? Pending, BillingPeriod Period, BillingSchedule Schedule, ConnectsPool Pool,
        IReadOnlyDictionary<ProposalId, Proposal> Proposals, AccountHistory History)
    {
        public Bill Bill => History.Bill(Instant.MinValue, Instant.MaxValue);

        public static View Of(AgencyAccount a, IEnumerable<AccountEvent> events) => new(
            a.Version, a.LastChangedAt, a.Plan, a.PendingChange, a.CurrentPeriod, a.Schedule, a.Pool, a.Proposals, AccountHistory.Of(events));

        public static View Of(FreelancerAccount a, IEnumerable<AccountEvent> events) => new(
            a.Version, a.LastChangedAt, a.Plan, a.PendingChange, a.CurrentPeriod, a.Schedule, a.Pool, a.Proposals, AccountHistory.Of(events));
    }

    /// <summary>
    /// The observable state of the account a command was given, taken before the call: accounts are immutable, so
    /// after any call (refused, repeated or successful) that same object must show exactly the same state.
    /// </summary>
    private sealed record Snapshot(object Account, string State)
    {
        public static Snapshot Of(World world, AccountRef target)
        {
            object account = target.Agency is { } id ? world.Agencies[id] : world.Freelancers[target.Holder!.Value];
            return new Snapshot(account, StateOf(account));
        }

        public void CheckUnchanged(List<string> problems)
        {
            string now = StateOf(Account);
            if (now != State)
            {
                problems.Add($"the account given to the command changed from [{State}] to [{now}]");
            }
        }

        private static string StateOf(object account) => account switch
        {
            AgencyAccount a => $"v{a.Version} at {a.LastChangedAt}, {a.Plan}, {a.Balance}, {a.Pool.Lots.Count} lots, "
                + $"{a.Proposals.Count} proposals, {a.Members.Count} members, owner {a.Owner}, closed {a.IsClosed}",
            FreelancerAccount f => $"v{f.Version} at {f.LastChangedAt}, {f.Plan}, {f.Balance}, {f.Pool.Lots.Count} lots, {f.Proposals.Count} proposals",
            _ => throw new ArgumentOutOfRangeException(nameof(account)),
        };
    }
}
