using System;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.SampleHost.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AgencyConnects.SampleHost.Endpoints;

/// <summary>From a stored operation to its HTTP answer.</summary>
public static class Answers
{
    public static Results<Ok<TView>, ProblemHttpResult> Ok<TAccount, TView>(
        Stored<TAccount> stored, Func<ProblemHttpResult> notFound, Func<Updated<TAccount>, TView> view)
        where TAccount : ConnectsAccount
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(notFound);
        ArgumentNullException.ThrowIfNull(view);
        return stored.Status switch
        {
            StoreStatus.Done => TypedResults.Ok(view(stored.Success!)),
            StoreStatus.Refused => Problems.From(stored.Error!),
            StoreStatus.NotFound => notFound(),
            StoreStatus.AlreadyExists => Problems.AccountExists(),
            _ => Problems.Conflict(),
        };
    }

    public static Results<Created<TView>, ProblemHttpResult> Created<TAccount, TView>(
        Stored<TAccount> stored, Func<ProblemHttpResult> notFound, Func<Updated<TAccount>, (string Location, TView View)> view)
        where TAccount : ConnectsAccount
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(notFound);
        ArgumentNullException.ThrowIfNull(view);
        if (stored.Status != StoreStatus.Done)
        {
            return stored.Status switch
            {
                StoreStatus.Refused => Problems.From(stored.Error!),
                StoreStatus.NotFound => notFound(),
                StoreStatus.AlreadyExists => Problems.AccountExists(),
                _ => Problems.Conflict(),
            };
        }

        (string location, TView body) = view(stored.Success!);
        return TypedResults.Created(location, body);
    }
}
