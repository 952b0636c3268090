using System.Linq;
using System.Text.Json;
using AgencyConnects.Domain.Accounts;

namespace AgencyConnects.Domain.Json.Contract;

/// <summary>Account snapshots to their JSON shape and back; the events a snapshot holds are written and read as event documents.</summary>
internal static class SnapshotContract
{
    public const string Tag = "AccountSnapshot";

    public static SnapshotDto ToDto(AccountSnapshot snapshot) => new()
    {
        Type = Tag,
        Schema = AccountEventJson.SchemaVersion,
        Kind = Names.AccountKinds.Of(snapshot.Kind),
        Agency = snapshot.Agency?.Value,
        Principal = snapshot.Principal.Value,
        IsClosed = snapshot.IsClosed,
        Catalog = snapshot.Catalog,
        Zone = snapshot.Zone,
        MonthEndPolicy = Names.MonthEndPolicies.Of(snapshot.Policy),
        RequestRetention = snapshot.RequestRetention,
        Plan = Names.Of(snapshot.Plan),
        Anchor = snapshot.Anchor,
        PeriodIndex = snapshot.PeriodIndex,
        PendingChange = snapshot.PendingChange is { } pending ? Element(pending) : null,
        Lots = [.. snapshot.Lots.Select(lot => (LotDto?)new LotDto
        {
            Source = Names.LotSources.Of(lot.Source),
            Quantity = lot.Quantity.Value,
            AcquiredAt = lot.AcquiredAt,
            ExpiresAt = lot.ExpiresAt,
        })],
        Members = [.. snapshot.Members.Select(member => (MemberDto?)EventWriter.Member(member))],
        OpenProposals = [.. snapshot.OpenProposals.Select(proposal => (ProposalDto?)EventWriter.Proposal(proposal))],
        Requests = [.. snapshot.Requests.Select(Element)],
        ClosedProposals = [.. snapshot.ClosedProposals.Select(closed => (ClosedProposalDto?)new ClosedProposalDto
        {
            Proposal = closed.Proposal.Value,
            Outcome = Names.ProposalOutcomes.Of(closed.Outcome),
            ClosedAt = closed.ClosedAt,
        })],
        Version = snapshot.Version,
        LastChangedAt = snapshot.LastChangedAt,
    };

    private static JsonElement Element(AccountEvent accountEvent)
    {
        (EventDto dto, System.Text.Json.Serialization.Metadata.JsonTypeInfo typeInfo) = EventWriter.ToDto(accountEvent);
        return JsonSerializer.SerializeToElement(dto, typeInfo);
    }
}
