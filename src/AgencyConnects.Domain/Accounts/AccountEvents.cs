using AgencyConnects.Domain.Billing;
using AgencyConnects.Domain.Membership;
using AgencyConnects.Domain.Plans;
using AgencyConnects.Domain.Pool;
using AgencyConnects.Domain.Proposals;
using AgencyConnects.Domain.Values;
using NodaTime;

namespace AgencyConnects.Domain.Accounts;

/// <summary>
/// Something that happened to an account. Every successful operation returns the events it caused; applying the
/// events of an account in order, from the first, rebuilds an equal account (<c>Replay</c>).
/// </summary>
/// <param name="At">When it happened. Events of one account never go back in time.</param>
public abstract record AccountEvent(Instant At);

/// <summary>An agency was created by its owner, on Agency Basic, its billing anniversary the local date of <paramref name="At"/>.</summary>
/// <param name="At">When.</param>
/// <param name="Agency">The agency.</param>
/// <param name="Owner">The owner, its first member, holding every permission.</param>
/// <param name="OwnerMembership">Whether the owner works through this agency only.</param>
/// <param name="Settings">How the account is billed.</param>
public sealed record AgencyCreated(Instant At, AgencyId Agency, PersonId Owner, MembershipKind OwnerMembership, AccountSettings Settings) : AccountEvent(At);

/// <summary>A person opened their freelancer account, on Freelancer Basic, its billing anniversary the local date of <paramref name="At"/>.</summary>
/// <param name="At">When.</param>
/// <param name="Person">The account holder.</param>
/// <param name="Settings">How the account is billed.</param>
public sealed record FreelancerAccountOpened(Instant At, PersonId Person, AccountSettings Settings) : AccountEvent(At);

/// <summary>The account's plan changed. On an upgrade the billing anniversary moves to the local date of <paramref name="At"/> and a new period starts.</summary>
/// <param name="At">When it took effect.</param>
/// <param name="From">The plan before.</param>
/// <param name="To">The plan after.</param>
/// <param name="Reason">Why.</param>
public sealed record PlanChanged(Instant At, Plan From, Plan To, PlanChangeReason Reason) : AccountEvent(At);

/// <summary>A downgrade or cancellation was asked for; it takes effect at <paramref name="EffectiveAt"/>, the end of the current period.</summary>
/// <param name="At">When it was asked for.</param>
/// <param name="Actor">Who asked.</param>
/// <param name="Reason"><see cref="PlanChangeReason.Downgrade"/> or <see cref="PlanChangeReason.Cancel"/>.</param>
/// <param name="EffectiveAt">When it takes effect.</param>
public sealed record PlanChangeScheduled(Instant At, PersonId Actor, PlanChangeReason Reason, Instant EffectiveAt) : AccountEvent(At);

/// <summary>A billing period ended: lots past their expiry were removed, the rollover cap was applied, and the next period began.</summary>
/// <param name="At">The end of the period.</param>
/// <param name="Period">The period that ended.</param>
/// <param name="Outcome">What was expired, forfeited and carried over.</param>
public sealed record PeriodClosed(Instant At, BillingPeriod Period, RolloverOutcome Outcome) : AccountEvent(At);

/// <summary>A plan's allotment was granted for a new period.</summary>
/// <param name="At">The start of the period.</param>
/// <param name="Quantity">The Connects granted (zero when the pool was full, and all of the allotment was withheld).</param>
/// <param name="ExpiresAt">When they expire, if ever (<c>null</c> when nothing was granted).</param>
/// <param name="Withheld">
/// The part of the allotment not granted because the pool holds at most <see cref="Connects.MaxValue"/>: zero unless
/// the pool was that full. The allotment is <paramref name="Quantity"/> plus <paramref name="Withheld"/>.
/// </param>
public sealed record ConnectsGranted(Instant At, Connects Quantity, Instant? ExpiresAt, Connects Withheld = default) : AccountEvent(At);

/// <summary>A period's fee was charged.</summary>
/// <param name="At">The start of the period.</param>
/// <param name="Line">The bill line.</param>
public sealed record FeeCharged(Instant At, BillLine Line) : AccountEvent(At);

/// <summary>Connects were bought.</summary>
/// <param name="At">When.</param>
/// <param name="Actor">Who bought.</param>
/// <param name="Quantity">How many.</param>
/// <param name="ExpiresAt">When they expire, if ever.</param>
/// <param name="Request">The caller's request key.</param>
/// <param name="Line">The bill line.</param>
public sealed record ConnectsBought(Instant At, PersonId Actor, Connects Quantity, Instant? ExpiresAt, RequestKey Request, BillLine Line) : AccountEvent(At);

/// <summary>Lots reached their expiry, between two period ends.</summary>
/// <param name="At">The expiry instant: every lot expiring at or before it is removed.</param>
/// <param name="Quantity">The Connects removed.</param>
public sealed record ConnectsExpired(Instant At, Connects Quantity) : AccountEvent(At);

/// <summary>A member joined an agency.</summary>
/// <param name="At">When.</param>
/// <param name="Actor">Who added them.</param>
/// <param name="Member">The new member.</param>
public sealed record MemberAdded(Instant At, PersonId Actor, Member Member) : AccountEvent(At);

/// <summary>A member's permissions changed.</summary>
/// <param name="At">When.</param>
/// <param name="Actor">Who changed them.</param>
/// <param name="Person">The member.</param>
/// <param name="Permissions">The permissions now held.</param>
public sealed record PermissionsChanged(Instant At, PersonId Actor, PersonId Person, Permissions Permissions) : AccountEvent(At);

/// <summary>A member left an agency or was removed.</summary>
/// <param name="At">When.</param>
/// <param name="Actor">Who removed them (themselves when they left).</param>
/// <param name="Person">The former member.</param>
public sealed record MemberRemoved(Instant At, PersonId Actor, PersonId Person) : AccountEvent(At);

/// <summary>Ownership passed to another member; the former owner stays as a member with every permission.</summary>
/// <param name="At">When.</param>
/// <param name="FormerOwner">The former owner.</param>
/// <param name="NewOwner">The new owner.</param>
public sealed record OwnershipTransferred(Instant At, PersonId FormerOwner, PersonId NewOwner) : AccountEvent(At);

/// <summary>An agency was closed by its owner; its remaining Connects were forfeited.</summary>
/// <param name="At">When.</param>
/// <param name="Owner">The owner who closed it.</param>
/// <param name="Forfeited">The Connects forfeited.</param>
public sealed record AgencyClosed(Instant At, PersonId Owner, Connects Forfeited) : AccountEvent(At);

/// <summary>A proposal was submitted; its cost and boost were taken from the pool.</summary>
/// <param name="At">When.</param>
/// <param name="Proposal">The proposal as submitted.</param>
/// <param name="Request">The caller's request key.</param>
public sealed record ProposalSubmitted(Instant At, Proposal Proposal, RequestKey Request) : AccountEvent(At);

/// <summary>An outcome was recorded for a proposal; any refund came back as a refund lot.</summary>
/// <param name="At">When.</param>
/// <param name="Actor">Who recorded it, or <c>null</c> for the marketplace.</param>
/// <param name="Proposal">The proposal.</param>
/// <param name="Outcome">The outcome.</param>
/// <param name="Refund">The Connects returned (zero when none).</param>
/// <param name="RefundExpiresAt">When the refund lot expires, if ever.</param>
/// <param name="Assignee">The member the proposal was assigned to (the holder, for a freelancer's own), so that the event alone gives its ledger entry.</param>
/// <param name="Submitter">Who submitted the proposal.</param>
public sealed record ProposalOutcomeRecorded(
    Instant At, PersonId? Actor, ProposalId Proposal, ProposalOutcome Outcome, Connects Refund, Instant? RefundExpiresAt, PersonId Assignee, PersonId Submitter)
    : AccountEvent(At);
