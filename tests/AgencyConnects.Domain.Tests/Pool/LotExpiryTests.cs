using System.Linq;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Pool;
using NodaTime;
using Xunit;
using static AgencyConnects.Domain.Tests.Lifecycle.Catalogs;
using static AgencyConnects.Domain.Tests.Lifecycle.Given;
using static AgencyConnects.Domain.Tests.TestData;

namespace AgencyConnects.Domain.Tests.Pool;

/// <summary>
/// When a lot expires: never without an expiry, from its expiry instant on (inclusive) with one, and a lot expiring
/// exactly at a period's end is expired by that period's close, with a ledger entry.
/// </summary>
public sealed class LotExpiryTests
{
    [Fact]
    public void A_lot_that_never_expires_has_no_expiry_and_is_never_expired()
    {
        var lot = new Lot(LotSource.Purchase, C(5), Start, null);

        Assert.Null(lot.ExpiresAt);
        Assert.False(lot.IsExpiredAt(Instant.MaxValue));
    }

    [Fact]
    public void An_expiry_set_with_an_initializer_is_kept_and_null_clears_it()
    {
        var lot = new Lot(LotSource.Purchase, C(5), Start, null);

        Lot expiring = lot with { ExpiresAt = Hours(10) };
        Lot cleared = expiring with { ExpiresAt = null };

        Assert.Equal(Hours(10), expiring.ExpiresAt);
        Assert.True(expiring.IsExpiredAt(Hours(10)));
        Assert.False(expiring.IsExpiredAt(Hours(9)));
        Assert.Null(cleared.ExpiresAt);
        Assert.False(cleared.IsExpiredAt(Hours(10)));
    }

    [Fact]
    public void Lots_expiring_exactly_at_a_period_end_are_recorded_as_expired_by_the_close()
    {
        // MixedLifetimes: Connects acquired on Freelancer Basic expire a month later. The allotment granted at the start
        // of the second period (10 February, midnight UTC) expires on 10 March, the very end of that period.
        Story<FreelancerAccount> account = Begin(FreelancerAccount.Open(Holder, Start, Settings(MixedLifetimes)).AsT0);

        Updated<FreelancerAccount> later = account.Account.CloseElapsedPeriods(Utc(2025, 3, 10)).AsT0;

        PeriodClosed march = later.Events.OfType<PeriodClosed>().Single(close => close.At == Utc(2025, 3, 10));
        Assert.Equal(C(10), march.Outcome.Expired);
        Assert.Contains(new LedgerEntry(LedgerEntryKind.Expired, C(10), Utc(2025, 3, 10)), later.Entries());
        Assert.Equal(later.Account.Balance.Value, account.Then(_ => later).History.LedgerSum());
    }
}
