using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Claims;
using AgencyConnects.Domain;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Membership;
using AgencyConnects.Domain.Plans;
using AgencyConnects.Domain.Proposals;
using AgencyConnects.Domain.Values;
using AgencyConnects.SampleHost.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using NodaTime.Text;
using OneOf;

namespace AgencyConnects.SampleHost.Endpoints;

/// <summary>
/// Turning request input into the library's values: every value is made through its factory, and what the factory
/// refuses becomes a 400 problem (the refused input never reaches the library).
/// </summary>
public static class Input
{
    /// <summary>The acting person: the subject of the bearer token, never a field of the request.</summary>
    public static PersonId Actor(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        string subject = user.FindFirstValue(Tokens.SubjectClaim) ?? string.Empty;
        return PersonId.Create(subject).TryPickT0(out PersonId person, out _) ? person : default;
    }

    public static bool TryAgency(string value, out AgencyId agency, out ProblemHttpResult? problem)
        => TryValue(AgencyId.Create(value), out agency, out problem);

    public static bool TryPerson(string? value, string field, out PersonId person, out ProblemHttpResult? problem)
    {
        if (value is null)
        {
            (person, problem) = (default, Problems.InvalidRequest($"The field {field} is required.", field));
            return false;
        }

        return TryValue(PersonId.Create(value), out person, out problem);
    }

    public static bool TryProposal(string? value, string field, out ProposalId proposal, out ProblemHttpResult? problem)
    {
        if (value is null)
        {
            (proposal, problem) = (default, Problems.InvalidRequest($"The field {field} is required.", field));
            return false;
        }

        return TryValue(ProposalId.Create(value), out proposal, out problem);
    }

    public static bool TryConnects(long value, out Connects connects, out ProblemHttpResult? problem)
        => TryValue(Connects.Create(value), out connects, out problem);

    /// <summary>The request key of a purchase or submission: the <c>Idempotency-Key</c> header, required.</summary>
    public static bool TryRequestKey(HttpRequest request, out RequestKey key, out ProblemHttpResult? problem)
    {
        ArgumentNullException.ThrowIfNull(request);
        string? header = request.Headers["Idempotency-Key"].FirstOrDefault();
        if (string.IsNullOrEmpty(header))
        {
            (key, problem) = (default, Problems.Host(
                StatusCodes.Status400BadRequest, "MissingIdempotencyKey", "The Idempotency-Key header is required: it is the request key that makes a retry safe."));
            return false;
        }

        return TryValue(RequestKey.Create(header), out key, out problem);
    }

    public static bool TryPermissions(string[]? names, out Permissions permissions, out ProblemHttpResult? problem)
    {
        permissions = Permissions.None;
        problem = null;
        if (names is null)
        {
            problem = Problems.InvalidRequest("The field permissions is required (a list of Admin, BusinessManager, Freelancer).", "permissions");
            return false;
        }

        foreach (string name in names)
        {
            Permissions? one = name?.ToUpperInvariant() switch
            {
                "ADMIN" => Permissions.Admin,
                "BUSINESSMANAGER" => Permissions.BusinessManager,
                "FREELANCER" => Permissions.Freelancer,
                _ => null,
            };
            if (one is null)
            {
                problem = Problems.InvalidRequest($"\"{name}\" is not a permission (Admin, BusinessManager, Freelancer).", "permissions");
                return false;
            }

            permissions |= one.Value;
        }

        return true;
    }

    public static bool TryOutcome(string? name, out ProposalOutcome outcome, out ProblemHttpResult? problem)
    {
        problem = null;
        if (name is not null && !name.Any(char.IsDigit) && Enum.TryParse(name, ignoreCase: true, out outcome) && Enum.IsDefined(outcome))
        {
            return true;
        }

        outcome = default;
        problem = Problems.InvalidRequest(
            $"\"{name}\" is not an outcome ({string.Join(", ", Enum.GetNames<ProposalOutcome>())}).", "outcome");
        return false;
    }

    public static bool TrySettings(string? zoneId, string? catalogName, out AccountSettings settings, out ProblemHttpResult? problem)
    {
        settings = AccountSettings.Default;
        problem = null;
        DateTimeZone zone = DateTimeZone.Utc;
        if (zoneId is not null && DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId) is not { } found)
        {
            problem = Problems.InvalidRequest($"\"{zoneId}\" is not a time zone of the IANA database.", "timeZone");
            return false;
        }
        else if (zoneId is not null)
        {
            zone = DateTimeZoneProviders.Tzdb[zoneId];
        }

        PlanCatalog catalog = PlanCatalog.Classic;
        if (catalogName is not null && !PlanCatalogRegistry.Default.Resolve(catalogName).TryPickT0(out catalog, out _))
        {
            problem = Problems.InvalidRequest(
                $"\"{catalogName}\" is not a catalog ({string.Join(", ", PlanCatalogRegistry.Default.Catalogs.Select(c => c.Name))}).", "catalog");
            return false;
        }

        return AccountSettings.Create(catalog, zone).TryPickT0(out settings, out _);
    }

    /// <summary>The instants of a report or bill: <c>from</c> and <c>to</c> local dates (both included), or the billing period containing <c>at</c> (now by default).</summary>
    public static bool TryRange(
        ConnectsAccount account, string? at, string? from, string? to, Instant now, out (Instant From, Instant To) range, out ProblemHttpResult? problem)
    {
        ArgumentNullException.ThrowIfNull(account);
        range = default;
        problem = null;
        if (from is not null || to is not null)
        {
            if (at is not null)
            {
                problem = Problems.InvalidRequest("Give either at (a billing period) or from and to (local dates), not both.", "at");
                return false;
            }

            if (!TryDate(from, "from", out LocalDate first, out problem) || !TryDate(to, "to", out LocalDate last, out problem))
            {
                return false;
            }

            if (last < first)
            {
                problem = Problems.InvalidRequest("to is before from.", "to");
                return false;
            }

            // The library counts local dates in the account's zone; a Bill or Usage over a DateInterval gives the same instants.
            DateTimeZone zone = account.Settings.Zone;
            range = (first.AtStartOfDayInZone(zone).ToInstant(), last.PlusDays(1).AtStartOfDayInZone(zone).ToInstant());
            return true;
        }

        Instant instant = now;
        if (at is not null)
        {
            ParseResult<Instant> parsed = InstantPattern.ExtendedIso.Parse(at);
            if (!parsed.Success)
            {
                problem = Problems.InvalidRequest($"\"{at}\" is not an instant (2025-01-10T09:00:00Z).", "at");
                return false;
            }

            instant = parsed.Value;
        }

        if (!account.PeriodAt(instant).TryGetSuccess(out var period, out DomainError? error))
        {
            problem = Problems.From(error);
            return false;
        }

        range = (period.Start, period.End);
        return true;
    }

    private static bool TryDate(string? value, string field, out LocalDate date, out ProblemHttpResult? problem)
    {
        problem = null;
        ParseResult<LocalDate> parsed = value is null ? LocalDatePattern.Iso.Parse(string.Empty) : LocalDatePattern.Iso.Parse(value);
        date = parsed.Success ? parsed.Value : default;
        if (parsed.Success && date.Year is > 1 and < 9999)
        {
            return true;
        }

        problem = Problems.InvalidRequest($"{field} must be a local date (2025-01-31).", field);
        return false;
    }

    private static bool TryValue<T, TError>(OneOf<T, TError> result, out T value, out ProblemHttpResult? problem)
        where TError : DomainError
    {
        if (result.TryGetSuccess(out T? ok, out DomainError? error))
        {
            (value, problem) = (ok, null);
            return true;
        }

        (value, problem) = (default!, Problems.From(error));
        return false;
    }

    internal static IReadOnlyList<PersonId> Persons(params PersonId[] persons) => persons;
}
