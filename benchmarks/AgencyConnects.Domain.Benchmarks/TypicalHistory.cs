using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Membership;
using AgencyConnects.Domain.Proposals;
using AgencyConnects.Domain.Values;
using NodaTime;
using OneOf;

namespace AgencyConnects.Domain.Benchmarks;

/// <summary>
/// A typical agency history for the JSON benchmarks, a mix like the whole-model test's, through the public operations:
/// purchases, proposals submitted for members with and without boosts, outcomes (refunds included), members added,
/// re-permissioned and removed, plan changes, and time passing over month ends (grants, fees, rollovers, expiries in
/// the Current catalog's one-year lifetime). Seeded, so every run measures the same events.
/// </summary>
internal static class TypicalHistory
{
    private static readonly PersonId[] s_members = [.. Enumerable.Range(0, 6).Select(i => PersonId.Create("member-" + i.ToString(CultureInfo.InvariantCulture)).AsT0)];
    private static readonly int[] s_bundles = [10, 20, 40, 80];
    private static readonly ProposalOutcome[] s_outcomes = Enum.GetValues<ProposalOutcome>();

    /// <summary>The first <paramref name="count"/> events of an agency's history.</summary>
    public static List<AccountEvent> Events(int count)
    {
        var random = new Random(20_251_201);
        var events = new List<AccountEvent>(count + 16);
        PersonId owner = BenchmarkAgencies.Owner;
        Instant at = BenchmarkAgencies.Start;
        AccountSettings settings = AccountSettings.Create(Plans.PlanCatalog.Current, DateTimeZoneProviders.Tzdb["Europe/Paris"]).AsT0;
        AgencyAccount agency = Take(AgencyAccount.Create(AgencyId.Create("typical").AsT0, owner, at, AgencyDirectory.Empty, settings), events)!;
        agency = Take(agency.UpgradeToPlus(owner, at), events) ?? agency;
        var open = new List<ProposalId>();
        int n = 0;
        while (events.Count < count)
        {
            at = at.Plus(Duration.FromMinutes(random.Next(1, 240)));
            string id = (n++).ToString(CultureInfo.InvariantCulture);
            PersonId member = s_members[random.Next(s_members.Length)];
            int dice = random.Next(100);
            AgencyAccount? next = dice switch
            {
                < 20 => Take(agency.BuyConnects(owner, Connects.Create(s_bundles[random.Next(s_bundles.Length)]).AsT0, RequestKey.Create("buy-" + id).AsT0, at), events),
                < 50 => Submit(agency, member, id, random, at, events, open),
                < 75 when open.Count > 0 => Outcome(agency, open, random, at, events),
                < 82 => Take(agency.AddMember(owner, member, (Permissions)random.Next(1, 8) | Permissions.Freelancer, MembershipKind.NonExclusive, at, AgencyDirectory.Empty), events),
                < 86 => Take(agency.ChangePermissions(owner, member, (Permissions)random.Next(1, 8) | Permissions.Freelancer, at), events),
                < 89 => Take(agency.RemoveMember(owner, member, at), events),
                < 90 => Take(agency.DowngradeToBasic(owner, at), events),
                < 92 => Take(agency.UpgradeToPlus(owner, at), events),
                _ => Take(agency.CloseElapsedPeriods(at.Plus(Duration.FromDays(random.Next(1, 4)))), events),
            };
            agency = next ?? agency;
            at = Instant.Max(at, agency.LastChangedAt);
        }

        return events.GetRange(0, count);
    }

    private static AgencyAccount? Submit(AgencyAccount agency, PersonId member, string id, Random random, Instant at, List<AccountEvent> events, List<ProposalId> open)
    {
        ProposalId proposal = ProposalId.Create("proposal-" + id).AsT0;
        Connects boost = Connects.Create(random.Next(3) == 0 ? random.Next(1, 20) : 0).AsT0;
        AgencyAccount? next = Take(agency.SubmitProposal(agency.Owner, member, proposal, Connects.Create(random.Next(0, 7)).AsT0, boost, RequestKey.Create("submit-" + id).AsT0, at), events);
        if (next is not null)
        {
            open.Add(proposal);
        }

        return next;
    }

    private static AgencyAccount? Outcome(AgencyAccount agency, List<ProposalId> open, Random random, Instant at, List<AccountEvent> events)
    {
        int index = random.Next(open.Count);
        ProposalOutcome outcome = s_outcomes[random.Next(s_outcomes.Length)];
        AgencyAccount? next = Take(agency.RecordOutcome(open[index], outcome, at), events);
        if (next is not null && outcome != ProposalOutcome.Outbid)
        {
            open.RemoveAt(index);
        }

        return next;
    }

    private static AgencyAccount? Take(IOneOf result, List<AccountEvent> events)
    {
        if (result.Value is Updated<AgencyAccount> updated)
        {
            events.AddRange(updated.Events);
            return updated.Account;
        }

        return null;
    }
}
