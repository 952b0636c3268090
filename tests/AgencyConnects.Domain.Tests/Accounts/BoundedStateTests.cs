using System.Globalization;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Proposals;
using NodaTime;
using Xunit;
using static AgencyConnects.Domain.Tests.Lifecycle.Given;
using static AgencyConnects.Domain.Tests.TestData;

namespace AgencyConnects.Domain.Tests.Accounts;

/// <summary>DOMAIN §9: an account's decision state, and so its snapshot, is bounded by what is live, not by its age.</summary>
public sealed class BoundedStateTests
{
    [Fact]
    public void A_hundred_thousand_operations_leave_a_snapshot_no_larger_than_ten_thousand_do()
    {
        // Every 10 minutes for almost two years: buy 1 Connect, submit a proposal costing 1, record it declined.
        AgencyAccount agency = PlusAgency();
        Instant at = Start;
        AccountSnapshot? atTenThousand = null;
        for (int i = 0; i < 100_000; i++)
        {
            at += Duration.FromMinutes(10);
            string id = (i / 3).ToString(CultureInfo.InvariantCulture);
            agency = (i % 3) switch
            {
                0 => agency.BuyConnects(Owner, C(1), Key("buy-" + id), at).SuccessOrThrow().Account,
                1 => agency.SubmitProposal(Owner, Owner, Proposal("p-" + id), C(1), C(0), Key("submit-" + id), at).SuccessOrThrow().Account,
                _ => agency.RecordOutcome(Proposal("p-" + id), ProposalOutcome.Declined, at).SuccessOrThrow().Account,
            };
            if (i == 9_999)
            {
                atTenThousand = agency.ToSnapshot();
            }
        }

        AccountSnapshot snapshot = agency.ToSnapshot();

        // 24 hours hold 144 operations: 48 purchases and 48 submissions keep their keys, 48 proposals stay remembered.
        Assert.Equal(96, snapshot.Requests.Length);
        Assert.Equal(48, snapshot.ClosedProposals.Length);
        Assert.Empty(snapshot.OpenProposals);
        // The lots are the live pool's: each holds at least one Connect; the Classic cap keeps the balance at most 160 + 80, + 1 bought and not yet spent.
        Assert.Equal(agency.Pool.Lots, snapshot.Lots);
        Assert.True(snapshot.Lots.Length <= 241 && agency.Balance.Value <= 241, $"{snapshot.Lots.Length} lots, {agency.Balance}");
        Assert.Equal(atTenThousand!.Requests.Length, snapshot.Requests.Length);
        Assert.Equal(atTenThousand.ClosedProposals.Length, snapshot.ClosedProposals.Length);
        Assert.True(snapshot.Version > 100_000);
        Assert.Equal(agency.Balance, AgencyAccount.Load(snapshot, []).SuccessOrThrow().Balance);
    }
}
