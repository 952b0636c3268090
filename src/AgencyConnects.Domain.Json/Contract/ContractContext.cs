using System;
using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;
using NodaTime.Text;

namespace AgencyConnects.Domain.Json.Contract;

/// <summary>
/// The source-generated serializer of the contract's shapes: no reflection at run time, so the package trims and
/// runs under Native AOT. Instants and dates go through NodaTime.Serialization.SystemTextJson's converters.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    GenerationMode = JsonSourceGenerationMode.Default)]
[JsonSerializable(typeof(AgencyCreatedDto))]
[JsonSerializable(typeof(FreelancerAccountOpenedDto))]
[JsonSerializable(typeof(PlanChangedDto))]
[JsonSerializable(typeof(PlanChangeScheduledDto))]
[JsonSerializable(typeof(PeriodClosedDto))]
[JsonSerializable(typeof(ConnectsGrantedDto))]
[JsonSerializable(typeof(FeeChargedDto))]
[JsonSerializable(typeof(ConnectsBoughtDto))]
[JsonSerializable(typeof(ConnectsExpiredDto))]
[JsonSerializable(typeof(MemberAddedDto))]
[JsonSerializable(typeof(PermissionsChangedDto))]
[JsonSerializable(typeof(MemberRemovedDto))]
[JsonSerializable(typeof(OwnershipTransferredDto))]
[JsonSerializable(typeof(AgencyClosedDto))]
[JsonSerializable(typeof(ProposalSubmittedDto))]
[JsonSerializable(typeof(ProposalOutcomeRecordedDto))]
[JsonSerializable(typeof(SnapshotDto))]
internal sealed partial class ContractContext : JsonSerializerContext
{
    /// <summary>The context the package uses: the generated metadata, with NodaTime's converters and strict reading.</summary>
    public static ContractContext Strict { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        AllowDuplicateProperties = false,
        NumberHandling = JsonNumberHandling.Strict,
        Converters = { InstantConverter, LocalDateConverter, DurationConverter },
    });

    // NodaTime.Serialization.SystemTextJson's converters, built as NodaConverters.InstantConverter and
    // NodaConverters.LocalDateConverter are, but without touching the NodaConverters class: its static initializer
    // creates every converter of the package, some of which (Interval, DateInterval) get converters by reflection, so
    // a trimmed application that reaches it gets trim warnings (IL2026) for code this contract never runs.
    private static JsonConverter<Instant> InstantConverter => new NodaPatternConverter<Instant>(InstantPattern.ExtendedIso);

    // As NodaConverters.RoundtripDurationConverter: days, then hours to nanoseconds (1:00:00:00 is 24 hours).
    private static JsonConverter<Duration> DurationConverter => new NodaPatternConverter<Duration>(DurationPattern.Roundtrip);

    private static JsonConverter<LocalDate> LocalDateConverter => new NodaPatternConverter<LocalDate>(
        LocalDatePattern.Iso,
        date =>
        {
            if (date.Calendar != NodaTime.CalendarSystem.Iso)
            {
                throw new ArgumentException("Dates are written in the ISO calendar only.", nameof(date));
            }
        });
}
