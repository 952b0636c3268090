using System.Collections.Generic;
using AgencyConnects.Domain.Membership;
using AgencyConnects.Domain.Plans;
using AgencyConnects.Domain.Pool;
using AgencyConnects.Domain.Values;
using NodaTime;
using OneOf;
using OneOf.Types;

namespace AgencyConnects.Domain.Accounts;

/// <content>The plan lifecycle, month end and buying Connects (DOMAIN §3 and §5).</content>
public sealed partial class AgencyAccount
{
    /// <summary>
    /// Closes every billing period that ended at or before <paramref name="at"/> (the month-end job): expire lots,
    /// apply the rollover cap and forfeit the excess, start the next period, grant its allotment, charge its fee.
    /// Closing several elapsed periods at once gives exactly the result of closing each on time.
    /// </summary>
    /// <param name="at">Now.</param>
    /// <returns>
    /// The agency (with no events when nothing was due), or <see cref="AgencyIsClosed"/> or <see cref="InvalidArgument"/>
    /// (<see cref="InstantBeforeLastChange"/> or <see cref="InstantOutOfRange"/> for <paramref name="at"/>).
    /// </returns>
    public OneOf<Updated<AgencyAccount>, AgencyIsClosed, InvalidArgument> CloseElapsedPeriods(Instant at)
    {
        if (IsClosed)
        {
            return new AgencyIsClosed(Id);
        }

        if (State.CheckInstant(at) is { } invalid)
        {
            return invalid;
        }

        var events = new List<AccountEvent>();
        return Advance(at, events).Done(events);
    }

    /// <summary>
    /// Upgrades Agency Basic to Agency Plus at once: the fee is charged, the allotment granted, and the billing
    /// anniversary moves to the local date of <paramref name="at"/>; Connects already held are kept (and unfrozen).
    /// </summary>
    /// <param name="actor">The owner or an admin.</param>
    /// <param name="at">Now.</param>
    /// <returns>
    /// The agency, or <see cref="AgencyIsClosed"/>, <see cref="InvalidArgument"/> (<see cref="InstantBeforeLastChange"/>,
    /// or <see cref="InstantOutOfRange"/>, also when the local date of <paramref name="at"/> is after
    /// <see cref="Billing.BillingSchedule.MaxAnchor"/>, where no schedule can be anchored), <see cref="NotAuthorized"/>,
    /// <see cref="AlreadyOnPlan"/>.
    /// </returns>
    public OneOf<Updated<AgencyAccount>, AgencyIsClosed, InvalidArgument, NotAuthorized, AlreadyOnPlan> UpgradeToPlus(PersonId actor, Instant at)
    {
        if (IsClosed)
        {
            return new AgencyIsClosed(Id);
        }

        if (State.CheckInstant(at, upgrade: true) is { } invalid)
        {
            return invalid;
        }

        if (!Holds(actor, Permissions.Admin))
        {
            return new NotAuthorized(actor, Permissions.Admin);
        }

        var events = new List<AccountEvent>();
        AgencyAccount agency = Advance(at, events);
        return agency.State.Upgrade(at, events).Match<OneOf<Updated<AgencyAccount>, AgencyIsClosed, InvalidArgument, NotAuthorized, AlreadyOnPlan>>(
            state => agency.With(state).Done(events),
            already => already);
    }

    /// <summary>Downgrades Agency Plus to Agency Basic at the end of the current period; no refund.</summary>
    /// <param name="actor">The owner or an admin.</param>
    /// <param name="at">Now.</param>
    /// <returns>
    /// The agency with the change scheduled, or <see cref="AgencyIsClosed"/>, <see cref="InvalidArgument"/>
    /// (<see cref="InstantBeforeLastChange"/> or <see cref="InstantOutOfRange"/> for <paramref name="at"/>),
    /// <see cref="NotAuthorized"/>, <see cref="AlreadyOnPlan"/> (on Basic), <see cref="PlanChangeAlreadyScheduled"/>.
    /// </returns>
    public OneOf<Updated<AgencyAccount>, AgencyIsClosed, InvalidArgument, NotAuthorized, AlreadyOnPlan, PlanChangeAlreadyScheduled> DowngradeToBasic(PersonId actor, Instant at)
        => ScheduleDowngrade(actor, PlanChangeReason.Downgrade, at);

    /// <summary>Cancels Agency Plus: Agency Basic from the end of the current period; no refund.</summary>
    /// <param name="actor">The owner or an admin.</param>
    /// <param name="at">Now.</param>
    /// <returns>As <see cref="DowngradeToBasic"/>.</returns>
    public OneOf<Updated<AgencyAccount>, AgencyIsClosed, InvalidArgument, NotAuthorized, AlreadyOnPlan, PlanChangeAlreadyScheduled> CancelPlus(PersonId actor, Instant at)
        => ScheduleDowngrade(actor, PlanChangeReason.Cancel, at);

    /// <summary>Records that a period fee was not paid: the agency drops to Agency Basic at once, and its Connects are frozen.</summary>
    /// <param name="at">Now.</param>
    /// <returns>
    /// The agency, or <see cref="AgencyIsClosed"/>, <see cref="InvalidArgument"/> (<see cref="InstantBeforeLastChange"/>
    /// or <see cref="InstantOutOfRange"/> for <paramref name="at"/>), <see cref="AlreadyOnPlan"/> (on Basic).
    /// </returns>
    public OneOf<Updated<AgencyAccount>, AgencyIsClosed, InvalidArgument, AlreadyOnPlan> RecordFailedPayment(Instant at)
    {
        if (IsClosed)
        {
            return new AgencyIsClosed(Id);
        }

        if (State.CheckInstant(at) is { } invalid)
        {
            return invalid;
        }

        var events = new List<AccountEvent>();
        AgencyAccount agency = Advance(at, events);
        return agency.State.FailPayment(at, events).Match<OneOf<Updated<AgencyAccount>, AgencyIsClosed, InvalidArgument, AlreadyOnPlan>>(
            state => agency.With(state).Done(events),
            already => already);
    }

    /// <summary>
    /// Buys Connects for the agency's pool. Only the owner and admins may (DOMAIN §4), only where the plan allows and
    /// only an offered quantity; priced from the catalog, it adds a bill line. Idempotent by <paramref name="request"/>:
    /// the same key with the same actor and quantity, inside <see cref="AccountSettings.RequestRetention"/> of its first use,
    /// returns the first outcome and changes nothing; past that window the key is unknown, as if never used.
    /// </summary>
    /// <param name="actor">The owner or an admin.</param>
    /// <param name="quantity">How many Connects.</param>
    /// <param name="request">The caller's request key.</param>
    /// <param name="at">Now.</param>
    /// <returns>
    /// The purchase, or: <see cref="AgencyIsClosed"/>; <see cref="InvalidArgument"/>, which is
    /// <see cref="InstantBeforeLastChange"/> or <see cref="InstantOutOfRange"/> for <paramref name="at"/>, or
    /// <see cref="DefaultValue"/> for a <c>default</c> <paramref name="request"/>; <see cref="NotAuthorized"/>;
    /// <see cref="PlanDoesNotAllow"/> (Agency Basic); <see cref="InvalidPurchaseQuantity"/>; <see cref="RequestKeyConflict"/>
    /// (the key was used for another request); <see cref="ConnectsOverflow"/> or <see cref="MoneyOverflow"/> when the
    /// balance or the price would not fit.
    /// </returns>
    public OneOf<ConnectsPurchase<AgencyAccount>, AgencyIsClosed, InvalidArgument, NotAuthorized, PlanDoesNotAllow, InvalidPurchaseQuantity, RequestKeyConflict, ConnectsOverflow, MoneyOverflow> BuyConnects(
        PersonId actor, Connects quantity, RequestKey request, Instant at)
    {
        if (State.CheckPurchaseKey(request, actor, quantity, at).TryPickT1(out ConnectsBought first, out OneOf<None, RequestKeyConflict> fresh))
        {
            return new ConnectsPurchase<AgencyAccount>(this, [], first.Line, AccountState.LotOf(first), IsRepeat: true);
        }

        if (fresh.TryPickT1(out RequestKeyConflict conflict, out _))
        {
            return conflict;
        }

        if (IsClosed)
        {
            return new AgencyIsClosed(Id);
        }

        if (State.CheckInstant(at) is { } invalid)
        {
            return invalid;
        }

        if (request.IsEmpty)
        {
            return new DefaultValue(nameof(request), nameof(RequestKey));
        }

        if (!Holds(actor, Permissions.Admin))
        {
            return new NotAuthorized(actor, Permissions.Admin);
        }

        var events = new List<AccountEvent>();
        AgencyAccount agency = Advance(at, events);
        return agency.State.Buy(actor, quantity, request, at, events)
            .Match<OneOf<ConnectsPurchase<AgencyAccount>, AgencyIsClosed, InvalidArgument, NotAuthorized, PlanDoesNotAllow, InvalidPurchaseQuantity, RequestKeyConflict, ConnectsOverflow, MoneyOverflow>>(
                bought => new ConnectsPurchase<AgencyAccount>(agency.With(bought.State), [.. events], bought.Line, bought.Lot, IsRepeat: false),
                plan => plan,
                invalid => invalid,
                overflow => overflow,
                money => money);
    }

    private OneOf<Updated<AgencyAccount>, AgencyIsClosed, InvalidArgument, NotAuthorized, AlreadyOnPlan, PlanChangeAlreadyScheduled> ScheduleDowngrade(
        PersonId actor, PlanChangeReason reason, Instant at)
    {
        if (IsClosed)
        {
            return new AgencyIsClosed(Id);
        }

        if (State.CheckInstant(at) is { } invalid)
        {
            return invalid;
        }

        if (!Holds(actor, Permissions.Admin))
        {
            return new NotAuthorized(actor, Permissions.Admin);
        }

        var events = new List<AccountEvent>();
        AgencyAccount agency = Advance(at, events);
        return agency.State.ScheduleDowngrade(actor, reason, at, events)
            .Match<OneOf<Updated<AgencyAccount>, AgencyIsClosed, InvalidArgument, NotAuthorized, AlreadyOnPlan, PlanChangeAlreadyScheduled>>(
                state => agency.With(state).Done(events),
                already => already,
                scheduled => scheduled);
    }
}
