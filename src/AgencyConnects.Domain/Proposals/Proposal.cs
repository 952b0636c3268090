using AgencyConnects.Domain.Values;
using NodaTime;

namespace AgencyConnects.Domain.Proposals;

/// <summary>How a proposal ended (DOMAIN §6), and what comes back.</summary>
public enum ProposalOutcome
{
    /// <summary>The freelancer or agency withdrew it: no refund.</summary>
    Withdrawn,

    /// <summary>The client declined it: no refund.</summary>
    Declined,

    /// <summary>It expired unanswered: no refund.</summary>
    Expired,

    /// <summary>The client hired another freelancer: no refund.</summary>
    HiredElsewhere,

    /// <summary>The client hired this proposal's freelancer: no refund.</summary>
    Hired,

    /// <summary>The client cancelled the job before hiring: the whole cost, boost included, comes back.</summary>
    JobCancelled,

    /// <summary>The job was removed for a policy violation: the whole cost, boost included, comes back.</summary>
    JobRemoved,

    /// <summary>Another proposal outbid this one's boost: the boost only comes back; the proposal stays open.</summary>
    Outbid,
}

/// <summary>Where a proposal stands.</summary>
public enum ProposalStatus
{
    /// <summary>Submitted and not yet ended.</summary>
    Open,

    /// <summary>Ended by an outcome other than <see cref="ProposalOutcome.Outbid"/>.</summary>
    Closed,
}

/// <summary>A proposal submitted from an account, always assigned to one person (DOMAIN §6).</summary>
/// <param name="Id">The proposal.</param>
/// <param name="Submitter">Who submitted it.</param>
/// <param name="Assignee">The person it is for: a member with the Freelancer permission, or the account holder.</param>
/// <param name="Cost">The Connects it cost, boost excluded.</param>
/// <param name="Boost">The boost bid.</param>
/// <param name="SubmittedAt">When it was submitted.</param>
/// <param name="Status">Whether it is still open.</param>
/// <param name="Outcome">The outcome that closed it, if closed.</param>
/// <param name="Refunded">The Connects that came back so far; never more than <see cref="Cost"/> plus <see cref="Boost"/>.</param>
/// <param name="BoostRefunded">Whether the boost came back (outbid, or a full refund).</param>
public sealed record Proposal(
    ProposalId Id,
    PersonId Submitter,
    PersonId Assignee,
    Connects Cost,
    Connects Boost,
    Instant SubmittedAt,
    ProposalStatus Status = ProposalStatus.Open,
    ProposalOutcome? Outcome = null,
    Connects Refunded = default,
    bool BoostRefunded = false)
{
    /// <summary>Whether <paramref name="outcome"/> closes a proposal: every outcome but outbid.</summary>
    internal static bool Closes(ProposalOutcome outcome) => outcome != ProposalOutcome.Outbid;

    /// <summary>The proposal after an outcome that refunded <paramref name="refund"/> (DOMAIN §6): outbid leaves it open with its boost back; any other outcome closes it.</summary>
    internal Proposal After(ProposalOutcome outcome, Connects refund)
    {
        bool closes = Closes(outcome);
        bool boostBack = outcome is ProposalOutcome.Outbid or ProposalOutcome.JobCancelled or ProposalOutcome.JobRemoved;
        return this with
        {
            Status = closes ? ProposalStatus.Closed : ProposalStatus.Open,
            Outcome = closes ? outcome : Outcome,
            Refunded = Refunded.Add(refund),
            BoostRefunded = BoostRefunded || (boostBack && !Boost.IsZero),
        };
    }
}
