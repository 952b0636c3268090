using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Membership;
using AgencyConnects.Domain.Plans;
using AgencyConnects.Domain.Proposals;
using AgencyConnects.Domain.Values;
using NodaTime;
using Xunit;
using static AgencyConnects.Domain.Tests.TestData;

namespace AgencyConnects.Domain.Tests.Membership;

/// <summary>
/// The system under test of <see cref="MembershipMachine"/>: a host in miniature holding the live agencies, every
/// event each one emitted, the directory (kept current from those events) and the current instant.
/// </summary>
internal sealed class World(Instant start, AccountSettings settings)
{
    public AccountSettings Settings { get; } = settings;

    public Instant Now { get; private set; } = start;

    public AgencyDirectory Directory { get; private set; } = AgencyDirectory.Empty;

    public Dictionary<AgencyId, AgencyAccount> Agencies { get; } = [];

    public Dictionary<AgencyId, List<AccountEvent>> History { get; } = [];

    public void Advance(Duration step) => Now += step;

    /// <summary>Stores a successful operation's outcome, as a host would: the new agency, its events, the directory.</summary>
    public void Commit(AgencyAccount agency, ImmutableArray<AccountEvent> events)
    {
        Agencies[agency.Id] = agency;
        if (!History.TryGetValue(agency.Id, out List<AccountEvent>? history))
        {
            History[agency.Id] = history = [];
        }

        history.AddRange(events);
        Directory = Directory.Apply(new Updated<AgencyAccount>(agency, events));
    }

    public override string ToString() => $"world at {Now} with {Agencies.Count} agencies";
}

/// <summary>What <see cref="MembershipMachine"/> checks after every command.</summary>
internal static class WorldChecks
{
    public static readonly PersonId[] People = [Person("ana"), Person("ben"), Person("cai"), Person("dee"), Person("eli"), Person("fay")];

    public static readonly AgencyId[] AgencyIds = [Agency("north"), Agency("south"), Agency("east"), Agency("west")];

    /// <summary>Every answer the directory gives about the people and agencies of the machine, to show it did not change.</summary>
    public static string Observe(AgencyDirectory directory)
        => string.Join(" | ", AgencyIds.Select(a => $"{a}:{directory.Contains(a)}"))
           + " | " + string.Join(" | ", People.Select(p =>
               $"{p} owns {directory.AgencyOwnedBy(p)} exclusive {directory.ExclusiveAgencyOf(p)} in "
               + string.Join(",", directory.MembershipsOf(p).OrderBy(m => m.Key).Select(m => $"{m.Key}/{m.Value}"))));

    public static void Hold(World world, WorldModel model, AgencyId touched)
    {
        AgencyRulesHold(world);
        AgenciesMatchTheModel(world, model);
        DirectoryMatchesTheModel(world.Directory, model);
        DirectoryIsTheSameInAnyInterleaving(world);
        if (world.Agencies.TryGetValue(touched, out AgencyAccount? agency))
        {
            ReplayRebuildsTheAgency(agency, world.History[touched]);
        }
    }

    /// <summary>The rules of DOMAIN §4, read off the live agencies alone.</summary>
    private static void AgencyRulesHold(World world)
    {
        AgencyAccount[] open = [.. world.Agencies.Values.Where(a => !a.IsClosed)];
        foreach (AgencyAccount agency in open)
        {
            Assert.False(agency.Owner.IsEmpty, $"{agency.Id} has no owner");
            Assert.True(agency.Members.TryGetValue(agency.Owner, out Member? owner), $"the owner of {agency.Id} is not a member");
            Assert.Equal(Permissions.All, owner.Permissions);
            Assert.Equal(agency.Balance.Value, AccountHistory.Of(world.History[agency.Id]).Ledger.Sum(entry => entry.Delta));
        }

        foreach (IGrouping<PersonId, AgencyAccount> owned in open.GroupBy(a => a.Owner))
        {
            Assert.True(owned.Count() == 1, $"{owned.Key} owns {string.Join(", ", owned.Select(a => a.Id))}");
        }

        foreach (IGrouping<PersonId, (AgencyId Agency, Member Member)> memberships in open
            .SelectMany(a => a.Members.Values.Select(m => (a.Id, m)))
            .GroupBy(x => x.Item2.Person))
        {
            Assert.True(
                memberships.Count() == 1 || memberships.All(m => m.Member.Kind == MembershipKind.NonExclusive),
                $"{memberships.Key} is an exclusive member and belongs to {string.Join(", ", memberships.Select(m => $"{m.Agency}/{m.Member.Kind}"))}");
        }

        foreach (AgencyAccount closed in world.Agencies.Values.Where(a => a.IsClosed))
        {
            Assert.Equal(0, closed.Balance.Value);
        }
    }

    private static void AgenciesMatchTheModel(World world, WorldModel model)
    {
        Assert.Equal(model.Agencies.Keys, world.Agencies.Keys.Order());
        foreach ((AgencyId id, ModelAgency expected) in model.Agencies)
        {
            AgencyAccount actual = world.Agencies[id];
            Assert.Equal(id, actual.Id);
            Assert.Equal(expected.Owner, actual.Owner);
            Assert.Equal(expected.IsClosed, actual.IsClosed);
            Assert.Equal(new Plan(AccountKind.Agency, expected.Tier), actual.Plan);
            Assert.Equal(
                expected.Members.Select(m => $"{m.Key}:{m.Value.Permissions}/{m.Value.Kind}"),
                actual.Members.Values.OrderBy(m => m.Person).Select(m => $"{m.Person}:{m.Permissions}/{m.Kind}"));
            Assert.Equal(
                expected.Proposals.Where(p => p.Value.IsOpen).Select(p => $"{p.Key}:{p.Value.Submitter}->{p.Value.Assignee}:{p.Value.IsOpen}"),
                actual.Proposals.Values.OrderBy(p => p.Id).Select(p => $"{p.Id}:{p.Submitter}->{p.Assignee}:{p.Status == ProposalStatus.Open}"));
            Assert.Equal(
                expected.Proposals.Select(p => $"{p.Key}:{p.Value.Submitter}->{p.Value.Assignee}:{p.Value.IsOpen}"),
                AccountHistory.Of(world.History[id]).Proposals.Values.OrderBy(p => p.Id).Select(p => $"{p.Id}:{p.Submitter}->{p.Assignee}:{p.Status == ProposalStatus.Open}"));
            foreach (PersonId person in People)
            {
                Assert.Equal(expected.OpenProposalsOf(person), actual.OpenProposalsAssignedTo(person));
            }
        }
    }

    private static void DirectoryMatchesTheModel(AgencyDirectory directory, WorldModel model)
    {
        foreach (AgencyId agency in AgencyIds)
        {
            Assert.Equal(model.Agencies.ContainsKey(agency), directory.Contains(agency));
        }

        foreach (PersonId person in People)
        {
            ImmutableSortedDictionary<AgencyId, MembershipKind> memberships = model.MembershipsOf(person);
            Assert.Equal(model.AgencyOwnedBy(person), directory.AgencyOwnedBy(person));
            Assert.Equal(memberships, directory.MembershipsOf(person).OrderBy(m => m.Key));
            AgencyId? exclusive = memberships.Where(m => m.Value == MembershipKind.Exclusive).Select(m => (AgencyId?)m.Key).SingleOrDefault();
            Assert.Equal(exclusive, directory.ExclusiveAgencyOf(person));
        }
    }

    /// <summary>
    /// DOMAIN §4 and §9: a host rebuilds the directory from the agencies' streams in whatever order its store gives.
    /// Each agency's stream whole, in reverse order of creation, and a pseudo-random interleaving that keeps each
    /// stream's own order, must give the directory the live one is.
    /// </summary>
    private static void DirectoryIsTheSameInAnyInterleaving(World world)
    {
        string live = Observe(world.Directory);
        (AgencyId Agency, List<AccountEvent> Events)[] streams = [.. world.History.Select(h => (h.Key, h.Value)).Reverse()];
        AgencyDirectory whole = AgencyDirectory.Empty;
        foreach ((AgencyId agency, List<AccountEvent> events) in streams)
        {
            whole = events.Aggregate(whole, (directory, e) => directory.Apply(agency, e));
        }

        Assert.Equal(live, Observe(whole));

        var random = new Random(streams.Sum(s => s.Events.Count));
        int[] next = new int[streams.Length];
        AgencyDirectory interleaved = AgencyDirectory.Empty;
        while (next.Where((n, i) => n < streams[i].Events.Count).Any())
        {
            int[] open = [.. Enumerable.Range(0, streams.Length).Where(i => next[i] < streams[i].Events.Count)];
            int pick = open[random.Next(open.Length)];
            interleaved = interleaved.Apply(streams[pick].Agency, streams[pick].Events[next[pick]++]);
        }

        Assert.Equal(live, Observe(interleaved));
    }

    private static void ReplayRebuildsTheAgency(AgencyAccount live, List<AccountEvent> history)
    {
        AgencyAccount replayed = AgencyAccount.Replay(history);

        Assert.Equal(history.Count, live.Version);
        Assert.Equal(live.Version, replayed.Version);
        Assert.Equal(live.Owner, replayed.Owner);
        Assert.Equal(live.IsClosed, replayed.IsClosed);
        Assert.Equal(live.Plan, replayed.Plan);
        Assert.Equal(live.Balance, replayed.Balance);
        Assert.Equal(live.LastChangedAt, replayed.LastChangedAt);
        Assert.Equal(live.CurrentPeriod, replayed.CurrentPeriod);
        Assert.Equal(live.Members.OrderBy(m => m.Key), replayed.Members.OrderBy(m => m.Key));
        Assert.Equal(live.Proposals.OrderBy(p => p.Key), replayed.Proposals.OrderBy(p => p.Key));
        Assert.Equal(live.Pool.Lots.AsEnumerable(), replayed.Pool.Lots.AsEnumerable());
    }
}
