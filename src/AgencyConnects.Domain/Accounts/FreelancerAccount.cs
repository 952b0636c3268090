using System;
using System.Collections.Generic;
using AgencyConnects.Domain.Billing;
using AgencyConnects.Domain.Internal;
using AgencyConnects.Domain.Membership;
using AgencyConnects.Domain.Plans;
using AgencyConnects.Domain.Pool;
using AgencyConnects.Domain.Proposals;
using AgencyConnects.Domain.Values;
using NodaTime;
using OneOf;
using OneOf.Types;

namespace AgencyConnects.Domain.Accounts;

/// <summary>
/// A person's own freelancer account (DOMAIN §1): its plan, pool, bills and proposals, apart from any agency's.
/// Connects never move between a freelancer account and an agency account. Immutable, like <see cref="AgencyAccount"/>:
/// operations return the new account and its events, or a named error and change nothing.
/// </summary>
/// <remarks>
/// Every operation first brings the account up to its instant, closing elapsed periods as if on time. Arguments no
/// valid call passes are refused with <see cref="InvalidArgument"/>, in the order <see cref="AgencyAccount"/> describes;
/// nothing throws but for a null reference argument.
/// </remarks>
public sealed class FreelancerAccount : ConnectsAccount
{
    private FreelancerAccount(PersonId holder, AccountState state)
        : base(state)
    {
        Holder = holder;
    }

    /// <summary>The person whose account this is.</summary>
    public PersonId Holder { get; }

    /// <summary>Opens a person's freelancer account on Freelancer Basic, billed from the local date of <paramref name="at"/>.</summary>
    /// <param name="holder">The person.</param>
    /// <param name="at">Now.</param>
    /// <param name="settings">How the account is billed; <see cref="AccountSettings.Default"/> when null.</param>
    /// <returns>
    /// The account, <see cref="InvalidArgument"/> (<see cref="DefaultValue"/> for a <c>default</c> <paramref name="holder"/>),
    /// or <see cref="AnchorOutOfRange"/> when <paramref name="at"/> is outside the dates billing supports.
    /// </returns>
    public static OneOf<Updated<FreelancerAccount>, InvalidArgument, AnchorOutOfRange> Open(PersonId holder, Instant at, AccountSettings? settings = null)
    {
        settings ??= AccountSettings.Default;
        if (holder.IsEmpty)
        {
            return new DefaultValue(nameof(holder), nameof(PersonId));
        }

        if (AccountState.CheckAnchor(at, settings) is { } outOfRange)
        {
            return outOfRange;
        }

        var opened = new FreelancerAccountOpened(at, holder, settings);
        var events = new List<AccountEvent> { opened };
        FreelancerAccount account = FromOpened(opened);
        account = account.With(account.State.StartPeriod(at, events));
        return account.Done(events);
    }

    /// <summary>Rebuilds an account from its events, the first being <see cref="FreelancerAccountOpened"/>.</summary>
    /// <param name="events">Every event of the account, in order.</param>
    /// <returns>The account.</returns>
    /// <remarks>
    /// Replay trusts its events: they are the ones this library's operations returned, stored by the host. A stream
    /// that does not start with <see cref="FreelancerAccountOpened"/> throws; events of another account, out of order or
    /// edited are not detected and may throw or give a wrong account. Only the operations validate input, and they
    /// never throw for it.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="events"/> is null.</exception>
    /// <exception cref="ArgumentException">The events do not start with <see cref="FreelancerAccountOpened"/>.</exception>
    public static FreelancerAccount Replay(IEnumerable<AccountEvent> events)
    {
        Guard.NotNull(events);
        using IEnumerator<AccountEvent> enumerator = events.GetEnumerator();
        if (!enumerator.MoveNext())
        {
            throw new ArgumentException("There are no events.", nameof(events));
        }

        if (enumerator.Current is not FreelancerAccountOpened opened)
        {
            throw new ArgumentException("The first event must be FreelancerAccountOpened.", nameof(events));
        }

        FreelancerAccount account = FromOpened(opened);
        return enumerator.MoveNext() ? account.ApplyAll(enumerator) : account;
    }

    /// <inheritdoc/>
    public override AccountSnapshot ToSnapshot() => State.ToSnapshot(AccountKind.Freelancer, null, Holder, isClosed: false, []);

    /// <summary>Loads a freelancer account from its latest snapshot and the events recorded after it (see <see cref="AgencyAccount.Load"/>).</summary>
    /// <param name="snapshot">The snapshot.</param>
    /// <param name="eventsAfter">The events after the snapshot's version, in order.</param>
    /// <param name="catalogs">The catalogs the host knows; <see cref="PlanCatalogRegistry.Default"/> when null.</param>
    /// <param name="zones">The time zones the host knows; NodaTime's TZDB provider when null.</param>
    /// <returns>The account, or <see cref="UnknownCatalog"/>, <see cref="UnknownTimeZone"/>, <see cref="InvalidSnapshot"/> (as for an agency; also an agency's fields on a freelancer snapshot).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="snapshot"/> or <paramref name="eventsAfter"/> is null.</exception>
    public static OneOf<FreelancerAccount, UnknownCatalog, UnknownTimeZone, InvalidSnapshot> Load(
        AccountSnapshot snapshot, IEnumerable<AccountEvent> eventsAfter, PlanCatalogRegistry? catalogs = null, IDateTimeZoneProvider? zones = null)
    {
        Guard.NotNull(snapshot);
        Guard.NotNull(eventsAfter);
        var loaded = AccountState.FromSnapshot(snapshot, AccountKind.Freelancer, catalogs ?? PlanCatalogRegistry.Default, zones ?? DateTimeZoneProviders.Tzdb);
        if (!loaded.TryPickT0(out AccountState state, out var error))
        {
            return error.Match<OneOf<FreelancerAccount, UnknownCatalog, UnknownTimeZone, InvalidSnapshot>>(c => c, z => z, s => s);
        }

        if (snapshot.Principal.IsEmpty || snapshot.Agency is not null || snapshot.IsClosed || (!snapshot.Members.IsDefaultOrEmpty))
        {
            return new InvalidSnapshot(nameof(snapshot.Principal), "a freelancer snapshot names its holder, and no agency, members or closing");
        }

        FreelancerAccount account = new(snapshot.Principal, state);
        using IEnumerator<AccountEvent> enumerator = eventsAfter.GetEnumerator();
        return enumerator.MoveNext() ? account.ApplyAll(enumerator) : account;
    }

    /// <summary>Applies one event: the one place the account's state changes.</summary>
    /// <param name="accountEvent">An event of this account, later than <see cref="FreelancerAccountOpened"/>.</param>
    /// <returns>The account after the event.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="accountEvent"/> is null.</exception>
    /// <exception cref="ArgumentException">The event belongs to agencies only, or opens an account.</exception>
    public FreelancerAccount Apply(AccountEvent accountEvent)
    {
        Guard.NotNull(accountEvent);
        var state = new AccountState.Builder(State, edit: null);
        ApplyTo(state, accountEvent);
        return With(state.ToState());
    }

    /// <summary>Applies the events from the enumerator's current one on, through one transient builder (see <see cref="AgencyAccount"/>'s).</summary>
    private FreelancerAccount ApplyAll(IEnumerator<AccountEvent> events)
    {
        var state = new AccountState.Builder(State, transient: true);
        do
        {
            AccountEvent accountEvent = events.Current;
            Guard.NotNull(accountEvent);
            ApplyTo(state, accountEvent);
        }
        while (events.MoveNext());

        return With(state.ToState());
    }

    /// <summary>Applies one event: refuses those of agencies and those that open an account.</summary>
    private static void ApplyTo(AccountState.Builder state, AccountEvent accountEvent)
    {
        if (accountEvent is AgencyCreated or FreelancerAccountOpened or MemberAdded or MemberRemoved or PermissionsChanged or OwnershipTransferred or AgencyClosed)
        {
            throw new ArgumentException("Not an event of a freelancer account.", nameof(accountEvent));
        }

        state.Apply(accountEvent);
    }

    /// <summary>Closes every billing period that ended at or before <paramref name="at"/>, each as if on time (see <see cref="AgencyAccount.CloseElapsedPeriods"/>).</summary>
    /// <param name="at">Now.</param>
    /// <returns>The account, or <see cref="InvalidArgument"/> (<see cref="InstantBeforeLastChange"/> or <see cref="InstantOutOfRange"/> for <paramref name="at"/>).</returns>
    public OneOf<Updated<FreelancerAccount>, InvalidArgument> CloseElapsedPeriods(Instant at)
    {
        if (State.CheckInstant(at) is { } invalid)
        {
            return invalid;
        }

        var events = new List<AccountEvent>();
        return Advance(at, events).Done(events);
    }

    /// <summary>Upgrades to Freelancer Plus at once: fee charged, allotment granted, anniversary moved to today; Connects kept.</summary>
    /// <param name="actor">The holder.</param>
    /// <param name="at">Now.</param>
    /// <returns>
    /// The account, or <see cref="InvalidArgument"/> (<see cref="InstantBeforeLastChange"/>, or <see cref="InstantOutOfRange"/>,
    /// also when the local date of <paramref name="at"/> is after <see cref="BillingSchedule.MaxAnchor"/>, where no
    /// schedule can be anchored), <see cref="NotAccountHolder"/>, <see cref="AlreadyOnPlan"/>.
    /// </returns>
    public OneOf<Updated<FreelancerAccount>, InvalidArgument, NotAccountHolder, AlreadyOnPlan> UpgradeToPlus(PersonId actor, Instant at)
    {
        if (State.CheckInstant(at, upgrade: true) is { } invalid)
        {
            return invalid;
        }

        if (actor != Holder)
        {
            return new NotAccountHolder(actor, Holder);
        }

        var events = new List<AccountEvent>();
        FreelancerAccount account = Advance(at, events);
        return account.State.Upgrade(at, events).Match<OneOf<Updated<FreelancerAccount>, InvalidArgument, NotAccountHolder, AlreadyOnPlan>>(
            state => account.With(state).Done(events),
            already => already);
    }

    /// <summary>Downgrades to Freelancer Basic at the end of the current period; no refund.</summary>
    /// <param name="actor">The holder.</param>
    /// <param name="at">Now.</param>
    /// <returns>
    /// The account, or <see cref="InvalidArgument"/> (<see cref="InstantBeforeLastChange"/> or <see cref="InstantOutOfRange"/>
    /// for <paramref name="at"/>), <see cref="NotAccountHolder"/>, <see cref="AlreadyOnPlan"/>, <see cref="PlanChangeAlreadyScheduled"/>.
    /// </returns>
    public OneOf<Updated<FreelancerAccount>, InvalidArgument, NotAccountHolder, AlreadyOnPlan, PlanChangeAlreadyScheduled> DowngradeToBasic(PersonId actor, Instant at)
        => ScheduleDowngrade(actor, PlanChangeReason.Downgrade, at);

    /// <summary>Cancels Freelancer Plus: Freelancer Basic from the end of the current period; no refund.</summary>
    /// <param name="actor">The holder.</param>
    /// <param name="at">Now.</param>
    /// <returns>As <see cref="DowngradeToBasic"/>.</returns>
    public OneOf<Updated<FreelancerAccount>, InvalidArgument, NotAccountHolder, AlreadyOnPlan, PlanChangeAlreadyScheduled> CancelPlus(PersonId actor, Instant at)
        => ScheduleDowngrade(actor, PlanChangeReason.Cancel, at);

    /// <summary>Records that a period fee was not paid: Freelancer Basic at once.</summary>
    /// <param name="at">Now.</param>
    /// <returns>
    /// The account, or <see cref="InvalidArgument"/> (<see cref="InstantBeforeLastChange"/> or <see cref="InstantOutOfRange"/>
    /// for <paramref name="at"/>), <see cref="AlreadyOnPlan"/>.
    /// </returns>
    public OneOf<Updated<FreelancerAccount>, InvalidArgument, AlreadyOnPlan> RecordFailedPayment(Instant at)
    {
        if (State.CheckInstant(at) is { } invalid)
        {
            return invalid;
        }

        var events = new List<AccountEvent>();
        FreelancerAccount account = Advance(at, events);
        return account.State.FailPayment(at, events).Match<OneOf<Updated<FreelancerAccount>, InvalidArgument, AlreadyOnPlan>>(
            state => account.With(state).Done(events),
            already => already);
    }

    /// <summary>Buys Connects for the holder's own pool, as <see cref="AgencyAccount.BuyConnects"/> does for an agency; only the holder may.</summary>
    /// <param name="actor">The holder.</param>
    /// <param name="quantity">How many Connects.</param>
    /// <param name="request">The caller's request key.</param>
    /// <param name="at">Now.</param>
    /// <returns>
    /// The purchase, or: <see cref="InvalidArgument"/>, which is <see cref="InstantBeforeLastChange"/> or
    /// <see cref="InstantOutOfRange"/> for <paramref name="at"/>, or <see cref="DefaultValue"/> for a <c>default</c>
    /// <paramref name="request"/>; <see cref="NotAccountHolder"/>; <see cref="PlanDoesNotAllow"/>;
    /// <see cref="InvalidPurchaseQuantity"/>; <see cref="RequestKeyConflict"/>; <see cref="ConnectsOverflow"/>; <see cref="MoneyOverflow"/>.
    /// </returns>
    public OneOf<ConnectsPurchase<FreelancerAccount>, InvalidArgument, NotAccountHolder, PlanDoesNotAllow, InvalidPurchaseQuantity, RequestKeyConflict, ConnectsOverflow, MoneyOverflow> BuyConnects(
        PersonId actor, Connects quantity, RequestKey request, Instant at)
    {
        if (State.CheckPurchaseKey(request, actor, quantity, at).TryPickT1(out ConnectsBought first, out OneOf<None, RequestKeyConflict> fresh))
        {
            return new ConnectsPurchase<FreelancerAccount>(this, [], first.Line, AccountState.LotOf(first), IsRepeat: true);
        }

        if (fresh.TryPickT1(out RequestKeyConflict conflict, out _))
        {
            return conflict;
        }

        if (State.CheckInstant(at) is { } invalid)
        {
            return invalid;
        }

        if (request.IsEmpty)
        {
            return new DefaultValue(nameof(request), nameof(RequestKey));
        }

        if (actor != Holder)
        {
            return new NotAccountHolder(actor, Holder);
        }

        var events = new List<AccountEvent>();
        FreelancerAccount account = Advance(at, events);
        return account.State.Buy(actor, quantity, request, at, events)
            .Match<OneOf<ConnectsPurchase<FreelancerAccount>, InvalidArgument, NotAccountHolder, PlanDoesNotAllow, InvalidPurchaseQuantity, RequestKeyConflict, ConnectsOverflow, MoneyOverflow>>(
                bought => new ConnectsPurchase<FreelancerAccount>(account.With(bought.State), [.. events], bought.Line, bought.Lot, IsRepeat: false),
                plan => plan,
                invalid => invalid,
                overflow => overflow,
                money => money);
    }

    /// <summary>
    /// Submits the holder's own proposal, paid from this account's pool. An exclusive member of an agency submits only
    /// through the agency. Idempotent by <paramref name="request"/> inside <see cref="AccountSettings.RequestRetention"/>.
    /// </summary>
    /// <param name="actor">The holder.</param>
    /// <param name="proposal">The proposal, new to this account.</param>
    /// <param name="cost">Its cost, up to the plan's maximum.</param>
    /// <param name="boost">Its boost bid, up to the plan's maximum; zero for none.</param>
    /// <param name="request">The caller's request key.</param>
    /// <param name="at">Now.</param>
    /// <param name="exclusiveAgency">
    /// The agency the holder is an exclusive member of, if any (<see cref="AgencyDirectory.ExclusiveAgencyOf"/>, or the
    /// host's own table of exclusive memberships): an exclusive member submits only through the agency.
    /// </param>
    /// <returns>
    /// The submission, or: <see cref="InvalidArgument"/>, which is <see cref="InstantBeforeLastChange"/> or
    /// <see cref="InstantOutOfRange"/> for <paramref name="at"/>, or <see cref="DefaultValue"/> for a <c>default</c>
    /// <paramref name="proposal"/> or <paramref name="request"/> (in that order); <see cref="NotAccountHolder"/>; <see cref="ExclusivityConflict"/>
    /// naming the agency the holder is exclusive to; <see cref="PlanDoesNotAllow"/>; <see cref="ProposalCostOutOfRange"/>;
    /// <see cref="DuplicateProposal"/>; <see cref="InsufficientConnects"/>; <see cref="RequestKeyConflict"/>.
    /// </returns>
    public OneOf<ProposalSubmission<FreelancerAccount>, InvalidArgument, NotAccountHolder, ExclusivityConflict, PlanDoesNotAllow, ProposalCostOutOfRange, DuplicateProposal, InsufficientConnects, RequestKeyConflict> SubmitProposal(
        PersonId actor, ProposalId proposal, Connects cost, Connects boost, RequestKey request, Instant at, AgencyId? exclusiveAgency)
    {
        if (State.CheckSubmissionKey(request, actor, actor, proposal, cost, boost, at)
            .TryPickT1(out ProposalSubmitted first, out OneOf<None, RequestKeyConflict> fresh))
        {
            return new ProposalSubmission<FreelancerAccount>(this, [], first.Proposal, IsRepeat: true);
        }

        if (fresh.TryPickT1(out RequestKeyConflict conflict, out _))
        {
            return conflict;
        }

        if ((State.CheckInstant(at) ?? AccountState.CheckIdentifiers(proposal, request)) is { } invalid)
        {
            return invalid;
        }

        if (actor != Holder)
        {
            return new NotAccountHolder(actor, Holder);
        }

        if (exclusiveAgency is { } agency)
        {
            return new ExclusivityConflict(Holder, agency);
        }

        var events = new List<AccountEvent>();
        FreelancerAccount account = Advance(at, events);
        return account.State.Submit(actor, actor, proposal, cost, boost, request, at, events)
            .Match<OneOf<ProposalSubmission<FreelancerAccount>, InvalidArgument, NotAccountHolder, ExclusivityConflict, PlanDoesNotAllow, ProposalCostOutOfRange, DuplicateProposal, InsufficientConnects, RequestKeyConflict>>(
                submitted => new ProposalSubmission<FreelancerAccount>(account.With(submitted.State), [.. events], submitted.Proposal, IsRepeat: false),
                plan => plan,
                range => range,
                duplicate => duplicate,
                insufficient => insufficient);
    }

    /// <summary>Records an outcome for one of the holder's proposals, with the refunds of <see cref="AgencyAccount.RecordOutcome"/>.</summary>
    /// <param name="proposal">The proposal.</param>
    /// <param name="outcome">What happened.</param>
    /// <param name="at">Now.</param>
    /// <returns>
    /// The account, or <see cref="InvalidArgument"/> (<see cref="InstantBeforeLastChange"/> or <see cref="InstantOutOfRange"/>
    /// for <paramref name="at"/>, or <see cref="UndefinedValue"/> when <paramref name="outcome"/> is not a named
    /// <see cref="ProposalOutcome"/>), <see cref="ProposalNotFound"/>, <see cref="ProposalAlreadyClosed"/>,
    /// <see cref="NoBoostToRefund"/>, <see cref="ConnectsOverflow"/> (the refund would take the balance above <see cref="Connects.MaxValue"/>).
    /// </returns>
    public OneOf<Updated<FreelancerAccount>, InvalidArgument, ProposalNotFound, ProposalAlreadyClosed, NoBoostToRefund, ConnectsOverflow> RecordOutcome(
        ProposalId proposal, ProposalOutcome outcome, Instant at)
    {
        if ((State.CheckInstant(at) ?? AccountState.CheckOutcome(outcome)) is { } invalid)
        {
            return invalid;
        }

        var events = new List<AccountEvent>();
        FreelancerAccount account = Advance(at, events);
        return account.State.RecordOutcome(null, proposal, outcome, at, events)
            .Match<OneOf<Updated<FreelancerAccount>, InvalidArgument, ProposalNotFound, ProposalAlreadyClosed, NoBoostToRefund, ConnectsOverflow>>(
                state => account.With(state).Done(events),
                notFound => notFound,
                closed => closed,
                noBoost => noBoost,
                overflow => overflow);
    }

    private static FreelancerAccount FromOpened(FreelancerAccountOpened opened)
        => new(opened.Person, AccountState.Open(opened.At, AccountKind.Freelancer, opened.Settings));

    private OneOf<Updated<FreelancerAccount>, InvalidArgument, NotAccountHolder, AlreadyOnPlan, PlanChangeAlreadyScheduled> ScheduleDowngrade(
        PersonId actor, PlanChangeReason reason, Instant at)
    {
        if (State.CheckInstant(at) is { } invalid)
        {
            return invalid;
        }

        if (actor != Holder)
        {
            return new NotAccountHolder(actor, Holder);
        }

        var events = new List<AccountEvent>();
        FreelancerAccount account = Advance(at, events);
        return account.State.ScheduleDowngrade(actor, reason, at, events)
            .Match<OneOf<Updated<FreelancerAccount>, InvalidArgument, NotAccountHolder, AlreadyOnPlan, PlanChangeAlreadyScheduled>>(
                state => account.With(state).Done(events),
                already => already,
                scheduled => scheduled);
    }

    private FreelancerAccount Advance(Instant at, List<AccountEvent> events) => With(State.AdvanceTo(at, events));

    private FreelancerAccount With(AccountState state) => new(Holder, state);

    private Updated<FreelancerAccount> Done(List<AccountEvent> events) => new(this, [.. events]);
}
