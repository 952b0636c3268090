using System.Collections.Generic;
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
using OneOf;
using Xunit;
using static AgencyConnects.Domain.Tests.TestData;

namespace AgencyConnects.Domain.Tests.Lifecycle;

/// <summary>What an operation returned: the error record, or a success (a repeat or not) with its events.</summary>
internal sealed record OperationResult(object? Error, bool IsRepeat, ImmutableArray<AccountEvent> Events);

/// <summary>Everything observable about an account, to compare a live account with its replay or another account.</summary>
internal sealed record AccountView(
    long Version,
    Instant LastChangedAt,
    Plan Plan,
    LocalDate Anchor,
    BillingPeriod Period,
    PlanChangeScheduled? Pending,
    ConnectsPool Pool)
{
    public Connects Balance => Pool.Balance;

    public static AccountView Of(AgencyAccount account)
        => new(account.Version, account.LastChangedAt, account.Plan, account.Schedule.Anchor, account.CurrentPeriod, account.PendingChange, account.Pool);

    public static AccountView Of(FreelancerAccount account)
        => new(account.Version, account.LastChangedAt, account.Plan, account.Schedule.Anchor, account.CurrentPeriod, account.PendingChange, account.Pool);

    /// <summary>Asserts that two views show the same account: version, plan, period, pending change and lots.</summary>
    public static void AssertSame(AccountView expected, AccountView actual)
    {
        Assert.Equal(expected.Version, actual.Version);
        Assert.Equal(expected.LastChangedAt, actual.LastChangedAt);
        Assert.Equal(expected.Plan, actual.Plan);
        Assert.Equal(expected.Anchor, actual.Anchor);
        Assert.Equal(expected.Period, actual.Period);
        Assert.Equal(expected.Pending, actual.Pending);
        Assert.Equal(expected.Balance, actual.Balance);
        Assert.Equal<Lot>(expected.Pool.Lots, actual.Pool.Lots);
    }
}

/// <summary>
/// One live account of either kind, with every event it recorded: the system under test of the model-based
/// properties, and the builder of random accounts. Each operation replaces the account on success only.
/// </summary>
internal sealed class LiveAccount
{
    private AgencyAccount? _agency;
    private FreelancerAccount? _freelancer;

    private LiveAccount(AccountKind kind, PersonId principal)
    {
        Kind = kind;
        Principal = principal;
    }

    public AccountKind Kind { get; }

    /// <summary>The agency's owner or the freelancer account's holder.</summary>
    public PersonId Principal { get; }

    public List<AccountEvent> History { get; } = [];

    public AgencyAccount Agency => _agency!;

    public FreelancerAccount Freelancer => _freelancer!;

    public AccountView View => Kind == AccountKind.Agency ? AccountView.Of(Agency) : AccountView.Of(Freelancer);

    public AccountSettings Settings => Kind == AccountKind.Agency ? Agency.Settings : Freelancer.Settings;

    public Instant LastChangedAt => View.LastChangedAt;

    public BillingSchedule Schedule => Kind == AccountKind.Agency ? Agency.Schedule : Freelancer.Schedule;

    public static LiveAccount Open(AccountKind kind, AccountSettings settings, Instant at)
    {
        if (kind == AccountKind.Agency)
        {
            var live = new LiveAccount(kind, Given.Owner);
            Updated<AgencyAccount> created = AgencyAccount.Create(Agency("acme"), Given.Owner, at, AgencyDirectory.Empty, settings).AsT0;
            live._agency = created.Account;
            live.History.AddRange(created.Events);
            return live;
        }
        else
        {
            var live = new LiveAccount(kind, Given.Holder);
            Updated<FreelancerAccount> opened = FreelancerAccount.Open(Given.Holder, at, settings).AsT0;
            live._freelancer = opened.Account;
            live.History.AddRange(opened.Events);
            return live;
        }
    }

    /// <summary>The account rebuilt from <see cref="History"/>.</summary>
    public AccountView Replayed()
        => Kind == AccountKind.Agency ? AccountView.Of(AgencyAccount.Replay(History)) : AccountView.Of(FreelancerAccount.Replay(History));

    /// <summary>Replays <see cref="History"/> one event at a time, giving the account before each event after the first.</summary>
    public IEnumerable<(AccountView Before, AccountEvent Event)> ReplaySteps()
    {
        if (Kind == AccountKind.Agency)
        {
            AgencyAccount agency = AgencyAccount.Replay(History.Take(1));
            foreach (AccountEvent accountEvent in History.Skip(1))
            {
                yield return (AccountView.Of(agency), accountEvent);
                agency = agency.Apply(accountEvent);
            }
        }
        else
        {
            FreelancerAccount account = FreelancerAccount.Replay(History.Take(1));
            foreach (AccountEvent accountEvent in History.Skip(1))
            {
                yield return (AccountView.Of(account), accountEvent);
                account = account.Apply(accountEvent);
            }
        }
    }

    /// <summary>The account's history: the projection of <see cref="History"/>.</summary>
    public AccountHistory Projection => AccountHistory.Of(History);

    public Bill Bill(Instant from, Instant to) => Projection.Bill(from, to);

    /// <summary>The account as <see cref="CloseElapsedPeriods"/> at <paramref name="at"/> would leave it, without changing this one.</summary>
    public (AccountView View, ImmutableArray<AccountEvent> Events) ClosedAt(Instant at)
    {
        if (Kind == AccountKind.Agency)
        {
            Updated<AgencyAccount> closed = Agency.CloseElapsedPeriods(at).AsT0;
            return (AccountView.Of(closed.Account), closed.Events);
        }

        Updated<FreelancerAccount> done = Freelancer.CloseElapsedPeriods(at).AsT0;
        return (AccountView.Of(done.Account), done.Events);
    }

    public OperationResult CloseElapsedPeriods(Instant at)
        => Take(Kind == AccountKind.Agency ? (IOneOf)Agency.CloseElapsedPeriods(at) : Freelancer.CloseElapsedPeriods(at));

    public OperationResult Buy(PersonId actor, Connects quantity, RequestKey key, Instant at)
        => Take(Kind == AccountKind.Agency ? (IOneOf)Agency.BuyConnects(actor, quantity, key, at) : Freelancer.BuyConnects(actor, quantity, key, at));

    /// <summary>The principal submits a proposal for themselves.</summary>
    public OperationResult Submit(ProposalId proposal, Connects cost, Connects boost, RequestKey key, Instant at)
        => Take(Kind == AccountKind.Agency
            ? (IOneOf)Agency.SubmitProposal(Principal, Principal, proposal, cost, boost, key, at)
            : Freelancer.SubmitProposal(Principal, proposal, cost, boost, key, at, null));

    public OperationResult RecordOutcome(ProposalId proposal, ProposalOutcome outcome, Instant at)
        => Take(Kind == AccountKind.Agency ? (IOneOf)Agency.RecordOutcome(proposal, outcome, at) : Freelancer.RecordOutcome(proposal, outcome, at));

    public OperationResult Upgrade(PersonId actor, Instant at)
        => Take(Kind == AccountKind.Agency ? (IOneOf)Agency.UpgradeToPlus(actor, at) : Freelancer.UpgradeToPlus(actor, at));

    public OperationResult ScheduleDowngrade(PersonId actor, PlanChangeReason reason, Instant at)
        => reason == PlanChangeReason.Cancel
            ? Take(Kind == AccountKind.Agency ? (IOneOf)Agency.CancelPlus(actor, at) : Freelancer.CancelPlus(actor, at))
            : Take(Kind == AccountKind.Agency ? (IOneOf)Agency.DowngradeToBasic(actor, at) : Freelancer.DowngradeToBasic(actor, at));

    public OperationResult RecordFailedPayment(Instant at)
        => Take(Kind == AccountKind.Agency ? (IOneOf)Agency.RecordFailedPayment(at) : Freelancer.RecordFailedPayment(at));

    /// <summary>The proposals submitted so far, in a stable order.</summary>
    public ImmutableArray<ProposalId> ProposalIds()
        => [.. (Kind == AccountKind.Agency ? Agency.Proposals.Keys : Freelancer.Proposals.Keys).OrderBy(id => id.Value, System.StringComparer.Ordinal)];

    private OperationResult Take(IOneOf result)
    {
        switch (result.Value)
        {
            case ConnectsPurchase<AgencyAccount> purchase:
                return Accept(purchase.Account, null, purchase.Events, purchase.IsRepeat);
            case ProposalSubmission<AgencyAccount> submission:
                return Accept(submission.Account, null, submission.Events, submission.IsRepeat);
            case ConnectsPurchase<FreelancerAccount> purchase:
                return Accept(null, purchase.Account, purchase.Events, purchase.IsRepeat);
            case ProposalSubmission<FreelancerAccount> submission:
                return Accept(null, submission.Account, submission.Events, submission.IsRepeat);
            case Updated<AgencyAccount> updated:
                return Accept(updated.Account, null, updated.Events, isRepeat: false);
            case Updated<FreelancerAccount> updated:
                return Accept(null, updated.Account, updated.Events, isRepeat: false);
            default:
                return new OperationResult(result.Value, false, []);
        }
    }

    private OperationResult Accept(AgencyAccount? agency, FreelancerAccount? freelancer, ImmutableArray<AccountEvent> events, bool isRepeat)
    {
        _agency = agency ?? _agency;
        _freelancer = freelancer ?? _freelancer;
        History.AddRange(events);
        return new OperationResult(null, isRepeat, events);
    }
}
