using System.Threading;
using System.Threading.Tasks;
using AgencyConnects.Domain;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Values;
using AgencyConnects.SampleHost.Auth;
using AgencyConnects.SampleHost.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace AgencyConnects.SampleHost.MonthEnd;

/// <summary>What one month-end run did.</summary>
/// <param name="Accounts">The accounts looked at.</param>
/// <param name="Changed">The accounts that had a period (or lots) to close, and were closed.</param>
/// <param name="Refused">The accounts the library refused to close (a closed agency), left as they were.</param>
/// <param name="Conflicts">The accounts other requests kept changing; the next run closes them.</param>
public sealed record MonthEndRun(int Accounts, int Changed, int Refused, int Conflicts);

/// <summary>
/// <c>POST /month-end</c> (the marketplace scope): the month-end job, run by a scheduler. Every account is brought up to
/// now, one transaction each, through the same path as a request (<see cref="AccountStore"/>): expired lots removed,
/// elapsed billing periods closed, allotments granted and fees charged. Accounts are also brought up to date by their
/// next operation, so a run that misses one changes nothing of what it will owe. For many accounts, the host's
/// <c>month-end</c> command (<see cref="MonthEndJob"/>) reads only the due ones, a chunk at a time, and closes each chunk
/// with the library's <c>MonthEndChunk</c>.
/// </summary>
public static class MonthEndEndpoints
{
    public static RouteHandlerBuilder MapMonthEnd(this IEndpointRouteBuilder routes)
        => routes.MapPost("/month-end", RunAsync).WithTags("Month end").RequireAuthorization(Tokens.MarketplacePolicy);

    public static async Task<Ok<MonthEndRun>> RunAsync(AccountStore store, CancellationToken cancellationToken)
    {
        System.ArgumentNullException.ThrowIfNull(store);
        int accounts = 0, changed = 0, refused = 0, conflicts = 0;
        foreach ((string stream, _) in await store.StreamsAsync(cancellationToken).ConfigureAwait(false))
        {
            accounts++;
            string id = stream[(stream.IndexOf('/', System.StringComparison.Ordinal) + 1)..];
            (StoreStatus status, bool any) = stream.StartsWith("agency/", System.StringComparison.Ordinal)
                ? Summary(await store.UpdateAgencyAsync(
                    AgencyId.Create(id).AsT0, [], (agency, _, now) => agency.CloseElapsedPeriods(now).TryGetSuccess(out var ok, out var e) ? ok : e,
                    cancellationToken).ConfigureAwait(false))
                : Summary(await store.UpdateFreelancerAsync(
                    PersonId.Create(id).AsT0, (account, _, now) => account.CloseElapsedPeriods(now).TryGetSuccess(out var ok, out var e) ? ok : e,
                    cancellationToken).ConfigureAwait(false));
            changed += status == StoreStatus.Done && any ? 1 : 0;
            refused += status == StoreStatus.Refused ? 1 : 0;
            conflicts += status == StoreStatus.Conflict ? 1 : 0;
        }

        return TypedResults.Ok(new MonthEndRun(accounts, changed, refused, conflicts));
    }

    private static (StoreStatus Status, bool Changed) Summary<TAccount>(Stored<TAccount> stored)
        where TAccount : ConnectsAccount
        => (stored.Status, stored.Success is { Events.IsEmpty: false });
}
