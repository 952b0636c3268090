using System;
using System.Collections.Frozen;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using AgencyConnects.Domain.Accounts;

namespace AgencyConnects.Domain.Json.Contract;

/// <summary>One event type of the contract: its JSON shape and how the shape becomes the event.</summary>
internal abstract class EventShape
{
    public abstract JsonTypeInfo TypeInfo { get; }

    /// <summary>Deserializes and maps; throws only what System.Text.Json throws for a document that does not fit the shape.</summary>
    public abstract AccountEvent? Read(ReadOnlySpan<byte> utf8, ContractReader reader);
}

internal sealed class EventShape<TDto>(JsonTypeInfo<TDto> typeInfo, Func<ContractReader, TDto, AccountEvent?> map) : EventShape
    where TDto : EventDto
{
    public override JsonTypeInfo TypeInfo => typeInfo;

    public override AccountEvent? Read(ReadOnlySpan<byte> utf8, ContractReader reader)
    {
        TDto? dto = JsonSerializer.Deserialize(utf8, typeInfo);
        if (dto is null)
        {
            return null;
        }

        return reader.Known(dto, "$") ? map(reader, dto) : null;
    }
}

/// <summary>The table of event types, by type tag: the one place a new event type or field is added.</summary>
internal static class EventReader
{
    private const string R = "$";

    public static FrozenDictionary<string, EventShape> Shapes { get; } = Build();

    private static FrozenDictionary<string, EventShape> Build()
    {
        ContractContext c = ContractContext.Strict;
        var shapes = new Dictionary<string, EventShape>(StringComparer.Ordinal)
        {
            [EventTags.AgencyCreated] = new EventShape<AgencyCreatedDto>(c.AgencyCreatedDto, (r, d) =>
            {
                var e = (
                    At: r.Instant(d.At, R, "at"),
                    Agency: r.Agency(d.Agency, R, "agency"),
                    Owner: r.Person(d.Owner, R, "owner"),
                    Membership: r.Name(d.OwnerMembership, Names.MembershipKinds, R, "ownerMembership"),
                    Settings: r.Settings(d.Settings, R, "settings"));
                return r.Failed ? null : new AgencyCreated(e.At, e.Agency, e.Owner, e.Membership, e.Settings);
            }),
            [EventTags.FreelancerAccountOpened] = new EventShape<FreelancerAccountOpenedDto>(c.FreelancerAccountOpenedDto, (r, d) =>
            {
                var e = (At: r.Instant(d.At, R, "at"), Person: r.Person(d.Person, R, "person"), Settings: r.Settings(d.Settings, R, "settings"));
                return r.Failed ? null : new FreelancerAccountOpened(e.At, e.Person, e.Settings);
            }),
            [EventTags.PlanChanged] = new EventShape<PlanChangedDto>(c.PlanChangedDto, (r, d) =>
            {
                var e = (
                    At: r.Instant(d.At, R, "at"),
                    From: r.Plan(d.From, R, "from"),
                    To: r.Plan(d.To, R, "to"),
                    Reason: r.Name(d.Reason, Names.PlanChangeReasons, R, "reason"));
                return r.Failed ? null : new PlanChanged(e.At, e.From, e.To, e.Reason);
            }),
            [EventTags.PlanChangeScheduled] = new EventShape<PlanChangeScheduledDto>(c.PlanChangeScheduledDto, (r, d) =>
            {
                var e = (
                    At: r.Instant(d.At, R, "at"),
                    Actor: r.Person(d.Actor, R, "actor"),
                    Reason: r.Name(d.Reason, Names.PlanChangeReasons, R, "reason"),
                    EffectiveAt: r.Instant(d.EffectiveAt, R, "effectiveAt"));
                return r.Failed ? null : new PlanChangeScheduled(e.At, e.Actor, e.Reason, e.EffectiveAt);
            }),
            [EventTags.PeriodClosed] = new EventShape<PeriodClosedDto>(c.PeriodClosedDto, (r, d) =>
            {
                var e = (At: r.Instant(d.At, R, "at"), Period: r.Period(d.Period, R, "period"), Outcome: r.Outcome(d.Outcome, R, "outcome"));
                return r.Failed ? null : new PeriodClosed(e.At, e.Period, e.Outcome);
            }),
            [EventTags.ConnectsGranted] = new EventShape<ConnectsGrantedDto>(c.ConnectsGrantedDto, (r, d) =>
            {
                var e = (At: r.Instant(d.At, R, "at"), Quantity: r.Connects(d.Quantity, R, "quantity"), Withheld: r.Connects(d.Withheld, R, "withheld"));
                return r.Failed ? null : new ConnectsGranted(e.At, e.Quantity, d.ExpiresAt, e.Withheld);
            }),
            [EventTags.FeeCharged] = new EventShape<FeeChargedDto>(c.FeeChargedDto, (r, d) =>
            {
                var e = (At: r.Instant(d.At, R, "at"), Line: r.Line(d.Line, R, "line"));
                return r.Failed ? null : new FeeCharged(e.At, e.Line);
            }),
            [EventTags.ConnectsBought] = new EventShape<ConnectsBoughtDto>(c.ConnectsBoughtDto, (r, d) =>
            {
                var e = (
                    At: r.Instant(d.At, R, "at"),
                    Actor: r.Person(d.Actor, R, "actor"),
                    Quantity: r.Connects(d.Quantity, R, "quantity"),
                    Request: r.Request(d.Request, R, "request"),
                    Line: r.Line(d.Line, R, "line"));
                return r.Failed ? null : new ConnectsBought(e.At, e.Actor, e.Quantity, d.ExpiresAt, e.Request, e.Line);
            }),
            [EventTags.ConnectsExpired] = new EventShape<ConnectsExpiredDto>(c.ConnectsExpiredDto, (r, d) =>
            {
                var e = (At: r.Instant(d.At, R, "at"), Quantity: r.Connects(d.Quantity, R, "quantity"));
                return r.Failed ? null : new ConnectsExpired(e.At, e.Quantity);
            }),
            [EventTags.MemberAdded] = new EventShape<MemberAddedDto>(c.MemberAddedDto, (r, d) =>
            {
                var e = (At: r.Instant(d.At, R, "at"), Actor: r.Person(d.Actor, R, "actor"), Member: r.Member(d.Member, R, "member"));
                return r.Failed ? null : new MemberAdded(e.At, e.Actor, e.Member);
            }),
            [EventTags.PermissionsChanged] = new EventShape<PermissionsChangedDto>(c.PermissionsChangedDto, (r, d) =>
            {
                var e = (
                    At: r.Instant(d.At, R, "at"),
                    Actor: r.Person(d.Actor, R, "actor"),
                    Person: r.Person(d.Person, R, "person"),
                    Permissions: r.Permissions(d.Permissions, R, "permissions"));
                return r.Failed ? null : new PermissionsChanged(e.At, e.Actor, e.Person, e.Permissions);
            }),
            [EventTags.MemberRemoved] = new EventShape<MemberRemovedDto>(c.MemberRemovedDto, (r, d) =>
            {
                var e = (At: r.Instant(d.At, R, "at"), Actor: r.Person(d.Actor, R, "actor"), Person: r.Person(d.Person, R, "person"));
                return r.Failed ? null : new MemberRemoved(e.At, e.Actor, e.Person);
            }),
            [EventTags.OwnershipTransferred] = new EventShape<OwnershipTransferredDto>(c.OwnershipTransferredDto, (r, d) =>
            {
                var e = (At: r.Instant(d.At, R, "at"), Former: r.Person(d.FormerOwner, R, "formerOwner"), New: r.Person(d.NewOwner, R, "newOwner"));
                return r.Failed ? null : new OwnershipTransferred(e.At, e.Former, e.New);
            }),
            [EventTags.AgencyClosed] = new EventShape<AgencyClosedDto>(c.AgencyClosedDto, (r, d) =>
            {
                var e = (At: r.Instant(d.At, R, "at"), Owner: r.Person(d.Owner, R, "owner"), Forfeited: r.Connects(d.Forfeited, R, "forfeited"));
                return r.Failed ? null : new AgencyClosed(e.At, e.Owner, e.Forfeited);
            }),
            [EventTags.ProposalSubmitted] = new EventShape<ProposalSubmittedDto>(c.ProposalSubmittedDto, (r, d) =>
            {
                var e = (At: r.Instant(d.At, R, "at"), Proposal: r.Proposal(d.Proposal, R, "proposal"), Request: r.Request(d.Request, R, "request"));
                return r.Failed ? null : new ProposalSubmitted(e.At, e.Proposal, e.Request);
            }),
            [EventTags.ProposalOutcomeRecorded] = new EventShape<ProposalOutcomeRecordedDto>(c.ProposalOutcomeRecordedDto, (r, d) =>
            {
                var e = (
                    At: r.Instant(d.At, R, "at"),
                    Actor: r.OptionalPerson(d.Actor, R, "actor"),
                    Proposal: r.ProposalId(d.Proposal, R, "proposal"),
                    Outcome: r.Name(d.Outcome, Names.ProposalOutcomes, R, "outcome"),
                    Refund: r.Connects(d.Refund, R, "refund"),
                    Assignee: r.Person(d.Assignee, R, "assignee"),
                    Submitter: r.Person(d.Submitter, R, "submitter"));
                return r.Failed ? null : new ProposalOutcomeRecorded(e.At, e.Actor, e.Proposal, e.Outcome, e.Refund, d.RefundExpiresAt, e.Assignee, e.Submitter);
            }),
        };
        return shapes.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
