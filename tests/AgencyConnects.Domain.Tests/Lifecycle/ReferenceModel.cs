using System;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Membership;
using AgencyConnects.Domain.Plans;
using AgencyConnects.Domain.Pool;
using AgencyConnects.Domain.Proposals;
using AgencyConnects.Domain.Values;
using NodaTime;
using static AgencyConnects.Domain.Tests.TestData;

namespace AgencyConnects.Domain.Tests.Lifecycle;

/// <summary>A request recorded under a key: a purchase (no proposal) or a submission.</summary>
internal sealed record ModelRequest(PersonId Actor, int Quantity, string? Proposal, int Cost, int Boost, Instant FirstUsed);

/// <summary>A proposal as the model tracks it.</summary>
internal sealed record ModelProposal(int Cost, int Boost, int Refunded, bool BoostRefunded, ProposalOutcome? ClosedBy, Instant? ClosedAt = null)
{
    /// <summary>DOMAIN §9: an open proposal is known; a closed one for the retention window from when it closed.</summary>
    public bool IsKnownAt(Instant at) => ClosedBy is null || at < ClosedAt!.Value + ReferenceModel.Retention;
}

/// <summary>The concrete action an operation resolved against the model, and the result the model expects.</summary>
internal sealed record Step(string Action, Instant At)
{
    public PersonId Actor { get; init; }

    public int Quantity { get; init; }

    public string Key { get; init; } = "";

    public string Proposal { get; init; } = "";

    public int Cost { get; init; }

    public int Boost { get; init; }

    public ProposalOutcome Outcome { get; init; }

    public PlanChangeReason Reason { get; init; }

    /// <summary>The error record the operation must return, or <c>null</c> for a success.</summary>
    public object? Error { get; init; }

    /// <summary>Whether the operation must be recognised as a repeat of an earlier request.</summary>
    public bool IsRepeat { get; init; }

    public override string ToString()
        => string.Create(
            CultureInfo.InvariantCulture,
            $"{Action} at {At}: actor {Actor}, qty {Quantity}, key {Key}, proposal {Proposal} {Cost}+{Boost}, {Outcome}, {Reason} => {Error?.ToString() ?? (IsRepeat ? "repeat" : "ok")}");
}

/// <summary>
/// A small, independent reference model of one Classic account in UTC: plan, pending change, anniversary periods
/// (computed with <see cref="LocalDate.PlusMonths"/>), balance, money charged, request keys and proposals. It knows
/// the Classic figures itself and nothing of the library's pool, lots or schedule.
/// </summary>
internal sealed record ReferenceModel
{
    public const int MaxCost = 6;
    public const int MaxBoost = 50;

    public required AccountKind Kind { get; init; }

    public required Instant Now { get; init; }

    public required PlanTier Tier { get; init; }

    public PlanChangeReason? Pending { get; init; }

    public required LocalDate Anchor { get; init; }

    public int PeriodIndex { get; init; }

    public int Balance { get; init; }

    public decimal Charged { get; init; }

    public int PeriodsClosed { get; init; }

    public ImmutableSortedDictionary<string, ModelRequest> Requests { get; init; } = ImmutableSortedDictionary.Create<string, ModelRequest>(StringComparer.Ordinal);

    public ImmutableSortedDictionary<string, ModelProposal> Proposals { get; init; } = ImmutableSortedDictionary.Create<string, ModelProposal>(StringComparer.Ordinal);

    public int NextId { get; init; }

    public Step? Last { get; init; }

    /// <summary>DOMAIN §9: how long request keys and closed proposals are remembered (the default settings').</summary>
    public static readonly Duration Retention = AccountSettings.DefaultRequestRetention;

    public Plan Plan => new(Kind, Tier);

    public PersonId Principal => Kind == AccountKind.Agency ? Given.Owner : Given.Holder;

    public Instant PeriodEnd => Anchor.PlusMonths(PeriodIndex + 1).AtStartOfDayInZone(DateTimeZone.Utc).ToInstant();

    /// <summary>The Classic figures: fee, allotment, cap, whether Connects may be spent and bought.</summary>
    public static (decimal Fee, int Allotment, int? Cap, bool Spends, bool Buys) Terms(AccountKind kind, PlanTier tier)
        => (kind, tier) switch
        {
            (AccountKind.Agency, PlanTier.Basic) => (0m, 0, null, false, false),
            (AccountKind.Agency, PlanTier.Plus) => (20m, 80, 160, true, true),
            (AccountKind.Freelancer, PlanTier.Basic) => (0m, 10, 20, true, false),
            _ => (10m, 70, 140, true, true),
        };

    public static ReferenceModel Open(AccountKind kind, Instant at)
        => new()
        {
            Kind = kind,
            Now = at,
            Tier = PlanTier.Basic,
            Anchor = at.InUtc().Date,
            Balance = Terms(kind, PlanTier.Basic).Allotment,
            Charged = Terms(kind, PlanTier.Basic).Fee,
        };

    /// <summary>Closes every period that ended at or before <paramref name="at"/>: cap, scheduled downgrade, allotment, fee.</summary>
    public ReferenceModel AdvanceTo(Instant at)
    {
        ReferenceModel model = this;
        while (model.PeriodEnd <= at)
        {
            int? cap = Terms(Kind, model.Tier).Cap;
            PlanTier next = model.Pending is null ? model.Tier : PlanTier.Basic;
            (decimal fee, int allotment, _, _, _) = Terms(Kind, next);
            model = model with
            {
                Balance = (cap is { } limit ? Math.Min(model.Balance, limit) : model.Balance) + allotment,
                Tier = next,
                Pending = null,
                PeriodIndex = model.PeriodIndex + 1,
                Charged = model.Charged + fee,
                PeriodsClosed = model.PeriodsClosed + 1,
            };
        }

        return model;
    }

    /// <summary>A refused (or repeated) request: nothing changes but the clock.</summary>
    public ReferenceModel Unchanged(Step step) => this with { Now = step.At, Last = step };

    /// <summary>The error for someone other than the owner or holder acting.</summary>
    public object NotPrincipal(PersonId actor)
        => Kind == AccountKind.Agency ? new NotAuthorized(actor, Permissions.Admin) : new NotAccountHolder(actor, Given.Holder);

    public ReferenceModel Buy(PersonId actor, int quantity, KeyPick pick, Instant at)
    {
        (string key, ModelRequest? recorded, ReferenceModel model) = ResolveKey(pick, at);
        var step = new Step("buy", at) { Actor = actor, Quantity = quantity, Key = key };
        if (recorded is not null)
        {
            if (pick.Same && recorded.Proposal is null)
            {
                return model.Unchanged(step with { Actor = recorded.Actor, Quantity = recorded.Quantity, IsRepeat = true });
            }

            if (recorded.Proposal is null && recorded.Actor == actor && recorded.Quantity == quantity)
            {
                step = step with { Quantity = quantity + 1 };
            }

            return model.Unchanged(step with { Error = new RequestKeyConflict(Key(key)) });
        }

        if (actor != Principal)
        {
            return model.Unchanged(step with { Error = NotPrincipal(actor) });
        }

        ReferenceModel advanced = model.AdvanceTo(at);
        if (!Terms(Kind, advanced.Tier).Buys)
        {
            return model.Unchanged(step with { Error = new PlanDoesNotAllow(advanced.Plan, PlanActions.BuyConnects) });
        }

        if (quantity < 1)
        {
            return model.Unchanged(step with { Error = new InvalidPurchaseQuantity(C(quantity)) });
        }

        return advanced with
        {
            Now = at,
            Last = step,
            Balance = advanced.Balance + quantity,
            Charged = advanced.Charged + quantity,
            Requests = advanced.Requests.SetItem(key, new ModelRequest(actor, quantity, null, 0, 0, at)),
        };
    }

    public ReferenceModel Submit(int cost, int boost, ProposalPick proposalPick, KeyPick keyPick, Instant at)
    {
        (string key, ModelRequest? recorded, ReferenceModel model) = ResolveKey(keyPick, at);
        (string proposal, model) = model.ResolveProposal(proposalPick);
        var step = new Step("submit", at) { Actor = Principal, Key = key, Proposal = proposal, Cost = cost, Boost = boost };
        if (recorded is not null)
        {
            if (keyPick.Same && recorded.Proposal is { } first)
            {
                return model.Unchanged(step with { Proposal = first, Cost = recorded.Cost, Boost = recorded.Boost, IsRepeat = true });
            }

            if (recorded.Proposal == proposal && recorded.Cost == cost && recorded.Boost == boost)
            {
                step = step with { Cost = cost + 1 };
            }

            return model.Unchanged(step with { Error = new RequestKeyConflict(Key(key)) });
        }

        ReferenceModel advanced = model.AdvanceTo(at);
        int total = cost + boost;
        object? error =
            cost > MaxCost || boost > MaxBoost ? new ProposalCostOutOfRange(C(cost), C(boost), C(MaxCost), C(MaxBoost))
            : total > 0 && !Terms(Kind, advanced.Tier).Spends ? new PlanDoesNotAllow(advanced.Plan, PlanActions.SpendConnects)
            : advanced.Proposals.TryGetValue(proposal, out ModelProposal? known) && known.IsKnownAt(at) ? new DuplicateProposal(Proposal(proposal))
            : total > advanced.Balance ? new InsufficientConnects(C(total), C(advanced.Balance))
            : null;
        if (error is not null)
        {
            return model.Unchanged(step with { Error = error });
        }

        return advanced with
        {
            Now = at,
            Last = step,
            Balance = advanced.Balance - total,
            Requests = advanced.Requests.SetItem(key, new ModelRequest(Principal, 0, proposal, cost, boost, at)),
            Proposals = advanced.Proposals.SetItem(proposal, new ModelProposal(cost, boost, 0, false, null)),
        };
    }

    public ReferenceModel RecordOutcome(ProposalPick pick, ProposalOutcome outcome, Instant at)
    {
        string proposal = pick.IsNew || Proposals.IsEmpty ? "ghost" : Proposals.Keys.ElementAt(pick.Index % Proposals.Count);
        var step = new Step("outcome", at) { Proposal = proposal, Outcome = outcome };
        ReferenceModel advanced = AdvanceTo(at);
        if (!advanced.Proposals.TryGetValue(proposal, out ModelProposal? found) || !found.IsKnownAt(at))
        {
            return Unchanged(step with { Error = new ProposalNotFound(Proposal(proposal)) });
        }

        if (found.ClosedBy is { } closedBy)
        {
            return Unchanged(step with { Error = new ProposalAlreadyClosed(Proposal(proposal), closedBy) });
        }

        int refund;
        switch (outcome)
        {
            case ProposalOutcome.Outbid when found.Boost == 0 || found.BoostRefunded:
                return Unchanged(step with { Error = new NoBoostToRefund(Proposal(proposal)) });
            case ProposalOutcome.Outbid:
                refund = found.Boost;
                break;
            case ProposalOutcome.JobCancelled or ProposalOutcome.JobRemoved:
                refund = found.Cost + found.Boost - found.Refunded;
                break;
            default:
                refund = 0;
                break;
        }

        bool boostBack = outcome is ProposalOutcome.Outbid or ProposalOutcome.JobCancelled or ProposalOutcome.JobRemoved;
        var updated = new ModelProposal(
            found.Cost,
            found.Boost,
            found.Refunded + refund,
            found.BoostRefunded || (boostBack && found.Boost > 0),
            outcome == ProposalOutcome.Outbid ? null : outcome,
            outcome == ProposalOutcome.Outbid ? null : at);
        return advanced with
        {
            Now = at,
            Last = step with { Quantity = refund },
            Balance = advanced.Balance + refund,
            Proposals = advanced.Proposals.SetItem(proposal, updated),
        };
    }

    public ReferenceModel Upgrade(PersonId actor, Instant at)
    {
        var step = new Step("upgrade", at) { Actor = actor };
        if (actor != Principal)
        {
            return Unchanged(step with { Error = NotPrincipal(actor) });
        }

        ReferenceModel advanced = AdvanceTo(at);
        if (advanced.Tier == PlanTier.Plus)
        {
            return Unchanged(step with { Error = new AlreadyOnPlan(advanced.Plan) });
        }

        (decimal fee, int allotment, _, _, _) = Terms(Kind, PlanTier.Plus);
        return advanced with
        {
            Now = at,
            Last = step,
            Tier = PlanTier.Plus,
            Pending = null,
            Anchor = at.InUtc().Date,
            PeriodIndex = 0,
            Balance = advanced.Balance + allotment,
            Charged = advanced.Charged + fee,
        };
    }

    public ReferenceModel ScheduleDowngrade(PersonId actor, PlanChangeReason reason, Instant at)
    {
        var step = new Step("downgrade", at) { Actor = actor, Reason = reason };
        if (actor != Principal)
        {
            return Unchanged(step with { Error = NotPrincipal(actor) });
        }

        ReferenceModel advanced = AdvanceTo(at);
        object? error =
            advanced.Tier == PlanTier.Basic ? new AlreadyOnPlan(advanced.Plan)
            : advanced.Pending is { } pending ? new PlanChangeAlreadyScheduled(pending, advanced.PeriodEnd)
            : null;
        return error is not null ? Unchanged(step with { Error = error }) : advanced with { Now = at, Last = step, Pending = reason };
    }

    public ReferenceModel FailPayment(Instant at)
    {
        var step = new Step("failed payment", at);
        ReferenceModel advanced = AdvanceTo(at);
        return advanced.Tier == PlanTier.Basic
            ? Unchanged(step with { Error = new AlreadyOnPlan(advanced.Plan) })
            : advanced with { Now = at, Last = step, Tier = PlanTier.Basic, Pending = null };
    }

    public ReferenceModel Close(Instant at) => AdvanceTo(at) with { Now = at, Last = new Step("close", at) };

    public override string ToString()
        => string.Create(
            CultureInfo.InvariantCulture,
            $"{Plan} pending {Pending?.ToString() ?? "-"}, anchor {Anchor:uuuu-MM-dd} #{PeriodIndex}, balance {Balance}, charged {Charged}; last: {Last}");

    /// <summary>The key an operation at <paramref name="at"/> uses; a key past its retention is unknown, as if never used.</summary>
    private (string Key, ModelRequest? Recorded, ReferenceModel Model) ResolveKey(KeyPick pick, Instant at)
    {
        if (pick.IsNew || Requests.IsEmpty)
        {
            string key = "k" + NextId.ToString(CultureInfo.InvariantCulture);
            return (key, null, this with { NextId = NextId + 1 });
        }

        var (existing, recorded) = Requests.ElementAt(pick.Index % Requests.Count);
        return (existing, at < recorded.FirstUsed + Retention ? recorded : null, this);
    }

    private (string Proposal, ReferenceModel Model) ResolveProposal(ProposalPick pick)
        => pick.IsNew || Proposals.IsEmpty
            ? ("p" + NextId.ToString(CultureInfo.InvariantCulture), this with { NextId = NextId + 1 })
            : (Proposals.Keys.ElementAt(pick.Index % Proposals.Count), this);
}

/// <summary>Which request key an operation uses: a new one, or an earlier one repeated (<see cref="Same"/>) or reused for something else.</summary>
internal readonly record struct KeyPick(bool IsNew, bool Same, int Index);

/// <summary>Which proposal an operation names: a new one, or an earlier one by position.</summary>
internal readonly record struct ProposalPick(bool IsNew, int Index);
