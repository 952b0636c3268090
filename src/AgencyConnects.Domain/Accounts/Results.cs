using System.Collections.Immutable;
using AgencyConnects.Domain.Pool;
using AgencyConnects.Domain.Proposals;

namespace AgencyConnects.Domain.Accounts;

/// <summary>
/// What every successful operation returns: the account after it, and the events it caused (oldest first). Purchases
/// and submissions return the derived <see cref="ConnectsPurchase{TAccount}"/> and
/// <see cref="ProposalSubmission{TAccount}"/>, which add what they created; a host stores <see cref="Events"/> and
/// applies them to its <see cref="Membership.AgencyDirectory"/> the same way for all of them.
/// </summary>
/// <typeparam name="TAccount">The kind of account.</typeparam>
/// <param name="Account">The account after the operation.</param>
/// <param name="Events">The events, including any period closes and expiries that came due before the operation's instant; empty when nothing changed.</param>
public record Updated<TAccount>(TAccount Account, ImmutableArray<AccountEvent> Events)
    where TAccount : ConnectsAccount;

/// <summary>A successful purchase of Connects, or the first outcome of a repeated request.</summary>
/// <typeparam name="TAccount">The kind of account.</typeparam>
/// <param name="Account">The account after the purchase (unchanged on a repeat).</param>
/// <param name="Events">The events caused; empty on a repeat.</param>
/// <param name="Line">The bill line of the purchase (the first one on a repeat).</param>
/// <param name="Lot">The lot the purchase created (the first one on a repeat), as it was created.</param>
/// <param name="IsRepeat">Whether the request key had been used for this same purchase before.</param>
public sealed record ConnectsPurchase<TAccount>(TAccount Account, ImmutableArray<AccountEvent> Events, BillLine Line, Lot Lot, bool IsRepeat)
    : Updated<TAccount>(Account, Events)
    where TAccount : ConnectsAccount;

/// <summary>A successful proposal submission, or the first outcome of a repeated request.</summary>
/// <typeparam name="TAccount">The kind of account.</typeparam>
/// <param name="Account">The account after the submission (unchanged on a repeat).</param>
/// <param name="Events">The events caused; empty on a repeat.</param>
/// <param name="Proposal">The proposal as submitted.</param>
/// <param name="IsRepeat">Whether the request key had been used for this same submission before.</param>
public sealed record ProposalSubmission<TAccount>(TAccount Account, ImmutableArray<AccountEvent> Events, Proposal Proposal, bool IsRepeat)
    : Updated<TAccount>(Account, Events)
    where TAccount : ConnectsAccount;
