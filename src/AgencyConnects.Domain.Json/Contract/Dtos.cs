using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;

namespace AgencyConnects.Domain.Json.Contract;

// The JSON shapes of the contract, schema version 1. Every member is nullable so that a missing field is found by the
// reader (MissingField with its path) rather than thrown; fields the contract does not know land in Unexpected
// (UnexpectedField). Field names are the camel-cased property names. Changing a shape here changes the contract:
// the golden documents of the tests fail, and the change belongs in a new schema version.

/// <summary>An object of the contract: collects the fields it does not know, so the reader names them.</summary>
internal abstract class ContractObject
{
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unexpected { get; set; }
}

/// <summary>The fields every document starts with: its type tag and the schema version.</summary>
internal abstract class DocumentDto : ContractObject
{
    [JsonPropertyOrder(-3)]
    public string? Type { get; set; }

    [JsonPropertyOrder(-2)]
    public long? Schema { get; set; }
}

/// <summary>The fields every event document starts with: its type tag, the schema version and the instant.</summary>
internal abstract class EventDto : DocumentDto
{
    [JsonPropertyOrder(-1)]
    public Instant? At { get; set; }
}

internal sealed class SettingsDto : ContractObject
{
    public string? Catalog { get; set; }

    public string? Zone { get; set; }

    public string? MonthEndPolicy { get; set; }

    public Duration? RequestRetention { get; set; }
}

internal sealed class MoneyDto : ContractObject
{
    public decimal? Amount { get; set; }

    public string? Currency { get; set; }
}

internal sealed class PeriodDto : ContractObject
{
    public long? Index { get; set; }

    public LocalDate? StartDate { get; set; }

    public LocalDate? EndDate { get; set; }

    public Instant? Start { get; set; }

    public Instant? End { get; set; }
}

internal sealed class RolloverOutcomeDto : ContractObject
{
    public long? Expired { get; set; }

    public long? Forfeited { get; set; }

    public long? CarriedOver { get; set; }
}

internal sealed class BillLineDto : ContractObject
{
    public string? Kind { get; set; }

    public Instant? At { get; set; }

    public string? Plan { get; set; }

    public MoneyDto? Amount { get; set; }

    public PeriodDto? Period { get; set; }

    public long? Quantity { get; set; }

    public MoneyDto? UnitPrice { get; set; }

    public string? Request { get; set; }

    public string? Actor { get; set; }
}

internal sealed class MemberDto : ContractObject
{
    public string? Person { get; set; }

    public List<string?>? Permissions { get; set; }

    public string? Kind { get; set; }

    public Instant? JoinedAt { get; set; }
}

internal sealed class ProposalDto : ContractObject
{
    public string? Id { get; set; }

    public string? Submitter { get; set; }

    public string? Assignee { get; set; }

    public long? Cost { get; set; }

    public long? Boost { get; set; }

    public Instant? SubmittedAt { get; set; }

    public string? Status { get; set; }

    public string? Outcome { get; set; }

    public long? Refunded { get; set; }

    public bool? BoostRefunded { get; set; }
}

internal sealed class AgencyCreatedDto : EventDto
{
    public string? Agency { get; set; }

    public string? Owner { get; set; }

    public string? OwnerMembership { get; set; }

    public SettingsDto? Settings { get; set; }
}

internal sealed class FreelancerAccountOpenedDto : EventDto
{
    public string? Person { get; set; }

    public SettingsDto? Settings { get; set; }
}

internal sealed class PlanChangedDto : EventDto
{
    public string? From { get; set; }

    public string? To { get; set; }

    public string? Reason { get; set; }
}

internal sealed class PlanChangeScheduledDto : EventDto
{
    public string? Actor { get; set; }

    public string? Reason { get; set; }

    public Instant? EffectiveAt { get; set; }
}

internal sealed class PeriodClosedDto : EventDto
{
    public PeriodDto? Period { get; set; }

    public RolloverOutcomeDto? Outcome { get; set; }
}

internal sealed class ConnectsGrantedDto : EventDto
{
    public long? Quantity { get; set; }

    public Instant? ExpiresAt { get; set; }

    public long? Withheld { get; set; }
}

internal sealed class FeeChargedDto : EventDto
{
    public BillLineDto? Line { get; set; }
}

internal sealed class ConnectsBoughtDto : EventDto
{
    public string? Actor { get; set; }

    public long? Quantity { get; set; }

    public Instant? ExpiresAt { get; set; }

    public string? Request { get; set; }

    public BillLineDto? Line { get; set; }
}

internal sealed class ConnectsExpiredDto : EventDto
{
    public long? Quantity { get; set; }
}

internal sealed class MemberAddedDto : EventDto
{
    public string? Actor { get; set; }

    public MemberDto? Member { get; set; }
}

internal sealed class PermissionsChangedDto : EventDto
{
    public string? Actor { get; set; }

    public string? Person { get; set; }

    public List<string?>? Permissions { get; set; }
}

internal sealed class MemberRemovedDto : EventDto
{
    public string? Actor { get; set; }

    public string? Person { get; set; }
}

internal sealed class OwnershipTransferredDto : EventDto
{
    public string? FormerOwner { get; set; }

    public string? NewOwner { get; set; }
}

internal sealed class AgencyClosedDto : EventDto
{
    public string? Owner { get; set; }

    public long? Forfeited { get; set; }
}

internal sealed class ProposalSubmittedDto : EventDto
{
    public ProposalDto? Proposal { get; set; }

    public string? Request { get; set; }
}

internal sealed class ProposalOutcomeRecordedDto : EventDto
{
    public string? Actor { get; set; }

    public string? Proposal { get; set; }

    public string? Outcome { get; set; }

    public long? Refund { get; set; }

    public Instant? RefundExpiresAt { get; set; }

    public string? Assignee { get; set; }

    public string? Submitter { get; set; }
}
