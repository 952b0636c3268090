using System.Collections.Generic;
using System.Globalization;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Membership;
using AgencyConnects.Domain.Proposals;
using AgencyConnects.Domain.Values;
using NodaTime;

namespace AgencyConnects.Domain.Benchmarks;

/// <summary>Builds agencies with a long history for the benchmarks, through the public operations.</summary>
internal static class BenchmarkAgencies
{
    public static readonly PersonId Owner = PersonId.Create("owner").AsT0;
    public static readonly Instant Start = Instant.FromUtc(2026, 1, 1, 0, 0);

    /// <summary>An Agency Plus agency whose history holds at least <paramref name="ledgerEntries"/> ledger entries, and all its events.</summary>
    public static (AgencyAccount Agency, List<AccountEvent> Events) WithHistory(int ledgerEntries)
    {
        var events = new List<AccountEvent>();
        Updated<AgencyAccount> created = AgencyAccount.Create(AgencyId.Create("agency").AsT0, Owner, Start, AgencyDirectory.Empty).AsT0;
        events.AddRange(created.Events);
        Updated<AgencyAccount> upgraded = created.Account.UpgradeToPlus(Owner, Start).AsT0;
        events.AddRange(upgraded.Events);
        AgencyAccount agency = upgraded.Account;
        Instant at = Start;
        Connects one = Connects.Create(1).AsT0;
        // A realistic history: a purchase of 4 Connects, then four proposals of 1 Connect each, each declined. Purchases
        // are spent, so the pool holds a handful of lots however long the ledger grows.
        int n = 0;
        int counted = 0;
        int entries = 0;
        while (entries < ledgerEntries)
        {
            at = at.Plus(Duration.FromMinutes(1)); // a busy agency: an operation a minute, so the 24-hour window holds 1,440 of them
            string id = n.ToString(CultureInfo.InvariantCulture);
            if (n % 5 == 0)
            {
                ConnectsPurchase<AgencyAccount> bought = agency.BuyConnects(Owner, Connects.Create(4).AsT0, RequestKey.Create("buy-" + id).AsT0, at).AsT0;
                events.AddRange(bought.Events);
                agency = bought.Account;
            }
            else
            {
                ProposalId proposal = ProposalId.Create("p-" + id).AsT0;
                ProposalSubmission<AgencyAccount> submitted = agency.SubmitProposal(Owner, Owner, proposal, one, Connects.Zero, RequestKey.Create("submit-" + id).AsT0, at).AsT0;
                events.AddRange(submitted.Events);
                Updated<AgencyAccount> declined = submitted.Account.RecordOutcome(proposal, ProposalOutcome.Declined, at).AsT0;
                events.AddRange(declined.Events);
                agency = declined.Account;
            }

            n++;

            // The ledger is a projection of the events: count the entries of the events added since the last count.
            for (; counted < events.Count; counted++)
            {
                entries += AccountHistory.LedgerEntriesOf(events[counted]).Length;
            }
        }

        return (agency, events);
    }

}
