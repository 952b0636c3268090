using System;
using System.Linq;
using System.Security.Claims;
using System.Threading;
using System.Threading.Tasks;
using AgencyConnects.Domain;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Proposals;
using AgencyConnects.Domain.Values;
using AgencyConnects.SampleHost.Auth;
using AgencyConnects.SampleHost.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using NodaTime;

namespace AgencyConnects.SampleHost.Endpoints;

/// <summary><c>/freelancers</c>: a person's own freelancer account, beside the agencies: only its holder acts on it.</summary>
public static class FreelancerEndpoints
{
    public static RouteGroupBuilder MapFreelancers(this IEndpointRouteBuilder routes)
    {
        RouteGroupBuilder freelancers = routes.MapGroup("/freelancers").WithTags("Freelancers").RequireAuthorization(Tokens.MemberPolicy);
        freelancers.MapPost("/", Open);
        freelancers.MapGet("/{person}", Get);
        freelancers.MapPost("/{person}/plan/upgrade", (string person, ClaimsPrincipal user, AccountStore store, CancellationToken ct)
            => Update(person, store, (a, _, now) => a.UpgradeToPlus(Input.Actor(user), now).TryGetSuccess(out var ok, out var e) ? ok : e, u => FreelancerView.Of(u.Account), ct));
        freelancers.MapPost("/{person}/plan/downgrade", (string person, ClaimsPrincipal user, AccountStore store, CancellationToken ct)
            => Update(person, store, (a, _, now) => a.DowngradeToBasic(Input.Actor(user), now).TryGetSuccess(out var ok, out var e) ? ok : e, u => FreelancerView.Of(u.Account), ct));
        freelancers.MapPost("/{person}/plan/cancel", (string person, ClaimsPrincipal user, AccountStore store, CancellationToken ct)
            => Update(person, store, (a, _, now) => a.CancelPlus(Input.Actor(user), now).TryGetSuccess(out var ok, out var e) ? ok : e, u => FreelancerView.Of(u.Account), ct));
        freelancers.MapPost("/{person}/plan/payment-failed", (string person, AccountStore store, CancellationToken ct)
            => Update(person, store, (a, _, now) => a.RecordFailedPayment(now).TryGetSuccess(out var ok, out var e) ? ok : e, u => FreelancerView.Of(u.Account), ct))
            .RequireAuthorization(Tokens.MarketplacePolicy);
        freelancers.MapGet("/{person}/connects", async (string person, ClaimsPrincipal user, AccountStore store, CancellationToken ct) =>
        {
            (FreelancerAccount? account, ProblemHttpResult? problem) = await ReadAsync(person, user, store, ct).ConfigureAwait(false);
            return account is null ? (Results<Ok<ConnectsView>, ProblemHttpResult>)problem! : TypedResults.Ok(ConnectsView.Of(account));
        });
        freelancers.MapPost("/{person}/connects", BuyConnects);
        freelancers.MapGet("/{person}/ledger", Ledger);
        freelancers.MapPost("/{person}/proposals", SubmitProposal);
        freelancers.MapPost("/{person}/proposals/{proposalId}/outcome", RecordOutcome).RequireAuthorization(Tokens.MarketplacePolicy);
        freelancers.MapGet("/{person}/bill", Bill);
        return freelancers;
    }

    public static async Task<Results<Created<FreelancerView>, ProblemHttpResult>> Open(
        OpenFreelancerRequest request, ClaimsPrincipal user, AccountStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(store);
        if (!Input.TrySettings(request.TimeZone, request.Catalog, out AccountSettings settings, out ProblemHttpResult? problem))
        {
            return problem!;
        }

        PersonId holder = Input.Actor(user);
        Stored<FreelancerAccount> stored = await store.OpenFreelancerAsync(
            holder, now => FreelancerAccount.Open(holder, now, settings).TryGetSuccess(out var ok, out var e) ? ok : e, cancellationToken).ConfigureAwait(false);
        return Answers.Created(stored, () => Problems.FreelancerAccountNotFound(holder.Value), u => ($"/freelancers/{Uri.EscapeDataString(holder.Value)}", FreelancerView.Of(u.Account)));
    }

    public static async Task<Results<Ok<FreelancerView>, ProblemHttpResult>> Get(string person, ClaimsPrincipal user, AccountStore store, CancellationToken cancellationToken)
    {
        (FreelancerAccount? account, ProblemHttpResult? problem) = await ReadAsync(person, user, store, cancellationToken).ConfigureAwait(false);
        return account is null ? problem! : TypedResults.Ok(FreelancerView.Of(account));
    }

    public static async Task<Results<Ok<PurchaseView>, ProblemHttpResult>> BuyConnects(
        string person, BuyConnectsRequest request, HttpRequest http, ClaimsPrincipal user, AccountStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Input.TryRequestKey(http, out RequestKey key, out ProblemHttpResult? problem) || !Input.TryConnects(request.Quantity, out Connects quantity, out problem))
        {
            return problem!;
        }

        PersonId actor = Input.Actor(user);
        return await Update(
            person, store, (a, _, now) => a.BuyConnects(actor, quantity, key, now).TryGetSuccess(out var ok, out var e) ? ok : e,
            u => PurchaseView.Of((ConnectsPurchase<FreelancerAccount>)u), cancellationToken).ConfigureAwait(false);
    }

    public static async Task<Results<Ok<ProposalView>, ProblemHttpResult>> SubmitProposal(
        string person, SubmitProposalRequest request, HttpRequest http, ClaimsPrincipal user, AccountStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Input.TryRequestKey(http, out RequestKey key, out ProblemHttpResult? problem)
            || !Input.TryProposal(request.Id, "id", out ProposalId proposal, out problem)
            || !Input.TryConnects(request.Cost, out Connects cost, out problem)
            || !Input.TryConnects(request.Boost, out Connects boost, out problem))
        {
            return problem!;
        }

        PersonId actor = Input.Actor(user);
        return await Update(
            person, store,
            (a, directory, now) => a.SubmitProposal(actor, proposal, cost, boost, key, now, directory.ExclusiveAgencyOf(a.Holder)).TryGetSuccess(out var ok, out var e) ? ok : e,
            u => ProposalView.Of(((ProposalSubmission<FreelancerAccount>)u).Proposal), cancellationToken).ConfigureAwait(false);
    }

    public static async Task<Results<Ok<ProposalView>, ProblemHttpResult>> RecordOutcome(
        string person, string proposalId, OutcomeRequest request, AccountStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(store);
        if (!Input.TryProposal(proposalId, "proposalId", out ProposalId proposal, out ProblemHttpResult? problem)
            || !Input.TryOutcome(request.Outcome, out ProposalOutcome outcome, out problem))
        {
            return problem!;
        }

        if (!Input.TryPerson(person, "person", out PersonId holder, out problem))
        {
            return problem!;
        }

        Stored<FreelancerAccount> stored = await store.UpdateFreelancerAsync(
            holder, (a, _, now) => a.RecordOutcome(proposal, outcome, now).TryGetSuccess(out var ok, out var e) ? ok : e, cancellationToken).ConfigureAwait(false);
        return await Answers.ProposalAsync(
            stored, store, AccountStore.FreelancerStream(holder), proposal, () => Problems.FreelancerAccountNotFound(person), cancellationToken).ConfigureAwait(false);
    }

    public static async Task<Results<Ok<LedgerPage>, ProblemHttpResult>> Ledger(
        string person, ClaimsPrincipal user, AccountStore store, CancellationToken cancellationToken, int offset = 0, int limit = 50)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (offset < 0 || limit is < 1 or > 500)
        {
            return Problems.InvalidRequest("offset must be at least 0 and limit between 1 and 500.", offset < 0 ? "offset" : "limit");
        }

        (FreelancerAccount? account, ProblemHttpResult? problem) = await ReadAsync(person, user, store, cancellationToken).ConfigureAwait(false);
        if (account is null)
        {
            return problem!;
        }

        (var rows, long total) = await store.LedgerAsync(AccountStore.FreelancerStream(account.Holder), offset, limit, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new LedgerPage(offset, limit, total, [.. rows.Select(LedgerEntryView.Of)]));
    }

    public static async Task<Results<Ok<BillView>, ProblemHttpResult>> Bill(
        string person, string? at, string? from, string? to, ClaimsPrincipal user, AccountStore store, IClock clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clock);
        (FreelancerAccount? account, ProblemHttpResult? problem) = await ReadAsync(person, user, store, cancellationToken).ConfigureAwait(false);
        if (account is null)
        {
            return problem!;
        }

        if (!Input.TryRange(account, at, from, to, clock.GetCurrentInstant(), out var range, out problem))
        {
            return problem!;
        }

        AccountHistory history = (await store.LoadHistoryAsync(AccountStore.FreelancerStream(account.Holder), cancellationToken).ConfigureAwait(false))!;
        return TypedResults.Ok(BillView.Of(history.Bill(range.From, range.To)));
    }

    private static async Task<Results<Ok<TView>, ProblemHttpResult>> Update<TView>(
        string person, AccountStore store, Func<FreelancerAccount, Domain.Membership.AgencyDirectory, Instant, Outcome<FreelancerAccount>> operation,
        Func<Updated<FreelancerAccount>, TView> view, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (!Input.TryPerson(person, "person", out PersonId holder, out ProblemHttpResult? problem))
        {
            return problem!;
        }

        Stored<FreelancerAccount> stored = await store.UpdateFreelancerAsync(holder, operation, cancellationToken).ConfigureAwait(false);
        return Answers.Ok(stored, () => Problems.FreelancerAccountNotFound(person), view);
    }

    /// <summary>Loads a freelancer account for a read: only its holder may see it.</summary>
    private static async Task<(FreelancerAccount? Account, ProblemHttpResult? Problem)> ReadAsync(
        string person, ClaimsPrincipal user, AccountStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (!Input.TryPerson(person, "person", out PersonId holder, out ProblemHttpResult? problem))
        {
            return (null, problem);
        }

        PersonId actor = Input.Actor(user);
        if (actor != holder)
        {
            return (null, Problems.From(new NotAccountHolder(actor, holder)));
        }

        FreelancerAccount? account = await store.LoadFreelancerAsync(holder, cancellationToken).ConfigureAwait(false);
        return account is null ? (null, Problems.FreelancerAccountNotFound(person)) : (account, null);
    }
}
