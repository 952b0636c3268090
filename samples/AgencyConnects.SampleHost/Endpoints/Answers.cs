using System;
using System.Threading;
using System.Threading.Tasks;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Values;
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

    /// <summary>
    /// A proposal after an operation on it: from the account while it is open, else from the account's history (a
    /// closed proposal leaves the decision state once its request key's retention ends; the history keeps it).
    /// </summary>
    public static async Task<Results<Ok<ProposalView>, ProblemHttpResult>> ProposalAsync<TAccount>(
        Stored<TAccount> stored, AccountStore store, string stream, ProposalId proposal, Func<ProblemHttpResult> notFound, CancellationToken cancellationToken)
        where TAccount : ConnectsAccount
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(store);
        if (stored.Status == StoreStatus.Done && !stored.Success!.Account.Proposals.ContainsKey(proposal))
        {
            AccountHistory history = (await store.LoadHistoryAsync(stream, cancellationToken).ConfigureAwait(false))!;
            return TypedResults.Ok(ProposalView.Of(history.Proposals[proposal]));
        }

        return Ok(stored, notFound, u => ProposalView.Of(u.Account.Proposals[proposal]));
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
