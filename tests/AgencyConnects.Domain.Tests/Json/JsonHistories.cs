using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Json;
using AgencyConnects.Domain.Membership;
using AgencyConnects.Domain.Plans;
using AgencyConnects.Domain.Proposals;
using AgencyConnects.Domain.Tests.Lifecycle;
using AgencyConnects.Domain.Values;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;
using OneOf;
using Xunit;
using static AgencyConnects.Domain.Tests.TestData;

namespace AgencyConnects.Domain.Tests.Json;

/// <summary>
/// Random histories for the JSON properties: the lifecycle's random histories (plans, purchases, proposals, outcomes,
/// month ends, in several zones and catalogs), and for agencies a random membership tail after them (members added
/// with any permissions, re-permissioned, removed, given proposals, ownership transferred, the agency closed), so
/// every event type comes up.
/// </summary>
internal sealed record JsonHistory(RandomHistory Lifecycle, ImmutableArray<int> Membership)
{
    private static readonly PersonId[] s_people = [Person("ada"), Person("bruno"), Person("chen")];

    /// <summary>The reader and writer for these histories: the shipped catalogs and the lifecycle's own.</summary>
    public static AccountEventJson Json { get; } = new(RandomHistories.Catalogs.Aggregate(PlanCatalogRegistry.Default, (registry, catalog) => registry.With(catalog).AsT0));

    public static Gen<JsonHistory> Any(int commands)
        => from lifecycle in RandomHistories.Any(commands)
           from membership in Gen.ArrayOf(Gen.Choose(0, int.MaxValue), 12)
           select new JsonHistory(lifecycle, [.. membership]);

    /// <summary>The events, and the account they built (an agency or a freelancer account).</summary>
    public (List<AccountEvent> Events, object Account) Build()
    {
        LiveAccount live = Lifecycle.Build();
        var events = new List<AccountEvent>(live.History);
        if (live.Kind == AccountKind.Freelancer)
        {
            return (events, live.Freelancer);
        }

        AgencyAccount agency = live.Agency;
        PersonId owner = agency.Owner;
        Instant now = agency.LastChangedAt;
        if (agency.Plan.Tier == PlanTier.Basic)
        {
            Take(agency.UpgradeToPlus(owner, now), ref agency, events);
        }

        for (int i = 0; i < Membership.Length; i++)
        {
            int dice = Membership[i];
            PersonId person = s_people[dice % s_people.Length];
            var permissions = (Permissions)((dice / 3) % 8);
            now = now.Plus(Duration.FromHours((dice / 24) % 200));
            string name = "m" + i.ToString(CultureInfo.InvariantCulture);
            _ = ((dice / 7) % 6) switch
            {
                0 or 1 => Take(agency.AddMember(owner, person, permissions, (MembershipKind)((dice / 11) % 2), now, AgencyDirectory.Empty), ref agency, events),
                2 => Take(agency.ChangePermissions(owner, person, permissions, now), ref agency, events),
                3 => Take(agency.SubmitProposal(owner, person, Proposal(name), C((dice / 13) % 4), C((dice / 17) % 3), Key(name), now), ref agency, events),
                4 => Take(agency.RemoveMember(owner, person, now), ref agency, events),
                _ => Take(agency.TransferOwnership(owner, person, now, AgencyDirectory.Empty), ref agency, events),
            };
            owner = agency.Owner;
        }

        if (Membership.Length > 0 && Membership[0] % 3 == 0)
        {
            // Close it: every proposal withdrawn, every other member removed first.
            foreach (ProposalId open in agency.Proposals.Where(p => p.Value.Status == ProposalStatus.Open).Select(p => p.Key).ToList())
            {
                Take(agency.RecordOutcome(open, ProposalOutcome.Withdrawn, now), ref agency, events);
            }

            foreach (PersonId member in agency.Members.Keys.Where(p => p != agency.Owner).ToList())
            {
                Take(agency.RemoveMember(agency.Owner, member, now), ref agency, events);
            }

            Take(agency.Close(agency.Owner, now), ref agency, events);
        }

        return (events, agency);
    }

    private static bool Take(IOneOf result, ref AgencyAccount agency, List<AccountEvent> events)
    {
        switch (result.Value)
        {
            case Updated<AgencyAccount> updated:
                agency = updated.Account;
                events.AddRange(updated.Events);
                return true;
            default:
                return false;
        }
    }

    public override string ToString() => $"{Lifecycle}; membership dice {string.Join(", ", Membership)}";
}

/// <summary>Everything observable about an account of either kind, membership included, for comparing a live account with one replayed from JSON.</summary>
internal static class JsonAccounts
{
    public static object Replay(List<AccountEvent> events)
        => events[0] is AgencyCreated ? AgencyAccount.Replay(events) : FreelancerAccount.Replay(events);

    /// <summary>The account loaded from a snapshot and the events after it, resolving catalogs and zones as <paramref name="json"/> does.</summary>
    public static object Load(AccountSnapshot snapshot, IEnumerable<AccountEvent> after, AccountEventJson json)
        => snapshot.Kind == AccountKind.Agency
            ? AgencyAccount.Load(snapshot, after, json.Catalogs, json.Zones).SuccessOrThrow()
            : FreelancerAccount.Load(snapshot, after, json.Catalogs, json.Zones).SuccessOrThrow();

    public static void AssertSame(object expected, object actual)
    {
        switch (expected)
        {
            case AgencyAccount agency:
                var replayed = Assert.IsType<AgencyAccount>(actual);
                AccountView.AssertSame(AccountView.Of(agency), AccountView.Of(replayed));
                Assert.Equal(agency.Owner, replayed.Owner);
                Assert.Equal(agency.IsClosed, replayed.IsClosed);
                Assert.Equal(agency.Members.OrderBy(m => m.Key), replayed.Members.OrderBy(m => m.Key));
                Assert.Equal(agency.Proposals.OrderBy(p => p.Key), replayed.Proposals.OrderBy(p => p.Key));
                break;
            case FreelancerAccount freelancer:
                var other = Assert.IsType<FreelancerAccount>(actual);
                AccountView.AssertSame(AccountView.Of(freelancer), AccountView.Of(other));
                Assert.Equal(freelancer.Proposals.OrderBy(p => p.Key), other.Proposals.OrderBy(p => p.Key));
                break;
            default:
                throw new ArgumentException("Not an account.", nameof(expected));
        }
    }
}
