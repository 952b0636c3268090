using System.Collections.Immutable;
using AgencyConnects.Domain.Proposals;

namespace AgencyConnects.Domain.Accounts;

/// <summary>A successful operation: the account after it, and the events it caused (oldest first).</summary>
/// <typeparam name="TAccount">The kind of account.</typeparam>
/// <param name="Account">The account after the operation.</param>
/// <param name="Events">The events, including any period closes and expiries that came due before the operation's instant.</param>
public sealed record Updated<TAccount>(TAccount Account, ImmutableArray<AccountEvent> Events)
    where TAccount : class;

/// <summary>A successful purchase of Connects, or the first outcome of a repeated request.</summary>
/// <typeparam name="TAccount">The kind of account.</typeparam>
/// <param name="Account">The account after the purchase (unchanged on a repeat).</param>
/// <param name="Events">The events caused; empty on a repeat.</param>
/// <param name="Line">The bill line of the purchase (the first one on a repeat).</param>
/// <param name="IsRepeat">Whether the request key had been used for this same purchase before.</param>
public sealed record ConnectsPurchase<TAccount>(TAccount Account, ImmutableArray<AccountEvent> Events, BillLine Line, bool IsRepeat)
    where TAccount : class;

/// <summary>A successful proposal submission, or the first outcome of a repeated request.</summary>
/// <typeparam name="TAccount">The kind of account.</typeparam>
/// <param name="Account">The account after the submission (unchanged on a repeat).</param>
/// <param name="Events">The events caused; empty on a repeat.</param>
/// <param name="Proposal">The proposal as submitted.</param>
/// <param name="IsRepeat">Whether the request key had been used for this same submission before.</param>
public sealed record ProposalSubmission<TAccount>(TAccount Account, ImmutableArray<AccountEvent> Events, Proposal Proposal, bool IsRepeat)
    where TAccount : class;
