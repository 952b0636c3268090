using AgencyConnects.Domain.Values;

namespace AgencyConnects.Domain.Proposals;

/// <summary>A proposal's cost or boost is above what the plan accepts.</summary>
/// <param name="Cost">The cost given.</param>
/// <param name="Boost">The boost given.</param>
/// <param name="MaxCost">The plan's largest proposal cost.</param>
/// <param name="MaxBoost">The plan's largest boost bid.</param>
public sealed record ProposalCostOutOfRange(Connects Cost, Connects Boost, Connects MaxCost, Connects MaxBoost) : DomainError
{
    /// <inheritdoc/>
    public override string Message => $"The cost {Cost} and boost {Boost} exceed the plan's limits ({MaxCost} and {MaxBoost}).";
}

/// <summary>A proposal with this identifier was already submitted from the account.</summary>
/// <param name="Proposal">The proposal.</param>
public sealed record DuplicateProposal(ProposalId Proposal) : DomainError
{
    /// <inheritdoc/>
    public override string Message => $"A proposal {Proposal} was submitted already.";
}

/// <summary>No proposal with this identifier was submitted from the account.</summary>
/// <param name="Proposal">The proposal.</param>
public sealed record ProposalNotFound(ProposalId Proposal) : DomainError
{
    /// <inheritdoc/>
    public override string Message => $"No proposal {Proposal} was submitted from the account.";
}

/// <summary>The proposal is closed: it accepts no further outcome.</summary>
/// <param name="Proposal">The proposal.</param>
/// <param name="Outcome">The outcome that closed it.</param>
public sealed record ProposalAlreadyClosed(ProposalId Proposal, ProposalOutcome Outcome) : DomainError
{
    /// <inheritdoc/>
    public override string Message => $"The proposal {Proposal} is closed ({Outcome}).";
}

/// <summary>An outbid was recorded for a proposal whose boost is zero or already came back.</summary>
/// <param name="Proposal">The proposal.</param>
public sealed record NoBoostToRefund(ProposalId Proposal) : DomainError
{
    /// <inheritdoc/>
    public override string Message => $"The proposal {Proposal} has no boost left to refund.";
}
