using System.Collections.Generic;
using System.Text.Json;
using NodaTime;

namespace AgencyConnects.Domain.Json.Contract;

// The JSON shape of an account snapshot, schema version 1 (see Dtos.cs for the rules every shape follows).

internal sealed class SnapshotDto : DocumentDto
{
    public string? Kind { get; set; }

    public string? Agency { get; set; }

    public string? Principal { get; set; }

    public bool? IsClosed { get; set; }

    public string? Catalog { get; set; }

    public string? Zone { get; set; }

    public string? MonthEndPolicy { get; set; }

    public Duration? RequestRetention { get; set; }

    public string? Plan { get; set; }

    public LocalDate? Anchor { get; set; }

    public long? PeriodIndex { get; set; }

    /// <summary>A <c>PlanChangeScheduled</c> event document, or null.</summary>
    public JsonElement? PendingChange { get; set; }

    public List<LotDto?>? Lots { get; set; }

    public List<MemberDto?>? Members { get; set; }

    public List<ProposalDto?>? OpenProposals { get; set; }

    /// <summary>Event documents: <c>ConnectsBought</c> or <c>ProposalSubmitted</c>.</summary>
    public List<JsonElement>? Requests { get; set; }

    public List<ClosedProposalDto?>? ClosedProposals { get; set; }

    public long? Version { get; set; }

    public Instant? LastChangedAt { get; set; }
}

internal sealed class LotDto : ContractObject
{
    public string? Source { get; set; }

    public long? Quantity { get; set; }

    public Instant? AcquiredAt { get; set; }

    public Instant? ExpiresAt { get; set; }
}

internal sealed class ClosedProposalDto : ContractObject
{
    public string? Proposal { get; set; }

    public string? Outcome { get; set; }

    public Instant? ClosedAt { get; set; }
}
