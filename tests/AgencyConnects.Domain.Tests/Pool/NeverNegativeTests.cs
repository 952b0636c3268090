using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Pool;
using Xunit;
using static AgencyConnects.Domain.Tests.Lifecycle.Given;
using static AgencyConnects.Domain.Tests.TestData;

namespace AgencyConnects.Domain.Tests.Pool;

/// <summary>The balance is never negative: an overdraw is refused with the facts and changes nothing (DOMAIN §5).</summary>
public sealed class NeverNegativeTests
{
    [Fact]
    public void Agency_overdraw_returns_InsufficientConnects_and_changes_nothing()
    {
        AgencyAccount agency = PlusAgency().SubmitProposal(Owner, Owner, Proposal("p1"), C(6), C(50), Key("p1"), Hours(1)).AsT0.Account;
        Assert.Equal(C(24), agency.Balance);

        var refused = agency.SubmitProposal(Owner, Owner, Proposal("p2"), C(6), C(20), Key("p2"), Hours(2));

        Assert.Equal<object>(new InsufficientConnects(C(26), C(24)), refused.Value);
        Assert.Equal(C(24), agency.Balance);
        Assert.Equal(5, agency.Version);
        Assert.DoesNotContain(Proposal("p2"), agency.Proposals.Keys);

        // Nothing was recorded: the same key and proposal go through for what the pool holds, down to exactly zero.
        ProposalSubmission<AgencyAccount> exact = agency.SubmitProposal(Owner, Owner, Proposal("p2"), C(6), C(18), Key("p2"), Hours(2)).AsT0;
        Assert.False(exact.IsRepeat);
        Assert.Equal(C(0), exact.Account.Balance);
        Assert.Equal<object>(new InsufficientConnects(C(1), C(0)), exact.Account.SubmitProposal(Owner, Owner, Proposal("p3"), C(1), C(0), Key("p3"), Hours(3)).Value);
    }

    [Fact]
    public void Freelancer_overdraw_returns_InsufficientConnects_and_changes_nothing()
    {
        FreelancerAccount account = BasicFreelancer();
        long version = account.Version;

        var refused = account.SubmitProposal(Holder, Proposal("p1"), C(6), C(5), Key("p1"), Hours(1), null);

        Assert.Equal<object>(new InsufficientConnects(C(11), C(10)), refused.Value);
        Assert.Equal(version, account.Version);
        Assert.Equal(C(10), account.Balance);
        Assert.Empty(account.Proposals);
    }

    [Fact]
    public void A_refused_overdraw_reports_the_balance_after_elapsed_closes_but_records_none_of_them()
    {
        // Freelancer Basic: 10 at open; at the Feb 10 close the 10 carry (cap 20) and 10 more are granted.
        FreelancerAccount account = BasicFreelancer();
        long version = account.Version;

        var refused = account.SubmitProposal(Holder, Proposal("p1"), C(6), C(20), Key("p1"), Utc(2025, 2, 11), null);

        Assert.Equal<object>(new InsufficientConnects(C(26), C(20)), refused.Value);
        Assert.Equal(version, account.Version);
        Assert.Equal(0, account.CurrentPeriod.Index);
        Assert.Equal(C(10), account.Balance);
        Assert.Equal(Start, account.LastChangedAt);
    }

    [Fact]
    public void The_running_sum_of_the_ledger_never_goes_below_zero()
    {
        Story<AgencyAccount> agency = PlusAgencyStory()
            .Then(a => a.SubmitProposal(Owner, Owner, Proposal("p1"), C(6), C(50), Key("p1"), Hours(1)).AsT0)
            .Then(a => a.SubmitProposal(Owner, Owner, Proposal("p2"), C(6), C(18), Key("p2"), Hours(2)).AsT0)
            .Then(a => a.BuyConnects(Owner, C(3), Key("buy"), Hours(3)).AsT0);

        long running = 0;
        foreach (LedgerEntry entry in agency.History.Ledger)
        {
            running += entry.Delta;
            Assert.True(running >= 0, $"The ledger went to {running} at {entry}.");
        }

        Assert.Equal(3, running);
        Assert.Equal(C(3), agency.Account.Balance);
    }
}
