using System;
using System.Linq;
using System.Security.Claims;
using System.Threading;
using System.Threading.Tasks;
using AgencyConnects.Domain;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Membership;
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

/// <summary>
/// <c>/agencies</c>: an agency, its members, plan, Connects, proposals, ledger, usage and bills. The acting person is
/// the token's subject; the library decides what they may do, and its refusals are problems.
/// </summary>
public static class AgencyEndpoints
{
    public static RouteGroupBuilder MapAgencies(this IEndpointRouteBuilder routes)
    {
        RouteGroupBuilder agencies = routes.MapGroup("/agencies").WithTags("Agencies").RequireAuthorization(Tokens.MemberPolicy);
        agencies.MapPost("/", Create);
        agencies.MapGet("/{agencyId}", Get);
        agencies.MapDelete("/{agencyId}", Close);
        agencies.MapPost("/{agencyId}/members", AddMember);
        agencies.MapDelete("/{agencyId}/members/{person}", RemoveMember);
        agencies.MapPut("/{agencyId}/members/{person}/permissions", ChangePermissions);
        agencies.MapPut("/{agencyId}/owner", TransferOwnership);
        agencies.MapPost("/{agencyId}/plan/upgrade", (string agencyId, ClaimsPrincipal user, AccountStore store, CancellationToken ct)
            => Plan(agencyId, user, store, (a, actor, now) => a.UpgradeToPlus(actor, now).TryGetSuccess(out var ok, out var e) ? ok : e, ct));
        agencies.MapPost("/{agencyId}/plan/downgrade", (string agencyId, ClaimsPrincipal user, AccountStore store, CancellationToken ct)
            => Plan(agencyId, user, store, (a, actor, now) => a.DowngradeToBasic(actor, now).TryGetSuccess(out var ok, out var e) ? ok : e, ct));
        agencies.MapPost("/{agencyId}/plan/cancel", (string agencyId, ClaimsPrincipal user, AccountStore store, CancellationToken ct)
            => Plan(agencyId, user, store, (a, actor, now) => a.CancelPlus(actor, now).TryGetSuccess(out var ok, out var e) ? ok : e, ct));
        agencies.MapPost("/{agencyId}/plan/payment-failed", PaymentFailed).RequireAuthorization(Tokens.MarketplacePolicy);
        agencies.MapGet("/{agencyId}/connects", Connects);
        agencies.MapPost("/{agencyId}/connects", BuyConnects);
        agencies.MapGet("/{agencyId}/ledger", Ledger);
        agencies.MapGet("/{agencyId}/proposals", Proposals);
        agencies.MapPost("/{agencyId}/proposals", SubmitProposal);
        agencies.MapPost("/{agencyId}/proposals/{proposalId}/withdrawal", Withdraw);
        agencies.MapPost("/{agencyId}/proposals/{proposalId}/outcome", RecordOutcome).RequireAuthorization(Tokens.MarketplacePolicy);
        agencies.MapGet("/{agencyId}/usage", Usage);
        agencies.MapGet("/{agencyId}/bill", Bill);
        return agencies;
    }

    public static async Task<Results<Created<AgencyView>, ProblemHttpResult>> Create(
        CreateAgencyRequest request, ClaimsPrincipal user, AccountStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(store);
        if (request.Id is null)
        {
            return Problems.InvalidRequest("The field id is required.", "id");
        }

        if (!Input.TryAgency(request.Id, out AgencyId id, out ProblemHttpResult? problem)
            || !Input.TrySettings(request.TimeZone, request.Catalog, out AccountSettings settings, out problem))
        {
            return problem!;
        }

        bool plus = string.Equals(request.Plan, "Plus", StringComparison.OrdinalIgnoreCase);
        if (!plus && request.Plan is not null && !string.Equals(request.Plan, "Basic", StringComparison.OrdinalIgnoreCase))
        {
            return Problems.InvalidRequest($"\"{request.Plan}\" is not a plan (Basic, Plus).", "plan");
        }

        PersonId owner = Input.Actor(user);
        MembershipKind kind = request.Exclusive ? MembershipKind.Exclusive : MembershipKind.NonExclusive;
        Stored<AgencyAccount> stored = await store.CreateAgencyAsync(
            id, owner,
            (directory, now) =>
            {
                if (!AgencyAccount.Create(id, owner, now, directory, settings, kind).TryGetSuccess(out var created, out var error))
                {
                    return error;
                }

                if (!plus)
                {
                    return created;
                }

                // Two operations of the library, one transaction: the events of both are stored together.
                return created.Account.UpgradeToPlus(owner, now).TryGetSuccess(out var upgraded, out error)
                    ? new Updated<AgencyAccount>(upgraded.Account, created.Events.AddRange(upgraded.Events))
                    : error;
            },
            cancellationToken).ConfigureAwait(false);
        return Answers.Created(stored, () => Problems.AgencyNotFound(id.Value), u => ($"/agencies/{Uri.EscapeDataString(id.Value)}", AgencyView.Of(u.Account)));
    }

    public static async Task<Results<Ok<AgencyView>, ProblemHttpResult>> Get(string agencyId, ClaimsPrincipal user, AccountStore store, CancellationToken cancellationToken)
    {
        (AgencyAccount? agency, ProblemHttpResult? problem) = await ReadAsync(agencyId, user, store, Permissions.None, cancellationToken).ConfigureAwait(false);
        return agency is null ? problem! : TypedResults.Ok(AgencyView.Of(agency));
    }

    public static Task<Results<Ok<AgencyView>, ProblemHttpResult>> Close(string agencyId, ClaimsPrincipal user, AccountStore store, CancellationToken cancellationToken)
        => Plan(agencyId, user, store, (a, actor, now) => a.Close(actor, now).TryGetSuccess(out var ok, out var e) ? ok : e, cancellationToken);

    public static async Task<Results<Created<MemberView>, ProblemHttpResult>> AddMember(
        string agencyId, AddMemberRequest request, ClaimsPrincipal user, AccountStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(store);
        if (!Input.TryAgency(agencyId, out AgencyId id, out ProblemHttpResult? problem)
            || !Input.TryPerson(request.Person, "person", out PersonId person, out problem)
            || !Input.TryPermissions(request.Permissions, out Permissions permissions, out problem))
        {
            return problem!;
        }

        PersonId actor = Input.Actor(user);
        MembershipKind kind = request.Exclusive ? MembershipKind.Exclusive : MembershipKind.NonExclusive;
        Stored<AgencyAccount> stored = await store.UpdateAgencyAsync(
            id, [person], (agency, directory, now) => agency.AddMember(actor, person, permissions, kind, now, directory).TryGetSuccess(out var ok, out var e) ? ok : e,
            cancellationToken).ConfigureAwait(false);
        return Answers.Created(
            stored, () => Problems.AgencyNotFound(agencyId),
            u => ($"/agencies/{Uri.EscapeDataString(id.Value)}/members/{Uri.EscapeDataString(person.Value)}", MemberView.Of(u.Account.Members[person])));
    }

    public static async Task<Results<Ok<AgencyView>, ProblemHttpResult>> RemoveMember(
        string agencyId, string person, ClaimsPrincipal user, AccountStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (!Input.TryAgency(agencyId, out AgencyId id, out ProblemHttpResult? problem) || !Input.TryPerson(person, "person", out PersonId member, out problem))
        {
            return problem!;
        }

        PersonId actor = Input.Actor(user);
        Stored<AgencyAccount> stored = await store.UpdateAgencyAsync(
            id, [member], (agency, _, now) => agency.RemoveMember(actor, member, now).TryGetSuccess(out var ok, out var e) ? ok : e, cancellationToken).ConfigureAwait(false);
        return Answers.Ok(stored, () => Problems.AgencyNotFound(agencyId), u => AgencyView.Of(u.Account));
    }

    public static async Task<Results<Ok<MemberView>, ProblemHttpResult>> ChangePermissions(
        string agencyId, string person, ChangePermissionsRequest request, ClaimsPrincipal user, AccountStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(store);
        if (!Input.TryAgency(agencyId, out AgencyId id, out ProblemHttpResult? problem)
            || !Input.TryPerson(person, "person", out PersonId member, out problem)
            || !Input.TryPermissions(request.Permissions, out Permissions permissions, out problem))
        {
            return problem!;
        }

        PersonId actor = Input.Actor(user);
        Stored<AgencyAccount> stored = await store.UpdateAgencyAsync(
            id, [], (agency, _, now) => agency.ChangePermissions(actor, member, permissions, now).TryGetSuccess(out var ok, out var e) ? ok : e,
            cancellationToken).ConfigureAwait(false);
        return Answers.Ok(stored, () => Problems.AgencyNotFound(agencyId), u => MemberView.Of(u.Account.Members[member]));
    }

    public static async Task<Results<Ok<AgencyView>, ProblemHttpResult>> TransferOwnership(
        string agencyId, TransferOwnershipRequest request, ClaimsPrincipal user, AccountStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(store);
        if (!Input.TryAgency(agencyId, out AgencyId id, out ProblemHttpResult? problem) || !Input.TryPerson(request.NewOwner, "newOwner", out PersonId newOwner, out problem))
        {
            return problem!;
        }

        PersonId actor = Input.Actor(user);
        Stored<AgencyAccount> stored = await store.UpdateAgencyAsync(
            id, [newOwner], (agency, directory, now) => agency.TransferOwnership(actor, newOwner, now, directory).TryGetSuccess(out var ok, out var e) ? ok : e,
            cancellationToken).ConfigureAwait(false);
        return Answers.Ok(stored, () => Problems.AgencyNotFound(agencyId), u => AgencyView.Of(u.Account));
    }

    public static async Task<Results<Ok<AgencyView>, ProblemHttpResult>> PaymentFailed(string agencyId, AccountStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (!Input.TryAgency(agencyId, out AgencyId id, out ProblemHttpResult? problem))
        {
            return problem!;
        }

        Stored<AgencyAccount> stored = await store.UpdateAgencyAsync(
            id, [], (agency, _, now) => agency.RecordFailedPayment(now).TryGetSuccess(out var ok, out var e) ? ok : e, cancellationToken).ConfigureAwait(false);
        return Answers.Ok(stored, () => Problems.AgencyNotFound(agencyId), u => AgencyView.Of(u.Account));
    }

    public static async Task<Results<Ok<ConnectsView>, ProblemHttpResult>> Connects(string agencyId, ClaimsPrincipal user, AccountStore store, CancellationToken cancellationToken)
    {
        (AgencyAccount? agency, ProblemHttpResult? problem) = await ReadAsync(agencyId, user, store, Permissions.Admin, cancellationToken).ConfigureAwait(false);
        return agency is null ? problem! : TypedResults.Ok(ConnectsView.Of(agency));
    }

    public static async Task<Results<Ok<PurchaseView>, ProblemHttpResult>> BuyConnects(
        string agencyId, BuyConnectsRequest request, HttpRequest http, ClaimsPrincipal user, AccountStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(store);
        if (!Input.TryAgency(agencyId, out AgencyId id, out ProblemHttpResult? problem)
            || !Input.TryRequestKey(http, out RequestKey key, out problem)
            || !Input.TryConnects(request.Quantity, out Connects quantity, out problem))
        {
            return problem!;
        }

        PersonId actor = Input.Actor(user);
        Stored<AgencyAccount> stored = await store.UpdateAgencyAsync(
            id, [], (agency, _, now) => agency.BuyConnects(actor, quantity, key, now).TryGetSuccess(out var ok, out var e) ? ok : e, cancellationToken).ConfigureAwait(false);
        return Answers.Ok(stored, () => Problems.AgencyNotFound(agencyId), u => PurchaseView.Of((ConnectsPurchase<AgencyAccount>)u));
    }

    public static async Task<Results<Ok<LedgerPage>, ProblemHttpResult>> Ledger(
        string agencyId, ClaimsPrincipal user, AccountStore store, CancellationToken cancellationToken, int offset = 0, int limit = 50)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (offset < 0 || limit is < 1 or > 500)
        {
            return Problems.InvalidRequest("offset must be at least 0 and limit between 1 and 500.", offset < 0 ? "offset" : "limit");
        }

        (AgencyAccount? agency, ProblemHttpResult? problem) = await ReadAsync(agencyId, user, store, Permissions.Admin, cancellationToken).ConfigureAwait(false);
        if (agency is null)
        {
            return problem!;
        }

        (var rows, long total) = await store.LedgerAsync(AccountStore.AgencyStream(agency.Id), offset, limit, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new LedgerPage(offset, limit, total, [.. rows.Select(LedgerEntryView.Of)]));
    }

    public static async Task<Results<Ok<ProposalView[]>, ProblemHttpResult>> Proposals(string agencyId, ClaimsPrincipal user, AccountStore store, CancellationToken cancellationToken)
    {
        (AgencyAccount? agency, ProblemHttpResult? problem) = await ReadAsync(agencyId, user, store, Permissions.None, cancellationToken).ConfigureAwait(false);
        if (agency is null)
        {
            return problem!;
        }

        // Every proposal ever submitted, open or closed: the history's, not the decision state's.
        AccountHistory history = (await store.LoadHistoryAsync(AccountStore.AgencyStream(agency.Id), cancellationToken).ConfigureAwait(false))!;
        return TypedResults.Ok(history.Proposals.Values.Select(ProposalView.Of).ToArray());
    }

    public static async Task<Results<Created<ProposalView>, ProblemHttpResult>> SubmitProposal(
        string agencyId, SubmitProposalRequest request, HttpRequest http, ClaimsPrincipal user, AccountStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(store);
        PersonId actor = Input.Actor(user);
        if (!Input.TryAgency(agencyId, out AgencyId id, out ProblemHttpResult? problem)
            || !Input.TryRequestKey(http, out RequestKey key, out problem)
            || !Input.TryProposal(request.Id, "id", out ProposalId proposal, out problem)
            || !Input.TryPerson(request.Assignee ?? actor.Value, "assignee", out PersonId assignee, out problem)
            || !Input.TryConnects(request.Cost, out Connects cost, out problem)
            || !Input.TryConnects(request.Boost, out Connects boost, out problem))
        {
            return problem!;
        }

        Stored<AgencyAccount> stored = await store.UpdateAgencyAsync(
            id, [], (agency, _, now) => agency.SubmitProposal(actor, assignee, proposal, cost, boost, key, now).TryGetSuccess(out var ok, out var e) ? ok : e,
            cancellationToken).ConfigureAwait(false);
        return Answers.Created(
            stored, () => Problems.AgencyNotFound(agencyId),
            u => ($"/agencies/{Uri.EscapeDataString(id.Value)}/proposals/{Uri.EscapeDataString(proposal.Value)}",
                ProposalView.Of(((ProposalSubmission<AgencyAccount>)u).Proposal)));
    }

    public static async Task<Results<Ok<ProposalView>, ProblemHttpResult>> Withdraw(
        string agencyId, string proposalId, ClaimsPrincipal user, AccountStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (!Input.TryAgency(agencyId, out AgencyId id, out ProblemHttpResult? problem) || !Input.TryProposal(proposalId, "proposalId", out ProposalId proposal, out problem))
        {
            return problem!;
        }

        PersonId actor = Input.Actor(user);
        Stored<AgencyAccount> stored = await store.UpdateAgencyAsync(
            id, [], (agency, _, now) => agency.Withdraw(actor, proposal, now).TryGetSuccess(out var ok, out var e) ? ok : e, cancellationToken).ConfigureAwait(false);
        return await Answers.ProposalAsync(stored, store, AccountStore.AgencyStream(id), proposal, () => Problems.AgencyNotFound(agencyId), cancellationToken).ConfigureAwait(false);
    }

    public static async Task<Results<Ok<ProposalView>, ProblemHttpResult>> RecordOutcome(
        string agencyId, string proposalId, OutcomeRequest request, AccountStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(store);
        if (!Input.TryAgency(agencyId, out AgencyId id, out ProblemHttpResult? problem)
            || !Input.TryProposal(proposalId, "proposalId", out ProposalId proposal, out problem)
            || !Input.TryOutcome(request.Outcome, out ProposalOutcome outcome, out problem))
        {
            return problem!;
        }

        Stored<AgencyAccount> stored = await store.UpdateAgencyAsync(
            id, [], (agency, _, now) => agency.RecordOutcome(proposal, outcome, now).TryGetSuccess(out var ok, out var e) ? ok : e, cancellationToken).ConfigureAwait(false);
        return await Answers.ProposalAsync(stored, store, AccountStore.AgencyStream(id), proposal, () => Problems.AgencyNotFound(agencyId), cancellationToken).ConfigureAwait(false);
    }

    public static Task<Results<Ok<UsageView>, ProblemHttpResult>> Usage(
        string agencyId, string? at, string? from, string? to, ClaimsPrincipal user, AccountStore store, IClock clock, CancellationToken cancellationToken)
        => ReportAsync(agencyId, at, from, to, user, store, clock, (history, start, end) => UsageView.Of(history.Usage(start, end)), cancellationToken);

    public static Task<Results<Ok<BillView>, ProblemHttpResult>> Bill(
        string agencyId, string? at, string? from, string? to, ClaimsPrincipal user, AccountStore store, IClock clock, CancellationToken cancellationToken)
        => ReportAsync(agencyId, at, from, to, user, store, clock, (history, start, end) => BillView.Of(history.Bill(start, end)), cancellationToken);

    /// <summary>A report over the agency's history for a period (<paramref name="at"/>) or local dates, for an owner or admin.</summary>
    private static async Task<Results<Ok<TView>, ProblemHttpResult>> ReportAsync<TView>(
        string agencyId, string? at, string? from, string? to, ClaimsPrincipal user, AccountStore store, IClock clock,
        Func<AccountHistory, Instant, Instant, TView> report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clock);
        (AgencyAccount? agency, ProblemHttpResult? problem) = await ReadAsync(agencyId, user, store, Permissions.Admin, cancellationToken).ConfigureAwait(false);
        if (agency is null)
        {
            return problem!;
        }

        if (!Input.TryRange(agency, at, from, to, clock.GetCurrentInstant(), out var range, out problem))
        {
            return problem!;
        }

        AccountHistory history = (await store.LoadHistoryAsync(AccountStore.AgencyStream(agency.Id), cancellationToken).ConfigureAwait(false))!;
        return TypedResults.Ok(report(history, range.From, range.To));
    }

    private static async Task<Results<Ok<AgencyView>, ProblemHttpResult>> Plan(
        string agencyId, ClaimsPrincipal user, AccountStore store, Func<AgencyAccount, PersonId, Instant, Outcome<AgencyAccount>> operation, CancellationToken cancellationToken)
    {
        if (!Input.TryAgency(agencyId, out AgencyId id, out ProblemHttpResult? problem))
        {
            return problem!;
        }

        PersonId actor = Input.Actor(user);
        Stored<AgencyAccount> stored = await store.UpdateAgencyAsync(id, [], (agency, _, now) => operation(agency, actor, now), cancellationToken).ConfigureAwait(false);
        return Answers.Ok(stored, () => Problems.AgencyNotFound(agencyId), u => AgencyView.Of(u.Account));
    }

    /// <summary>
    /// Loads an agency for a read. The library has no read operations, so the host applies its rules: a member may see
    /// the agency and its proposals; finances (Connects, ledger, usage, bills) need the Admin permission (DOMAIN §4).
    /// </summary>
    private static async Task<(AgencyAccount? Agency, ProblemHttpResult? Problem)> ReadAsync(
        string agencyId, ClaimsPrincipal user, AccountStore store, Permissions needed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (!Input.TryAgency(agencyId, out AgencyId id, out ProblemHttpResult? problem))
        {
            return (null, problem);
        }

        AgencyAccount? agency = await store.LoadAgencyAsync(id, cancellationToken).ConfigureAwait(false);
        if (agency is null)
        {
            return (null, Problems.AgencyNotFound(agencyId));
        }

        PersonId actor = Input.Actor(user);
        DomainError? refused = !agency.Members.TryGetValue(actor, out Member? member) ? new NotAMember(actor)
            : !member.Holds(needed) ? new NotAuthorized(actor, needed)
            : null;
        return refused is null ? (agency, null) : (null, Problems.From(refused));
    }
}
