using System.Collections.Immutable;
using System.Linq;
using AgencyConnects.Domain.Billing;
using AgencyConnects.Domain.Membership;
using AgencyConnects.Domain.Plans;
using AgencyConnects.Domain.Pool;
using AgencyConnects.Domain.Proposals;
using AgencyConnects.Domain.Values;
using NodaTime;

namespace AgencyConnects.Domain.Accounts;

/// <summary>
/// An account's decision state at one version (DOMAIN §9): everything its next operation needs and nothing that only
/// grows. A host stores it beside the events, and loads the account from its latest snapshot plus the events recorded
/// after it (<see cref="AgencyAccount.Load"/>, <see cref="FreelancerAccount.Load"/>), which gives the very account the
/// live one is. Immutable; built by <see cref="ConnectsAccount.ToSnapshot"/>.
/// </summary>
/// <remarks>
/// <para>Its size is bounded by what is live: the lots, the current members, the open proposals, and the request keys
/// and closed proposals inside <see cref="AccountSettings.RequestRetention"/>; never by how long the account has
/// existed. The catalog and the time zone are held by their identifiers (<see cref="Catalog"/>, <see cref="Zone"/>),
/// resolved when the snapshot is loaded.</para>
/// <para>Two snapshots are equal when every field is, element by element in the collections.</para>
/// </remarks>
public sealed record AccountSnapshot
{
    /// <summary>The version of this snapshot's form; a later library reads every earlier form.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>The kind of account.</summary>
    public required AccountKind Kind { get; init; }

    /// <summary>The agency, for an agency account; <c>null</c> for a freelancer account.</summary>
    public AgencyId? Agency { get; init; }

    /// <summary>The agency's owner, or the freelancer account's holder.</summary>
    public required PersonId Principal { get; init; }

    /// <summary>Whether the agency is closed (always <c>false</c> for a freelancer account).</summary>
    public bool IsClosed { get; init; }

    /// <summary>The name of the plan catalog (<see cref="PlanCatalog.Name"/>), resolved by a <see cref="PlanCatalogRegistry"/>.</summary>
    public required string Catalog { get; init; }

    /// <summary>The identifier of the time zone of the account's billing dates (<see cref="DateTimeZone.Id"/>).</summary>
    public required string Zone { get; init; }

    /// <summary>The month-end policy.</summary>
    public required MonthEndPolicy Policy { get; init; }

    /// <summary>How long request keys and closed proposals are remembered.</summary>
    public required Duration RequestRetention { get; init; }

    /// <summary>The current plan.</summary>
    public required Plan Plan { get; init; }

    /// <summary>The anchor of the billing schedule: the local date the plan began or was last upgraded.</summary>
    public required LocalDate Anchor { get; init; }

    /// <summary>The index of the current billing period in the schedule.</summary>
    public required int PeriodIndex { get; init; }

    /// <summary>The downgrade or cancellation scheduled for the end of the current period, if any.</summary>
    public PlanChangeScheduled? PendingChange { get; init; }

    /// <summary>The pool's lots, in spend order.</summary>
    public required ImmutableArray<Lot> Lots { get; init; }

    /// <summary>The current members in joining order (empty for a freelancer account).</summary>
    public ImmutableArray<Member> Members { get; init; } = [];

    /// <summary>The open proposals, in submission order.</summary>
    public ImmutableArray<Proposal> OpenProposals { get; init; } = [];

    /// <summary>
    /// The requests still inside the retention window, oldest first, as the events that first recorded them
    /// (<see cref="ConnectsBought"/> or <see cref="ProposalSubmitted"/>): a repeat inside the window returns their outcome.
    /// </summary>
    public ImmutableArray<AccountEvent> Requests { get; init; } = [];

    /// <summary>The proposals closed inside the retention window, oldest first.</summary>
    public ImmutableArray<ClosedProposal> ClosedProposals { get; init; } = [];

    /// <summary>The number of events applied.</summary>
    public required long Version { get; init; }

    /// <summary>The instant of the last event.</summary>
    public required Instant LastChangedAt { get; init; }

    /// <inheritdoc/>
    public bool Equals(AccountSnapshot? other)
        => other is not null
           && Kind == other.Kind && Agency == other.Agency && Principal == other.Principal && IsClosed == other.IsClosed
           && Catalog == other.Catalog && Zone == other.Zone && Policy == other.Policy && RequestRetention == other.RequestRetention
           && Plan == other.Plan && Anchor == other.Anchor && PeriodIndex == other.PeriodIndex && Equals(PendingChange, other.PendingChange)
           && Same(Lots, other.Lots) && Same(Members, other.Members) && Same(OpenProposals, other.OpenProposals)
           && Same(Requests, other.Requests) && Same(ClosedProposals, other.ClosedProposals)
           && Version == other.Version && LastChangedAt == other.LastChangedAt;

    /// <inheritdoc/>
    public override int GetHashCode() => System.HashCode.Combine(Kind, Agency, Principal, Version, LastChangedAt);

    /// <summary>Element by element; a <c>default</c> array is the empty one.</summary>
    private static bool Same<T>(ImmutableArray<T> left, ImmutableArray<T> right)
        => (left.IsDefault ? [] : left).SequenceEqual(right.IsDefault ? [] : right);
}

/// <summary>A proposal that closed inside the retention window: its identifier is taken until <c>ClosedAt + RequestRetention</c>.</summary>
/// <param name="Proposal">The proposal.</param>
/// <param name="Outcome">The outcome that closed it.</param>
/// <param name="ClosedAt">When it closed.</param>
public sealed record ClosedProposal(ProposalId Proposal, ProposalOutcome Outcome, Instant ClosedAt);
