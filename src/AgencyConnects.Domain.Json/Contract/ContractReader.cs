using System.Collections.Generic;
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

/// <summary>
/// Turns the JSON shapes into domain values through the core's factories, so nothing invalid is built. Reading goes
/// on after a problem (with <c>default</c> values) to keep the code straight; the first problem is kept in
/// <see cref="Error"/>, and a caller never builds its result when there is one. Paths are built only for errors.
/// </summary>
internal sealed partial class ContractReader(PlanCatalogRegistry catalogs, IDateTimeZoneProvider zones)
{
    private readonly PlanCatalogRegistry _catalogs = catalogs;
    private readonly IDateTimeZoneProvider _zones = zones;

    public JsonContractError? Error { get; private set; }

    public bool Failed => Error is not null;

    public static string At(string parent, string name) => parent + "." + name;

    private void Fail(JsonContractError error) => Error ??= error;

    /// <summary>Whether an object is there and holds no field the contract does not know.</summary>
    public bool Object(ContractObject? dto, string parent, string name)
    {
        if (dto is null)
        {
            Fail(new MissingField(At(parent, name)));
            return false;
        }

        return Known(dto, At(parent, name));
    }

    /// <summary>Whether the object at <paramref name="path"/> holds no field the contract does not know.</summary>
    public bool Known(ContractObject dto, string path)
    {
        if (dto.Unexpected is { Count: > 0 } unexpected)
        {
            foreach (string name in unexpected.Keys)
            {
                Fail(new UnexpectedField(At(path, name)));
                break;
            }

            return false;
        }

        return true;
    }

    public Instant Instant(Instant? value, string parent, string name)
    {
        if (value is { } instant)
        {
            return instant;
        }

        Fail(new MissingField(At(parent, name)));
        return default;
    }

    public long Number(long? value, string parent, string name)
    {
        if (value is { } number)
        {
            return number;
        }

        Fail(new MissingField(At(parent, name)));
        return default;
    }

    public bool Boolean(bool? value, string parent, string name)
    {
        if (value is { } flag)
        {
            return flag;
        }

        Fail(new MissingField(At(parent, name)));
        return default;
    }

    public string Text(string? value, string parent, string name)
    {
        if (value is not null)
        {
            return value;
        }

        Fail(new MissingField(At(parent, name)));
        return string.Empty;
    }

    public Connects Connects(long? value, string parent, string name)
    {
        if (value is not { } number)
        {
            Fail(new MissingField(At(parent, name)));
            return default;
        }

        return Valid(Values.Connects.Create(number), parent, name);
    }

    public Connects? OptionalConnects(long? value, string parent, string name) => value is null ? null : Connects(value, parent, name);

    public PersonId Person(string? value, string parent, string name)
        => value is null ? Missing<PersonId>(parent, name) : Valid(PersonId.Create(value), parent, name);

    public PersonId? OptionalPerson(string? value, string parent, string name) => value is null ? null : Person(value, parent, name);

    public AgencyId Agency(string? value, string parent, string name)
        => value is null ? Missing<AgencyId>(parent, name) : Valid(AgencyId.Create(value), parent, name);

    public ProposalId ProposalId(string? value, string parent, string name)
        => value is null ? Missing<ProposalId>(parent, name) : Valid(Values.ProposalId.Create(value), parent, name);

    public RequestKey Request(string? value, string parent, string name)
        => value is null ? Missing<RequestKey>(parent, name) : Valid(RequestKey.Create(value), parent, name);

    public RequestKey? OptionalRequest(string? value, string parent, string name) => value is null ? null : Request(value, parent, name);

    public T Name<T>(string? value, Names<T> names, string parent, string name)
        where T : struct, System.Enum
    {
        if (value is null)
        {
            return Missing<T>(parent, name);
        }

        return names.TryParse(value, out T parsed) ? parsed : Invalid<T>(At(parent, name), $"\"{value}\" is not one of {names.List()}.");
    }

    public Plan Plan(string? value, string parent, string name) => PlanNames.To(Name(value, Names.Plans, parent, name));

    public Permissions Permissions(List<string?>? value, string parent, string name)
    {
        if (value is null)
        {
            return Missing<Permissions>(parent, name);
        }

        Permissions permissions = Membership.Permissions.None;
        for (int i = 0; i < value.Count; i++)
        {
            string path = At(parent, name);
            permissions |= value[i] is { } flag
                ? Names.Permissions.TryParse(flag, out Permissions parsed) ? parsed : Invalid<Permissions>($"{path}[{i}]", $"\"{flag}\" is not one of {Names.Permissions.List()}.")
                : Invalid<Permissions>($"{path}[{i}]", "a permission is a name, not null.");
        }

        return permissions;
    }

    public Money Money(MoneyDto? dto, string parent, string name)
    {
        if (!Object(dto, parent, name))
        {
            return default;
        }

        string path = At(parent, name);
        decimal amount = dto!.Amount ?? Missing<decimal>(path, "amount");
        string code = Text(dto.Currency, path, "currency");
        if (Failed)
        {
            return default;
        }

        return Currency.Create(code).Match(
            currency => Values.Money.Create(amount, currency).Match(
                money => money,
                negative => Invalid<Money>(At(path, "amount"), negative.Message),
                invalid => Invalid<Money>(At(path, "currency"), invalid.Message)),
            invalid => Invalid<Money>(At(path, "currency"), invalid.Message));
    }

    public Money? OptionalMoney(MoneyDto? dto, string parent, string name) => dto is null ? null : Money(dto, parent, name);

    public BillingPeriod Period(PeriodDto? dto, string parent, string name)
    {
        if (!Object(dto, parent, name))
        {
            return default;
        }

        string path = At(parent, name);
        long index = Number(dto!.Index, path, "index");
        LocalDate startDate = dto.StartDate ?? Missing<LocalDate>(path, "startDate");
        LocalDate endDate = dto.EndDate ?? Missing<LocalDate>(path, "endDate");
        Instant start = Instant(dto.Start, path, "start");
        Instant end = Instant(dto.End, path, "end");
        if (Failed)
        {
            return default;
        }

        if (index is < 0 or > int.MaxValue)
        {
            return Invalid<BillingPeriod>(At(path, "index"), $"{index} is not a period index (0 to {int.MaxValue}).");
        }

        return BillingPeriod.Create((int)index, startDate, endDate, start, end).Match(
            period => period,
            invalid => Invalid<BillingPeriod>(path, invalid.Message));
    }

    public BillingPeriod? OptionalPeriod(PeriodDto? dto, string parent, string name) => dto is null ? null : Period(dto, parent, name);

    public RolloverOutcome Outcome(RolloverOutcomeDto? dto, string parent, string name)
    {
        if (!Object(dto, parent, name))
        {
            return default;
        }

        string path = At(parent, name);
        return new RolloverOutcome(Connects(dto!.Expired, path, "expired"), Connects(dto.Forfeited, path, "forfeited"), Connects(dto.CarriedOver, path, "carriedOver"));
    }

    public BillLine Line(BillLineDto? dto, string parent, string name)
    {
        if (!Object(dto, parent, name))
        {
            return null!;
        }

        string path = At(parent, name);
        BillLineKind kind = Name(dto!.Kind, Names.BillLineKinds, path, "kind");
        Instant at = Instant(dto.At, path, "at");
        Plan plan = Plan(dto.Plan, path, "plan");
        Money amount = Money(dto.Amount, path, "amount");
        BillingPeriod? period = OptionalPeriod(dto.Period, path, "period");
        Connects? quantity = OptionalConnects(dto.Quantity, path, "quantity");
        Money? unitPrice = OptionalMoney(dto.UnitPrice, path, "unitPrice");
        RequestKey? request = OptionalRequest(dto.Request, path, "request");
        PersonId? actor = OptionalPerson(dto.Actor, path, "actor");
        return Failed ? null! : new BillLine(kind, at, plan, amount, period, quantity, unitPrice, request, actor);
    }

    public Member Member(MemberDto? dto, string parent, string name)
    {
        if (!Object(dto, parent, name))
        {
            return null!;
        }

        string path = At(parent, name);
        PersonId person = Person(dto!.Person, path, "person");
        Permissions permissions = Permissions(dto.Permissions, path, "permissions");
        MembershipKind kind = Name(dto.Kind, Names.MembershipKinds, path, "kind");
        Instant joinedAt = Instant(dto.JoinedAt, path, "joinedAt");
        return Failed ? null! : new Member(person, permissions, kind, joinedAt);
    }

    public Proposal Proposal(ProposalDto? dto, string parent, string name)
    {
        if (!Object(dto, parent, name))
        {
            return null!;
        }

        string path = At(parent, name);
        ProposalId id = ProposalId(dto!.Id, path, "id");
        PersonId submitter = Person(dto.Submitter, path, "submitter");
        PersonId assignee = Person(dto.Assignee, path, "assignee");
        Connects cost = Connects(dto.Cost, path, "cost");
        Connects boost = Connects(dto.Boost, path, "boost");
        Instant submittedAt = Instant(dto.SubmittedAt, path, "submittedAt");
        ProposalStatus status = Name(dto.Status, Names.ProposalStatuses, path, "status");
        ProposalOutcome? outcome = dto.Outcome is null ? null : Name(dto.Outcome, Names.ProposalOutcomes, path, "outcome");
        Connects refunded = Connects(dto.Refunded, path, "refunded");
        bool boostRefunded = Boolean(dto.BoostRefunded, path, "boostRefunded");
        if (Failed)
        {
            return null!;
        }

        // The rules a proposal keeps (DOMAIN §6): at most its cost and boost come back; a closed proposal names the
        // outcome that closed it, an open one none (an outbid boost leaves it open).
        if ((long)refunded.Value > (long)cost.Value + boost.Value)
        {
            return Invalid<Proposal>(At(path, "refunded"), $"{refunded} is more than the cost and boost ({(long)cost.Value + boost.Value}).");
        }

        if (status == ProposalStatus.Open ? outcome is not null : outcome is null or ProposalOutcome.Outbid)
        {
            return Invalid<Proposal>(At(path, "outcome"), status == ProposalStatus.Open
                ? "an open proposal has no outcome."
                : "a closed proposal names the outcome that closed it, never Outbid.");
        }

        return new Proposal(id, submitter, assignee, cost, boost, submittedAt, status, outcome, refunded, boostRefunded);
    }

    public AccountSettings Settings(SettingsDto? dto, string parent, string name)
    {
        if (!Object(dto, parent, name))
        {
            return null!;
        }

        string path = At(parent, name);
        string catalogName = Text(dto!.Catalog, path, "catalog");
        string zoneId = Text(dto.Zone, path, "zone");
        MonthEndPolicy policy = Name(dto.MonthEndPolicy, Names.MonthEndPolicies, path, "monthEndPolicy");
        Duration retention = dto.RequestRetention ?? Missing<Duration>(path, "requestRetention");
        if (Failed)
        {
            return null!;
        }

        if (!_catalogs.Resolve(catalogName).TryPickT0(out PlanCatalog catalog, out _))
        {
            Fail(new UnknownCatalogName(At(path, "catalog"), catalogName));
            return null!;
        }

        if (_zones.GetZoneOrNull(zoneId) is not { } zone)
        {
            Fail(new UnknownTimeZoneId(At(path, "zone"), zoneId));
            return null!;
        }

        return AccountSettings.Create(catalog, zone, policy, retention).Match(
            settings => settings,
            undefined => Invalid<AccountSettings>(At(path, "monthEndPolicy"), undefined.Message),
            retentionOutOfRange => Invalid<AccountSettings>(At(path, "requestRetention"), retentionOutOfRange.Message));
    }

    /// <summary>The value a core factory made, or the default and the factory's error as an <see cref="InvalidValue"/>.</summary>
    private T Valid<T, TError>(OneOf<T, TError> created, string parent, string name)
        where TError : DomainError
        => created.TryPickT0(out T value, out TError error) ? value : Invalid<T>(At(parent, name), error.Message);

    private T Missing<T>(string parent, string name)
    {
        Fail(new MissingField(At(parent, name)));
        return default!;
    }

    private T Invalid<T>(string path, string problem)
    {
        Fail(new InvalidValue(path, problem));
        return default!;
    }
}
