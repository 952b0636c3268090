using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Billing;
using AgencyConnects.Domain.Membership;
using AgencyConnects.Domain.Plans;
using AgencyConnects.Domain.Pool;
using AgencyConnects.Domain.Proposals;
using AgencyConnects.Domain.Values;
using NodaTime;
using OneOf;

namespace AgencyConnects.Domain.Json.Contract;

/// <summary>Reads one event document, as <see cref="AccountEventJson.Read(ReadOnlySpan{byte})"/> does.</summary>
internal delegate OneOf<AccountEvent, JsonContractError> ReadEvent(ReadOnlySpan<byte> utf8);

/// <summary>The snapshot's fields; the events it holds are read as event documents, with their own checks.</summary>
internal sealed partial class ContractReader
{
    private const string R = "$";

    public AccountSnapshot? Snapshot(SnapshotDto d, ReadEvent readEvent)
    {
        AccountKind kind = Name(d.Kind, Names.AccountKinds, R, "kind");
        AgencyId? agency = d.Agency is null ? null : Agency(d.Agency, R, "agency");
        PersonId principal = Person(d.Principal, R, "principal");
        bool isClosed = Boolean(d.IsClosed, R, "isClosed");
        string catalog = Text(d.Catalog, R, "catalog");
        string zone = Text(d.Zone, R, "zone");
        MonthEndPolicy policy = Name(d.MonthEndPolicy, Names.MonthEndPolicies, R, "monthEndPolicy");
        Duration retention = d.RequestRetention ?? Missing<Duration>(R, "requestRetention");
        Plan plan = Plan(d.Plan, R, "plan");
        LocalDate anchor = d.Anchor ?? Missing<LocalDate>(R, "anchor");
        long periodIndex = Number(d.PeriodIndex, R, "periodIndex");
        PlanChangeScheduled? pending = d.PendingChange is { ValueKind: not JsonValueKind.Null } element
            ? Nested<PlanChangeScheduled>(element, "$.pendingChange", readEvent, "a pending change is a PlanChangeScheduled event")
            : null;
        ImmutableArray<Lot> lots = Array(d.Lots, "lots", (dto, path) => Lot(dto, path));
        ImmutableArray<Member> members = Array(d.Members, "members", (dto, path) => Member(dto, R, path[2..]));
        ImmutableArray<Proposal> open = Array(d.OpenProposals, "openProposals", (dto, path) => Proposal(dto, R, path[2..]));
        ImmutableArray<AccountEvent> requests = Requests(d.Requests, readEvent);
        ImmutableArray<ClosedProposal> closed = Array(d.ClosedProposals, "closedProposals", (dto, path) => Closed(dto, path));
        long version = Number(d.Version, R, "version");
        Instant lastChangedAt = Instant(d.LastChangedAt, R, "lastChangedAt");
        if (Failed)
        {
            return null;
        }

        if (!_catalogs.Resolve(catalog).IsT0)
        {
            Fail(new UnknownCatalogName("$.catalog", catalog));
            return null;
        }

        if (_zones.GetZoneOrNull(zone) is null)
        {
            Fail(new UnknownTimeZoneId("$.zone", zone));
            return null;
        }

        if (periodIndex is < 0 or > int.MaxValue)
        {
            return Invalid<AccountSnapshot>("$.periodIndex", $"{periodIndex} is not a period index (0 to {int.MaxValue}).");
        }

        if (version < 1)
        {
            return Invalid<AccountSnapshot>("$.version", $"{version} is not an account's version (1 or more: the account's creation is its first event).");
        }

        return new AccountSnapshot
        {
            Kind = kind,
            Agency = agency,
            Principal = principal,
            IsClosed = isClosed,
            Catalog = catalog,
            Zone = zone,
            Policy = policy,
            RequestRetention = retention,
            Plan = plan,
            Anchor = anchor,
            PeriodIndex = (int)periodIndex,
            PendingChange = pending,
            Lots = lots,
            Members = members,
            OpenProposals = open,
            Requests = requests,
            ClosedProposals = closed,
            Version = version,
            LastChangedAt = lastChangedAt,
        };
    }

    private ImmutableArray<T> Array<TDto, T>(List<TDto?>? list, string name, Func<TDto?, string, T> read)
        where TDto : ContractObject
    {
        if (list is null)
        {
            return Missing<ImmutableArray<T>>(R, name);
        }

        var items = ImmutableArray.CreateBuilder<T>(list.Count);
        for (int i = 0; i < list.Count && !Failed; i++)
        {
            string path = $"$.{name}[{i.ToString(CultureInfo.InvariantCulture)}]";
            if (list[i] is null)
            {
                Fail(new WrongJsonType(path, "object"));
                break;
            }

            items.Add(read(list[i], path));
        }

        return items.DrainToImmutable();
    }

    private Lot Lot(LotDto? dto, string path)
    {
        if (!Known(dto!, path))
        {
            return default;
        }

        LotSource source = Name(dto!.Source, Names.LotSources, path, "source");
        Connects quantity = Connects(dto.Quantity, path, "quantity");
        Instant acquiredAt = Instant(dto.AcquiredAt, path, "acquiredAt");
        if (Failed)
        {
            return default;
        }

        if (quantity.IsZero)
        {
            return Invalid<Lot>(At(path, "quantity"), "a lot in a pool holds at least one Connect.");
        }

        if (dto.ExpiresAt is { } expiry && expiry <= acquiredAt)
        {
            return Invalid<Lot>(At(path, "expiresAt"), "a lot expires after it was acquired.");
        }

        return new Lot(source, quantity, acquiredAt, dto.ExpiresAt);
    }

    private ClosedProposal Closed(ClosedProposalDto? dto, string path)
    {
        if (!Known(dto!, path))
        {
            return null!;
        }

        ProposalId id = ProposalId(dto!.Proposal, path, "proposal");
        ProposalOutcome outcome = Name(dto.Outcome, Names.ProposalOutcomes, path, "outcome");
        Instant closedAt = Instant(dto.ClosedAt, path, "closedAt");
        if (!Failed && outcome == ProposalOutcome.Outbid)
        {
            return Invalid<ClosedProposal>(At(path, "outcome"), "an outbid boost leaves a proposal open.");
        }

        return Failed ? null! : new ClosedProposal(id, outcome, closedAt);
    }

    private ImmutableArray<AccountEvent> Requests(List<JsonElement>? list, ReadEvent readEvent)
    {
        if (list is null)
        {
            return Missing<ImmutableArray<AccountEvent>>(R, "requests");
        }

        var requests = ImmutableArray.CreateBuilder<AccountEvent>(list.Count);
        for (int i = 0; i < list.Count && !Failed; i++)
        {
            string path = $"$.requests[{i.ToString(CultureInfo.InvariantCulture)}]";
            AccountEvent? request = Nested<AccountEvent>(list[i], path, readEvent, "a request is the ConnectsBought or ProposalSubmitted event that recorded it");
            if (request is not null and not (ConnectsBought or ProposalSubmitted))
            {
                Fail(new InvalidValue(path + ".type", "a request is the ConnectsBought or ProposalSubmitted event that recorded it."));
            }

            if (request is not null)
            {
                requests.Add(request);
            }
        }

        return requests.DrainToImmutable();
    }

    /// <summary>An event document inside the snapshot, read with every check of an event; its errors' paths start at <paramref name="path"/>.</summary>
    private T? Nested<T>(JsonElement element, string path, ReadEvent readEvent, string expected)
        where T : AccountEvent
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(element.GetRawText());
        if (readEvent(utf8).TryPickT1(out JsonContractError error, out AccountEvent accountEvent))
        {
            Fail(error with { Path = path + error.Path[1..] });
            return null;
        }

        if (accountEvent is T typed)
        {
            return typed;
        }

        Fail(new InvalidValue(path + ".type", expected + "."));
        return null;
    }
}
