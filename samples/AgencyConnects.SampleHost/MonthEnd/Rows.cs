using NodaTime;

namespace AgencyConnects.SampleHost.MonthEnd;

/// <summary>An event row as the host stores it: the event's type tag, its JSON (AgencyConnects.Domain.Json) and its instant.</summary>
internal readonly record struct StoredEvent(string Type, string Json, Instant At);

/// <summary>A ledger row as the host stores it (its position is given where it is written).</summary>
internal readonly record struct StoredLedgerRow(
    string Kind, int Quantity, long Delta, Instant At, string? Actor, string? Proposal, string? Member, bool IsBoost, string? Submitter)
{
    public static StoredLedgerRow Of(Domain.Pool.LedgerEntry entry)
        => new(
            entry.Kind.ToString(), entry.Quantity.Value, entry.Delta, entry.At, entry.Actor?.Value, entry.Proposal?.Value, entry.Member?.Value,
            entry.IsBoost, entry.Submitter?.Value);
}
