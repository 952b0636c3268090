using AgencyConnects.Domain.Values;
using NodaTime;

namespace AgencyConnects.Domain.Pool;

/// <summary>The kinds of change to a pool (DOMAIN §5).</summary>
public enum LedgerEntryKind
{
    /// <summary>A plan's allotment was granted (adds).</summary>
    Granted,

    /// <summary>Connects were bought (adds).</summary>
    Bought,

    /// <summary>Connects were spent on a proposal's cost or boost (takes away).</summary>
    Spent,

    /// <summary>A proposal's cost or boost came back (adds).</summary>
    Refunded,

    /// <summary>Unused Connects carried into the next period (a record only: the balance does not change).</summary>
    CarriedOver,

    /// <summary>Unused Connects above the rollover cap were forfeited at month end, or when an agency closed (takes away).</summary>
    Forfeited,

    /// <summary>Connects reached their expiry (takes away).</summary>
    Expired,
}

/// <summary>One change to a pool. The balance always equals the sum of <see cref="Delta"/> over the ledger.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Quantity">How many Connects it concerned.</param>
/// <param name="At">When it happened.</param>
/// <param name="Actor">The person who acted, or <c>null</c> for the system (grants, month end, expiry).</param>
/// <param name="Proposal">The proposal concerned, for spending and refunds.</param>
/// <param name="Member">The member the proposal was assigned to, for spending and refunds.</param>
/// <param name="IsBoost">Whether the entry concerns a proposal's boost bid rather than its cost.</param>
/// <param name="Submitter">For spending and refunds, the person who submitted the proposal.</param>
public sealed record LedgerEntry(
    LedgerEntryKind Kind,
    Connects Quantity,
    Instant At,
    PersonId? Actor = null,
    ProposalId? Proposal = null,
    PersonId? Member = null,
    bool IsBoost = false,
    PersonId? Submitter = null)
{
    /// <summary>The signed change to the balance: positive for grants, purchases and refunds, negative for spending, forfeits and expiry, zero for carry-overs.</summary>
    public long Delta => Kind switch
    {
        LedgerEntryKind.Granted or LedgerEntryKind.Bought or LedgerEntryKind.Refunded => Quantity.Value,
        LedgerEntryKind.Spent or LedgerEntryKind.Forfeited or LedgerEntryKind.Expired => -(long)Quantity.Value,
        _ => 0,
    };
}
