using System;
using System.Collections.Generic;
using System.Text.Json.Serialization.Metadata;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Billing;
using AgencyConnects.Domain.Membership;
using AgencyConnects.Domain.Pool;
using AgencyConnects.Domain.Proposals;
using AgencyConnects.Domain.Values;

namespace AgencyConnects.Domain.Json.Contract;

/// <summary>Events to their JSON shapes, one line per field.</summary>
internal static class EventWriter
{
    /// <summary>The event's JSON shape and the metadata that writes it.</summary>
    public static (EventDto Dto, JsonTypeInfo TypeInfo) ToDto(AccountEvent accountEvent)
    {
        ContractContext c = ContractContext.Strict;
        switch (accountEvent)
        {
            case AgencyCreated e:
                return (Stamp(new AgencyCreatedDto
                {
                    Agency = e.Agency.Value,
                    Owner = e.Owner.Value,
                    OwnerMembership = Names.MembershipKinds.Of(e.OwnerMembership),
                    Settings = Settings(e.Settings),
                }, EventTags.AgencyCreated, e), c.AgencyCreatedDto);
            case FreelancerAccountOpened e:
                return (Stamp(new FreelancerAccountOpenedDto { Person = e.Person.Value, Settings = Settings(e.Settings) }, EventTags.FreelancerAccountOpened, e), c.FreelancerAccountOpenedDto);
            case PlanChanged e:
                return (Stamp(new PlanChangedDto { From = Names.Of(e.From), To = Names.Of(e.To), Reason = Names.PlanChangeReasons.Of(e.Reason) }, EventTags.PlanChanged, e), c.PlanChangedDto);
            case PlanChangeScheduled e:
                return (Stamp(new PlanChangeScheduledDto { Actor = e.Actor.Value, Reason = Names.PlanChangeReasons.Of(e.Reason), EffectiveAt = e.EffectiveAt }, EventTags.PlanChangeScheduled, e), c.PlanChangeScheduledDto);
            case PeriodClosed e:
                return (Stamp(new PeriodClosedDto { Period = Period(e.Period), Outcome = Outcome(e.Outcome) }, EventTags.PeriodClosed, e), c.PeriodClosedDto);
            case ConnectsGranted e:
                return (Stamp(new ConnectsGrantedDto { Quantity = e.Quantity.Value, ExpiresAt = e.ExpiresAt, Withheld = e.Withheld.Value }, EventTags.ConnectsGranted, e), c.ConnectsGrantedDto);
            case FeeCharged e:
                return (Stamp(new FeeChargedDto { Line = Line(e.Line) }, EventTags.FeeCharged, e), c.FeeChargedDto);
            case ConnectsBought e:
                return (Stamp(new ConnectsBoughtDto
                {
                    Actor = e.Actor.Value,
                    Quantity = e.Quantity.Value,
                    ExpiresAt = e.ExpiresAt,
                    Request = e.Request.Value,
                    Line = Line(e.Line),
                }, EventTags.ConnectsBought, e), c.ConnectsBoughtDto);
            case ConnectsExpired e:
                return (Stamp(new ConnectsExpiredDto { Quantity = e.Quantity.Value }, EventTags.ConnectsExpired, e), c.ConnectsExpiredDto);
            case MemberAdded e:
                return (Stamp(new MemberAddedDto { Actor = e.Actor.Value, Member = Member(e.Member) }, EventTags.MemberAdded, e), c.MemberAddedDto);
            case PermissionsChanged e:
                return (Stamp(new PermissionsChangedDto { Actor = e.Actor.Value, Person = e.Person.Value, Permissions = Permissions(e.Permissions) }, EventTags.PermissionsChanged, e), c.PermissionsChangedDto);
            case MemberRemoved e:
                return (Stamp(new MemberRemovedDto { Actor = e.Actor.Value, Person = e.Person.Value }, EventTags.MemberRemoved, e), c.MemberRemovedDto);
            case OwnershipTransferred e:
                return (Stamp(new OwnershipTransferredDto { FormerOwner = e.FormerOwner.Value, NewOwner = e.NewOwner.Value }, EventTags.OwnershipTransferred, e), c.OwnershipTransferredDto);
            case AgencyClosed e:
                return (Stamp(new AgencyClosedDto { Owner = e.Owner.Value, Forfeited = e.Forfeited.Value }, EventTags.AgencyClosed, e), c.AgencyClosedDto);
            case ProposalSubmitted e:
                return (Stamp(new ProposalSubmittedDto { Proposal = Proposal(e.Proposal), Request = e.Request.Value }, EventTags.ProposalSubmitted, e), c.ProposalSubmittedDto);
            case ProposalOutcomeRecorded e:
                return (Stamp(new ProposalOutcomeRecordedDto
                {
                    Actor = e.Actor?.Value,
                    Proposal = e.Proposal.Value,
                    Outcome = Names.ProposalOutcomes.Of(e.Outcome),
                    Refund = e.Refund.Value,
                    RefundExpiresAt = e.RefundExpiresAt,
                    Assignee = e.Assignee.Value,
                    Submitter = e.Submitter.Value,
                }, EventTags.ProposalOutcomeRecorded, e), c.ProposalOutcomeRecordedDto);
            default:
                throw new ArgumentException($"{accountEvent.GetType().Name} is not an event of the JSON contract.", nameof(accountEvent));
        }
    }

    private static T Stamp<T>(T dto, string tag, AccountEvent accountEvent)
        where T : EventDto
    {
        dto.Type = tag;
        dto.Schema = AccountEventJson.SchemaVersion;
        dto.At = accountEvent.At;
        return dto;
    }

    public static SettingsDto Settings(AccountSettings settings) => new()
    {
        Catalog = settings.Catalog.Name,
        Zone = settings.Zone.Id,
        MonthEndPolicy = Names.MonthEndPolicies.Of(settings.Policy),
        RequestRetention = settings.RequestRetention,
    };

    public static MoneyDto Money(Money money) => new() { Amount = money.Amount, Currency = money.Currency.Code };

    public static PeriodDto Period(BillingPeriod period) => new()
    {
        Index = period.Index,
        StartDate = period.StartDate,
        EndDate = period.EndDate,
        Start = period.Start,
        End = period.End,
    };

    public static RolloverOutcomeDto Outcome(RolloverOutcome outcome) => new()
    {
        Expired = outcome.Expired.Value,
        Forfeited = outcome.Forfeited.Value,
        CarriedOver = outcome.CarriedOver.Value,
    };

    public static BillLineDto Line(BillLine line) => new()
    {
        Kind = Names.BillLineKinds.Of(line.Kind),
        At = line.At,
        Plan = Names.Of(line.Plan),
        Amount = Money(line.Amount),
        Period = line.Period is { } period ? Period(period) : null,
        Quantity = line.Quantity?.Value,
        UnitPrice = line.UnitPrice is { } price ? Money(price) : null,
        Request = line.Request?.Value,
        Actor = line.Actor?.Value,
    };

    public static MemberDto Member(Member member) => new()
    {
        Person = member.Person.Value,
        Permissions = Permissions(member.Permissions),
        Kind = Names.MembershipKinds.Of(member.Kind),
        JoinedAt = member.JoinedAt,
    };

    /// <summary>Permissions as the names of the flags held, in a fixed order; none is <c>[]</c>.</summary>
    public static List<string?> Permissions(Permissions permissions)
    {
        if ((permissions & ~Membership.Permissions.All) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(permissions), permissions, "Permissions outside Permissions.All have no name in the JSON contract.");
        }

        var names = new List<string?>(3);
        foreach (Permissions flag in (ReadOnlySpan<Permissions>)[Membership.Permissions.Admin, Membership.Permissions.BusinessManager, Membership.Permissions.Freelancer])
        {
            if ((permissions & flag) != 0)
            {
                names.Add(Names.Permissions.Of(flag));
            }
        }

        return names;
    }

    public static ProposalDto Proposal(Proposal proposal) => new()
    {
        Id = proposal.Id.Value,
        Submitter = proposal.Submitter.Value,
        Assignee = proposal.Assignee.Value,
        Cost = proposal.Cost.Value,
        Boost = proposal.Boost.Value,
        SubmittedAt = proposal.SubmittedAt,
        Status = Names.ProposalStatuses.Of(proposal.Status),
        Outcome = proposal.Outcome is { } outcome ? Names.ProposalOutcomes.Of(outcome) : null,
        Refunded = proposal.Refunded.Value,
        BoostRefunded = proposal.BoostRefunded,
    };
}

/// <summary>The type tags of the contract: one per event type, the type's name, fixed once written.</summary>
internal static class EventTags
{
    public const string AgencyCreated = "AgencyCreated";
    public const string FreelancerAccountOpened = "FreelancerAccountOpened";
    public const string PlanChanged = "PlanChanged";
    public const string PlanChangeScheduled = "PlanChangeScheduled";
    public const string PeriodClosed = "PeriodClosed";
    public const string ConnectsGranted = "ConnectsGranted";
    public const string FeeCharged = "FeeCharged";
    public const string ConnectsBought = "ConnectsBought";
    public const string ConnectsExpired = "ConnectsExpired";
    public const string MemberAdded = "MemberAdded";
    public const string PermissionsChanged = "PermissionsChanged";
    public const string MemberRemoved = "MemberRemoved";
    public const string OwnershipTransferred = "OwnershipTransferred";
    public const string AgencyClosed = "AgencyClosed";
    public const string ProposalSubmitted = "ProposalSubmitted";
    public const string ProposalOutcomeRecorded = "ProposalOutcomeRecorded";
}
