using System;
using System.Collections.Generic;
using System.Globalization;
using System.Reflection;
using AgencyConnects.Domain;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Membership;
using AgencyConnects.Domain.Plans;
using AgencyConnects.Domain.Proposals;
using AgencyConnects.Domain.Values;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using NodaTime.Text;

namespace AgencyConnects.SampleHost.Endpoints;

/// <summary>
/// RFC 7807 problems. A refusal of the library is a problem whose <c>type</c> names the error case
/// (<c>urn:agencyconnects:error:InsufficientConnects</c>), whose title is its code, whose detail is its message, and
/// whose extensions carry its data (<c>requested</c>, <c>available</c>). The host's own refusals (no such account, a
/// race lost on every attempt, input that is not a request) use the same form.
/// </summary>
public static class Problems
{
    public const string TypePrefix = "urn:agencyconnects:error:";

    /// <summary>The status of each kind of refusal.</summary>
    public static int StatusOf(DomainError error) => error switch
    {
        AccessRefused or NotOwner or NotAccountHolder => StatusCodes.Status403Forbidden,
        InvalidArgument or InvalidIdentifier or InvalidConnectsQuantity => StatusCodes.Status400BadRequest,
        ProposalNotFound => StatusCodes.Status404NotFound,
        _ => StatusCodes.Status422UnprocessableEntity,
    };

    public static ProblemHttpResult From(DomainError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var problem = new ProblemDetails
        {
            Type = TypePrefix + error.Code,
            Title = error.Code,
            Detail = error.Message,
            Status = StatusOf(error),
        };
        foreach (PropertyInfo property in error.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.Name is nameof(DomainError.Code) or nameof(DomainError.Message))
            {
                continue;
            }

            problem.Extensions[char.ToLowerInvariant(property.Name[0]) + property.Name[1..]] = Plain(property.GetValue(error));
        }

        return TypedResults.Problem(problem);
    }

    public static ProblemHttpResult Host(int status, string code, string detail, IDictionary<string, object?>? extensions = null)
        => TypedResults.Problem(new ProblemDetails { Type = TypePrefix + code, Title = code, Detail = detail, Status = status, Extensions = extensions ?? new Dictionary<string, object?>() });

    public static ProblemHttpResult AgencyNotFound(string agency)
        => Host(StatusCodes.Status404NotFound, "AgencyNotFound", $"There is no agency {agency}.", new Dictionary<string, object?> { ["agency"] = agency });

    public static ProblemHttpResult FreelancerAccountNotFound(string person)
        => Host(StatusCodes.Status404NotFound, "FreelancerAccountNotFound", $"{person} has no freelancer account.", new Dictionary<string, object?> { ["person"] = person });

    public static ProblemHttpResult AccountExists()
        => Host(StatusCodes.Status422UnprocessableEntity, "AccountExists", "The account exists already.");

    public static ProblemHttpResult Conflict()
        => Host(StatusCodes.Status409Conflict, "ConcurrencyConflict", "Other requests changed the account at the same time on every attempt; try again.");

    public static ProblemHttpResult InvalidRequest(string detail, string field)
        => Host(StatusCodes.Status400BadRequest, "InvalidRequest", detail, new Dictionary<string, object?> { ["field"] = field });

    /// <summary>
    /// Gives the problems the framework writes (a body that does not bind, no or a bad token, an unknown route) a type
    /// in the same form as the others, so a client reads every problem the same way.
    /// </summary>
    public static void NameFrameworkProblem(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        ProblemDetails problem = context.ProblemDetails;
        if (problem.Type?.StartsWith(TypePrefix, StringComparison.Ordinal) == true)
        {
            return;
        }

        string code = problem.Status switch
        {
            StatusCodes.Status400BadRequest => "MalformedRequest",
            StatusCodes.Status401Unauthorized => "Unauthenticated",
            StatusCodes.Status403Forbidden => "Forbidden",
            StatusCodes.Status404NotFound => "NotFound",
            StatusCodes.Status405MethodNotAllowed => "MethodNotAllowed",
            StatusCodes.Status415UnsupportedMediaType => "UnsupportedMediaType",
            >= 500 => "ServerError",
            _ => "RequestRefused",
        };
        problem.Type = TypePrefix + code;
        problem.Title ??= code;
    }

    /// <summary>A value of an error's data as JSON shows it: identifiers as strings, Connects as numbers, instants in ISO form.</summary>
    private static object? Plain(object? value) => value switch
    {
        null => null,
        PersonId or AgencyId or ProposalId or RequestKey or Currency or Plan => value.ToString(),
        Connects connects => connects.Value,
        Money money => new Dictionary<string, object?> { ["amount"] = money.Amount, ["currency"] = money.Currency.Code },
        Instant instant => InstantPattern.ExtendedIso.Format(instant),
        LocalDate date => LocalDatePattern.Iso.Format(date),
        Period period => period.ToString(),
        Enum => value.ToString(),
        string or bool or int or long or decimal => value,
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };
}
