using System;
using System.Collections.Immutable;
using System.Linq;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Billing;
using AgencyConnects.Domain.Membership;
using AgencyConnects.Domain.Plans;
using AgencyConnects.Domain.Pool;
using AgencyConnects.Domain.Proposals;
using AgencyConnects.Domain.Values;
using NodaTime;

namespace AgencyConnects.Domain.Tests.WholeModel;

/// <summary>Which shipped catalog a run uses; the model writes its figures out again (DOMAIN §2) instead of reading the library's.</summary>
internal enum CatalogKind
{
    Classic,
    Current,
}

/// <summary>One plan's figures as DOMAIN §2 gives them. An empty <see cref="Bundles"/> means any quantity of one or more.</summary>
internal sealed record ModelTerms(
    decimal Fee, int Allotment, int? Cap, bool CanBuy, decimal UnitPrice, ImmutableArray<int> Bundles, bool CanSpend, bool CanAddMembers, int MaxCost, int MaxBoost)
{
    public bool Offers(long quantity) => Bundles.IsEmpty ? quantity >= 1 : Bundles.Contains((int)Math.Min(quantity, int.MaxValue));
}

/// <summary>A rule the model deliberately gets wrong, to show that the whole-model run notices (a test that cannot fail is a defect).</summary>
public enum ModelFlaw
{
    None,
    RolloverCapOneTooHigh,
    SubmissionKeyIgnoresAssignee,
    OutbidClosesTheProposal,
}

/// <summary>How every account of one run is billed: the catalog, the zone of billing dates, the month-end policy, and when the run starts.</summary>
internal sealed record ModelSettings(CatalogKind Catalog, DateTimeZone Zone, MonthEndPolicy Policy, Instant Start, ModelFlaw Flaw = ModelFlaw.None)
{
    private static readonly ImmutableArray<int> s_anyQuantity = [];
    private static readonly ImmutableArray<int> s_currentBundles = [10, 20, 40, 60, 80, 150, 300];

    public ModelTerms Terms(AccountKind kind, PlanTier tier) => (Catalog, kind, tier) switch
    {
        (CatalogKind.Classic, AccountKind.Agency, PlanTier.Plus) when Flaw == ModelFlaw.RolloverCapOneTooHigh
            => new(20m, 80, 161, true, 1m, s_anyQuantity, true, true, 6, 50),

        // Classic, the seed: Agency Plus $20, 80 a month, cap 160 over all unused Connects, $1 each in any quantity;
        // Agency Basic frozen; Freelancer Basic 10 a month, cap 20, cannot buy; Freelancer Plus $10, 70, cap 140.
        (CatalogKind.Classic, AccountKind.Freelancer, PlanTier.Basic) => new(0m, 10, 20, false, 0m, s_anyQuantity, true, false, 6, 50),
        (CatalogKind.Classic, AccountKind.Freelancer, PlanTier.Plus) => new(10m, 70, 140, true, 1m, s_anyQuantity, true, false, 6, 50),
        (CatalogKind.Classic, AccountKind.Agency, PlanTier.Basic) => new(0m, 0, null, false, 0m, s_anyQuantity, false, false, 6, 50),
        (CatalogKind.Classic, AccountKind.Agency, PlanTier.Plus) => new(20m, 80, 160, true, 1m, s_anyQuantity, true, true, 6, 50),

        // Current, the market since 2019: bundles at $0.15, no cap, everything lasts a year; Agency Plus has no allotment.
        (CatalogKind.Current, AccountKind.Freelancer, PlanTier.Basic) => new(0m, 10, null, true, 0.15m, s_currentBundles, true, false, 16, 50),
        (CatalogKind.Current, AccountKind.Freelancer, PlanTier.Plus) => new(20m, 100, null, true, 0.15m, s_currentBundles, true, false, 16, 50),
        (CatalogKind.Current, AccountKind.Agency, PlanTier.Basic) => new(0m, 0, null, false, 0m, s_anyQuantity, false, false, 16, 50),
        (CatalogKind.Current, AccountKind.Agency, PlanTier.Plus) => new(20m, 0, null, true, 0.15m, s_currentBundles, true, true, 16, 50),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Classic Connects never expire; Current ones expire a year after they were acquired, in local time.</summary>
    public Instant? ExpiryOf(Instant acquired)
        => Catalog == CatalogKind.Current ? acquired.InZone(Zone).LocalDateTime.PlusYears(1).InZoneLeniently(Zone).ToInstant() : null;

    public BillingSchedule ScheduleFrom(Instant at) => BillingSchedule.Create(at.InZone(Zone).Date, Zone, Policy).AsT0;

    public AccountSettings ToLibrary() => AccountSettings.Create(Catalog == CatalogKind.Classic ? PlanCatalog.Classic : PlanCatalog.Current, Zone, Policy).AsT0;

    public override string ToString() => $"{Catalog} catalog, {Zone.Id}, {Policy}, starting {Start}";
}

/// <summary>A lot of Connects: how many are left, when they were acquired and when (if ever) they expire.</summary>
internal sealed record LotM(int Quantity, Instant Acquired, Instant? Expires);

/// <summary>A downgrade or cancellation waiting for the end of the period.</summary>
internal sealed record PendingM(PlanChangeReason Reason, Instant EffectiveAt);

/// <summary>A proposal as the model sees it; open while <see cref="ClosedBy"/> is null.</summary>
internal sealed record ProposalM(
    PersonId Submitter, PersonId Assignee, int Cost, int Boost, Instant SubmittedAt, ProposalOutcome? ClosedBy = null, int Refunded = 0, bool BoostRefunded = false,
    Instant? ClosedAt = null)
{
    public bool IsOpen => ClosedBy is null;

    /// <summary>DOMAIN §9: a closed proposal is remembered for the retention window (24 hours by default) from when it closed.</summary>
    public bool IsKnownAt(Instant at) => IsOpen || at < ClosedAt!.Value + AccountM.Retention;
}

/// <summary>A request recorded under its key: a purchase or a submission.</summary>
internal abstract record RequestM
{
    /// <summary>When the key was first used.</summary>
    public abstract Instant At { get; }
}

internal sealed record PurchaseM(PersonId Actor, int Quantity, decimal Amount, Instant FirstUsed) : RequestM
{
    public override Instant At => FirstUsed;
}

internal sealed record SubmissionM(PersonId Submitter, PersonId Assignee, ProposalId Proposal, int Cost, int Boost, Instant FirstUsed) : RequestM
{
    public override Instant At => FirstUsed;
}

/// <summary>What agency and freelancer accounts share in the model: plan, period, lots, bills, proposals and request keys.</summary>
internal sealed record AccountM
{
    public required AccountKind Kind { get; init; }

    public PlanTier Tier { get; init; }

    public PendingM? Pending { get; init; }

    public required BillingSchedule Schedule { get; init; }

    public int PeriodIndex { get; init; }

    public ImmutableList<LotM> Lots { get; init; } = [];

    public decimal Billed { get; init; }

    public int BillLineCount { get; init; }

    public ImmutableDictionary<RequestKey, RequestM> Requests { get; init; } = ImmutableDictionary<RequestKey, RequestM>.Empty;

    public ImmutableDictionary<ProposalId, ProposalM> Proposals { get; init; } = ImmutableDictionary<ProposalId, ProposalM>.Empty;

    public Instant LastChanged { get; init; }

    /// <summary>DOMAIN §9: how long request keys and closed proposals are remembered (the default settings').</summary>
    public static readonly Duration Retention = AccountSettings.DefaultRequestRetention;

    public Plan Plan => new(Kind, Tier);

    public override string ToString() => $"{Tier}{(Pending is null ? string.Empty : " (" + Pending.Reason + ")")} {Balance} Connects";

    public long Balance => Lots.Sum(lot => (long)lot.Quantity);

    public BillingPeriod Period => Schedule.Period(PeriodIndex).AsT0;

    public int OpenProposalsOf(PersonId person) => Proposals.Values.Count(p => p.IsOpen && p.Assignee == person);

    public int OpenProposals => Proposals.Values.Count(p => p.IsOpen);

    /// <summary>A new account on Basic: its first period starts on the local date of <paramref name="at"/>, with Basic's allotment.</summary>
    public static AccountM Open(AccountKind kind, Instant at, ModelSettings settings)
        => new AccountM { Kind = kind, Schedule = settings.ScheduleFrom(at), LastChanged = at }.StartPeriod(at, settings);

    /// <summary>
    /// Grants the allotment of the plan now in force and charges its fee. DOMAIN is silent on a pool too full to take
    /// the allotment; the library's rule (a pool holds at most <see cref="Connects.MaxValue"/>, so the grant stops
    /// there) is followed.
    /// </summary>
    public AccountM StartPeriod(Instant at, ModelSettings settings)
    {
        ModelTerms terms = settings.Terms(Kind, Tier);
        AccountM account = this;
        int granted = (int)Math.Min(terms.Allotment, int.MaxValue - Balance);
        if (granted > 0)
        {
            account = account with { Lots = account.Lots.Add(new LotM(granted, at, settings.ExpiryOf(at))) };
        }

        if (terms.Fee > 0m)
        {
            account = account with { Billed = account.Billed + terms.Fee, BillLineCount = account.BillLineCount + 1 };
        }

        return account;
    }

    /// <summary>
    /// Brings the account to <paramref name="at"/>: lots expire when their time comes, and each period that ended is
    /// closed as if on time. <see cref="LastChanged"/> follows the last thing that happened.
    /// </summary>
    public AccountM AdvanceTo(Instant at, ModelSettings settings)
    {
        AccountM account = this;
        while (true)
        {
            Instant end = account.Period.End;
            Instant? expiry = account.Lots.Where(lot => lot.Expires is not null).Select(lot => lot.Expires).Min();
            if (expiry is { } soonest && soonest <= at && soonest < end)
            {
                account = account with { Lots = account.Lots.RemoveAll(lot => lot.Expires <= soonest), LastChanged = soonest };
            }
            else if (end <= at)
            {
                account = account.ClosePeriod(end, settings);
            }
            else
            {
                return account;
            }
        }
    }

    /// <summary>
    /// The month-end rule of DOMAIN §3: expire, cap what is left with the cap of the plan in force and forfeit the
    /// excess (soonest-expiring, oldest first), take a scheduled downgrade, start the next period.
    /// </summary>
    private AccountM ClosePeriod(Instant end, ModelSettings settings)
    {
        ImmutableList<LotM> lots = Lots.RemoveAll(lot => lot.Expires <= end);
        if (settings.Terms(Kind, Tier).Cap is { } cap)
        {
            long unused = lots.Sum(lot => (long)lot.Quantity);
            if (unused > cap)
            {
                lots = Take(lots, unused - cap);
            }
        }

        AccountM next = this with
        {
            Lots = lots,
            Tier = Pending is null ? Tier : PlanTier.Basic,
            Pending = null,
            PeriodIndex = PeriodIndex + 1,
            LastChanged = end,
        };
        return next.StartPeriod(end, settings);
    }

    /// <summary>Takes Connects from the lots in spend order: the one expiring soonest first (never-expiring last), then the oldest.</summary>
    public static ImmutableList<LotM> Take(ImmutableList<LotM> lots, long quantity)
    {
        var left = lots.OrderBy(lot => lot.Expires ?? Instant.MaxValue).ThenBy(lot => lot.Acquired).ToList();
        for (int i = 0; i < left.Count && quantity > 0; i++)
        {
            int taken = (int)Math.Min(quantity, left[i].Quantity);
            quantity -= taken;
            left[i] = left[i] with { Quantity = left[i].Quantity - taken };
        }

        if (quantity > 0)
        {
            throw new InvalidOperationException("The model overdrew a pool.");
        }

        return [.. left.Where(lot => lot.Quantity > 0)];
    }

    public AccountM Spend(long quantity) => quantity == 0 ? this : this with { Lots = Take(Lots, quantity) };

    public AccountM Receive(int quantity, Instant at, ModelSettings settings)
        => quantity == 0 ? this : this with { Lots = Lots.Add(new LotM(quantity, at, settings.ExpiryOf(at))) };

    /// <summary>
    /// DOMAIN §9: a key is known at <paramref name="at"/> while <c>at &lt; first use + retention</c>, and once an event at
    /// or after that instant is applied the account has dropped it (which matters for an instant before the last change:
    /// the key is looked at before the instant is refused).
    /// </summary>
    private bool Kept(RequestM recorded, Instant at) => at < recorded.At + Retention && LastChanged < recorded.At + Retention;

    /// <summary>What a request key says about a purchase: null when new, the recorded purchase on a repeat, or a conflict.</summary>
    public object? CheckPurchaseKey(RequestKey key, PersonId actor, long quantity, Instant at) => Requests.TryGetValue(key, out RequestM? recorded) && Kept(recorded, at)
        ? recorded is PurchaseM purchase && purchase.Actor == actor && purchase.Quantity == quantity
            ? new Purchased(true, purchase.Quantity, purchase.Amount, purchase.At, purchase.Actor, key)
            : new RequestKeyConflict(key)
        : null;

    public object? CheckSubmissionKey(RequestKey key, PersonId submitter, PersonId assignee, ProposalId proposal, int cost, int boost, ModelFlaw flaw, Instant at)
        => Requests.TryGetValue(key, out RequestM? recorded) && Kept(recorded, at)
            ? recorded is SubmissionM s && s.Submitter == submitter && (s.Assignee == assignee || flaw == ModelFlaw.SubmissionKeyIgnoresAssignee)
                && s.Proposal == proposal && s.Cost == cost && s.Boost == boost
                ? new Submitted(true, proposal, submitter, assignee, cost, boost, s.At)
                : new RequestKeyConflict(key)
            : null;

    /// <summary>Basic to Plus at once: the anniversary moves to today, the fee is charged and the allotment granted.</summary>
    public (AccountM Account, object Expected) Upgrade(Instant at, ModelSettings settings)
        => Tier == PlanTier.Plus
            ? (this, new AlreadyOnPlan(Plan))
            : ((this with { Tier = PlanTier.Plus, Schedule = settings.ScheduleFrom(at), PeriodIndex = 0, LastChanged = at }).StartPeriod(at, settings), Expect.Ok);

    public (AccountM Account, object Expected) ScheduleDowngrade(PlanChangeReason reason, Instant at)
    {
        if (Tier == PlanTier.Basic)
        {
            return (this, new AlreadyOnPlan(Plan));
        }

        return Pending is { } pending
            ? (this, new PlanChangeAlreadyScheduled(pending.Reason, pending.EffectiveAt))
            : (this with { Pending = new PendingM(reason, Period.End), LastChanged = at }, Expect.Ok);
    }

    public (AccountM Account, object Expected) FailPayment(Instant at)
        => Tier == PlanTier.Basic ? (this, new AlreadyOnPlan(Plan)) : (this with { Tier = PlanTier.Basic, Pending = null, LastChanged = at }, Expect.Ok);

    /// <summary>Buys on an account already brought to <paramref name="at"/>, whose actor and key were checked.</summary>
    public (AccountM Account, object Expected) Buy(PersonId actor, long quantity, RequestKey key, Instant at, ModelSettings settings)
    {
        ModelTerms terms = settings.Terms(Kind, Tier);
        if (!terms.CanBuy)
        {
            return (this, new PlanDoesNotAllow(Plan, PlanActions.BuyConnects));
        }

        if (!terms.Offers(quantity))
        {
            return (this, new InvalidPurchaseQuantity(Connects.Create(quantity).AsT0));
        }

        if (Balance + quantity > int.MaxValue)
        {
            return (this, new ConnectsOverflow(Connects.Create(Balance).AsT0, Connects.Create(quantity).AsT0));
        }

        decimal amount = terms.UnitPrice * quantity;
        AccountM bought = Receive((int)quantity, at, settings) with
        {
            Billed = Billed + amount,
            BillLineCount = BillLineCount + 1,
            Requests = Requests.SetItem(key, new PurchaseM(actor, (int)quantity, amount, at)),
            LastChanged = at,
        };
        return (bought, new Purchased(false, (int)quantity, amount, at, actor, key));
    }

    /// <summary>Submits on an account already brought to <paramref name="at"/>, whose submitter, assignee and key were checked.</summary>
    public (AccountM Account, object Expected) Submit(
        PersonId submitter, PersonId assignee, ProposalId id, int cost, int boost, RequestKey key, Instant at, ModelSettings settings)
    {
        ModelTerms terms = settings.Terms(Kind, Tier);
        if (cost > terms.MaxCost || boost > terms.MaxBoost)
        {
            return (this, new ProposalCostOutOfRange(C(cost), C(boost), C(terms.MaxCost), C(terms.MaxBoost)));
        }

        long total = (long)cost + boost;
        if (total > 0 && !terms.CanSpend)
        {
            return (this, new PlanDoesNotAllow(Plan, PlanActions.SpendConnects));
        }

        if (Proposals.TryGetValue(id, out ProposalM? known) && known.IsKnownAt(at))
        {
            return (this, new DuplicateProposal(id));
        }

        if (total > Balance)
        {
            return (this, new InsufficientConnects(C(total), C(Balance)));
        }

        AccountM submitted = Spend(cost).Spend(boost) with
        {
            Proposals = Proposals.SetItem(id, new ProposalM(submitter, assignee, cost, boost, at)),
            Requests = Requests.SetItem(key, new SubmissionM(submitter, assignee, id, cost, boost, at)),
            LastChanged = at,
        };
        return (submitted, new Submitted(false, id, submitter, assignee, cost, boost, at));
    }

    /// <summary>
    /// Records an outcome on an account already brought to <paramref name="at"/> (DOMAIN §6): job cancelled or removed
    /// gives back all that was spent and not yet given back; outbid gives back the boost and leaves the proposal open;
    /// anything else gives nothing back. A closed proposal takes no outcome.
    /// </summary>
    public (AccountM Account, object Expected) RecordOutcome(ProposalId id, ProposalOutcome outcome, Instant at, ModelSettings settings)
    {
        if (!Proposals.TryGetValue(id, out ProposalM? proposal) || !proposal.IsKnownAt(at))
        {
            return (this, new ProposalNotFound(id));
        }

        if (proposal.ClosedBy is { } closedBy)
        {
            return (this, new ProposalAlreadyClosed(id, closedBy));
        }

        ProposalM updated;
        int refund;
        switch (outcome)
        {
            case ProposalOutcome.Outbid:
                if (proposal.Boost == 0 || proposal.BoostRefunded)
                {
                    return (this, new NoBoostToRefund(id));
                }

                refund = proposal.Boost;
                updated = proposal with
                {
                    Refunded = proposal.Refunded + refund,
                    BoostRefunded = true,
                    ClosedBy = settings.Flaw == ModelFlaw.OutbidClosesTheProposal ? ProposalOutcome.Outbid : null,
                    ClosedAt = settings.Flaw == ModelFlaw.OutbidClosesTheProposal ? at : null,
                };
                break;
            case ProposalOutcome.JobCancelled or ProposalOutcome.JobRemoved:
                refund = proposal.Cost + proposal.Boost - proposal.Refunded;
                updated = proposal with { ClosedBy = outcome, ClosedAt = at, Refunded = proposal.Cost + proposal.Boost, BoostRefunded = proposal.Boost > 0 };
                break;
            default:
                refund = 0;
                updated = proposal with { ClosedBy = outcome, ClosedAt = at };
                break;
        }

        if (Balance + refund > int.MaxValue)
        {
            // DOMAIN §7: an amount that would overflow is a named error, never a crash.
            return (this, new ConnectsOverflow(C(Balance), C(refund)));
        }

        return (Receive(refund, at, settings) with { Proposals = Proposals.SetItem(id, updated), LastChanged = at }, Expect.Ok);
    }

    private static Connects C(long value) => Connects.Create(value).AsT0;
}

/// <summary>A member as the model sees one.</summary>
internal sealed record MemberM(Permissions Permissions, MembershipKind Kind)
{
    public bool Holds(Permissions permissions) => (Permissions & permissions) == permissions;
}

/// <summary>An agency in the model: owner, members, whether it was closed, and its account.</summary>
internal sealed record AgencyM(AgencyId Id, PersonId Owner, ImmutableDictionary<PersonId, MemberM> Members, bool Closed, AccountM Account)
{
    public bool Holds(PersonId person, Permissions permissions) => Members.TryGetValue(person, out MemberM? member) && member.Holds(permissions);
}

/// <summary>
/// The reference model of a whole run: every agency and freelancer account, computed from DOMAIN.md with plain
/// records, and what the last command is predicted to return (<see cref="Expected"/>). Immutable: FsCheck keeps the
/// model after every step and reruns commands on it while shrinking.
/// </summary>
internal sealed record Model
{
    public required ModelSettings Settings { get; init; }

    public required Instant Now { get; init; }

    /// <summary>How many commands were generated before this state; names fresh keys and proposals.</summary>
    public int Counter { get; init; }

    public ImmutableDictionary<AgencyId, AgencyM> Agencies { get; init; } = ImmutableDictionary<AgencyId, AgencyM>.Empty;

    public ImmutableDictionary<PersonId, AccountM> Freelancers { get; init; } = ImmutableDictionary<PersonId, AccountM>.Empty;

    /// <summary>Every purchase and submission issued so far (whatever it returned), so that one can be repeated exactly.</summary>
    public ImmutableList<Command> Issued { get; init; } = [];

    /// <summary>What the last command is predicted to return: <see cref="Expect.Ok"/>, a success record, or the error record.</summary>
    public object Expected { get; init; } = Expect.Ok;

    /// <summary>What FsCheck prints after each command of a failing run: the prediction and the accounts in short.</summary>
    public override string ToString()
        => $"expect {Expect.Describe(Expected)}; "
            + string.Join("; ", Agencies.Values.OrderBy(a => a.Id).Select(a => $"{a.Id}{(a.Closed ? " (closed)" : string.Empty)} {a.Account}"))
            + (Freelancers.IsEmpty ? string.Empty : "; " + string.Join("; ", Freelancers.OrderBy(f => f.Key).Select(f => $"{f.Key}'s {f.Value}")));

    public AgencyId? AgencyOwnedBy(PersonId person)
        => Agencies.Values.Where(a => !a.Closed && a.Owner == person).Select(a => (AgencyId?)a.Id).SingleOrDefault();

    public ImmutableDictionary<AgencyId, MembershipKind> MembershipsOf(PersonId person)
        => Agencies.Values.Where(a => !a.Closed && a.Members.ContainsKey(person)).ToImmutableDictionary(a => a.Id, a => a.Members[person].Kind);

    public AgencyId? ExclusiveAgencyOf(PersonId person)
        => MembershipsOf(person).Where(m => m.Value == MembershipKind.Exclusive).Select(m => (AgencyId?)m.Key).SingleOrDefault();

    /// <summary>
    /// Whether <paramref name="person"/> may join <paramref name="agency"/> as <paramref name="kind"/> (DOMAIN §4): an
    /// exclusive member belongs to no other agency. Null when they may; otherwise the conflict, which may name any of
    /// the agencies in the way.
    /// </summary>
    public object? JoinConflict(PersonId person, AgencyId agency, MembershipKind kind)
    {
        ImmutableHashSet<AgencyId> inTheWay = MembershipsOf(person)
            .Where(m => m.Key != agency && (m.Value == MembershipKind.Exclusive || kind == MembershipKind.Exclusive))
            .Select(m => m.Key)
            .ToImmutableHashSet();
        return inTheWay.Count switch
        {
            0 => null,
            1 => new ExclusivityConflict(person, inTheWay.Single()),
            _ => new AnyExclusivityConflict(person, inTheWay),
        };
    }

    public Model WithAgency(AgencyM agency) => this with { Agencies = Agencies.SetItem(agency.Id, agency) };

    public Model WithFreelancer(PersonId holder, AccountM account) => this with { Freelancers = Freelancers.SetItem(holder, account) };
}

/// <summary>Predicted outcomes other than the library's own error records.</summary>
internal static class Expect
{
    /// <summary>A plain success.</summary>
    public static readonly object Ok = new Success();

    /// <summary>Whether a predicted outcome is a success that changes the account (a repeat changes nothing).</summary>
    public static bool IsSuccess(object expected)
        => ReferenceEquals(expected, Ok) || expected is Purchased { Repeat: false } or Submitted { Repeat: false };

    /// <summary>Whether the library's result is the predicted one: the same error record, or a success carrying the predicted facts.</summary>
    public static bool Matches(object actual, object expected) => (actual, expected) switch
    {
        (ConnectsPurchase<AgencyAccount> p, Purchased e) => Bought(p.IsRepeat, p.Line, e),
        (ConnectsPurchase<FreelancerAccount> p, Purchased e) => Bought(p.IsRepeat, p.Line, e),
        (ProposalSubmission<AgencyAccount> s, Submitted e) => Sent(s.IsRepeat, s.Proposal, e),
        (ProposalSubmission<FreelancerAccount> s, Submitted e) => Sent(s.IsRepeat, s.Proposal, e),
        (ConnectsPurchase<AgencyAccount> or ConnectsPurchase<FreelancerAccount> or ProposalSubmission<AgencyAccount> or ProposalSubmission<FreelancerAccount>, _) => false,
        (Updated<AgencyAccount> or Updated<FreelancerAccount>, _) => ReferenceEquals(expected, Ok),
        (_, _) when ReferenceEquals(actual, Ok) => ReferenceEquals(expected, Ok),
        (ExclusivityConflict c, AnyExclusivityConflict e) => c.Person == e.Person && e.Agencies.Contains(c.OtherAgency),
        _ => Equals(actual, expected),
    };

    public static string Describe(object outcome) => outcome switch
    {
        ConnectsPurchase<AgencyAccount> p => $"ConnectsPurchase(repeat {p.IsRepeat}, {p.Line})",
        ConnectsPurchase<FreelancerAccount> p => $"ConnectsPurchase(repeat {p.IsRepeat}, {p.Line})",
        ProposalSubmission<AgencyAccount> s => $"ProposalSubmission(repeat {s.IsRepeat}, {s.Proposal})",
        ProposalSubmission<FreelancerAccount> s => $"ProposalSubmission(repeat {s.IsRepeat}, {s.Proposal})",
        Updated<AgencyAccount> u => $"Updated(agency {u.Account.Id}, {u.Events.Length} events)",
        Updated<FreelancerAccount> u => $"Updated(freelancer {u.Account.Holder}, {u.Events.Length} events)",
        _ => outcome.ToString() ?? string.Empty,
    };

    private static bool Bought(bool repeat, BillLine line, Purchased e)
        => repeat == e.Repeat && line.Kind == BillLineKind.ConnectsPurchase && line.Quantity?.Value == e.Quantity && line.Amount.Amount == e.Amount
            && line.At == e.At && line.Actor == e.Actor && line.Request == e.Key;

    private static bool Sent(bool repeat, Proposal proposal, Submitted e)
        => repeat == e.Repeat && proposal.Id == e.Id && proposal.Submitter == e.Submitter && proposal.Assignee == e.Assignee
            && proposal.Cost.Value == e.Cost && proposal.Boost.Value == e.Boost && proposal.SubmittedAt == e.At;

    private sealed record Success
    {
        public override string ToString() => "Ok";
    }
}

/// <summary>A purchase succeeds (or, on a repeat, returns the first purchase's line).</summary>
internal sealed record Purchased(bool Repeat, int Quantity, decimal Amount, Instant At, PersonId Actor, RequestKey Key);

/// <summary>A submission succeeds (or, on a repeat, returns the first submission's proposal).</summary>
internal sealed record Submitted(bool Repeat, ProposalId Id, PersonId Submitter, PersonId Assignee, int Cost, int Boost, Instant At);

/// <summary>An <see cref="ExclusivityConflict"/> naming any one of several agencies in the way (the library names the first it finds).</summary>
internal sealed record AnyExclusivityConflict(PersonId Person, ImmutableHashSet<AgencyId> Agencies);
