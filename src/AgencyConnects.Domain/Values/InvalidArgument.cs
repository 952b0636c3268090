using NodaTime;

namespace AgencyConnects.Domain.Values;

/// <summary>
/// An argument that no valid call passes: a <c>default</c> value that names nothing, an enum value its type does not
/// define, or an instant the account cannot accept. Every operation of an account, the account factories and
/// <see cref="Plans.PlanCatalog.Create"/> return one of the sealed subtypes in one slot of their result instead of
/// throwing. Factories of single values keep their own named errors for the same kind of input
/// (<see cref="InvalidCurrencyCode"/>, <see cref="Billing.UndefinedMonthEndPolicy"/>, <see cref="Billing.AnchorOutOfRange"/>);
/// the batch close names bad accounts with <see cref="MonthEnd.InvalidMonthEndAccount"/>. Nothing throws but
/// <see cref="System.ArgumentNullException"/> for a null reference argument, and nothing changes when an error is returned.
/// </summary>
/// <remarks>
/// The subtypes are <see cref="DefaultValue"/>, <see cref="UndefinedValue"/>, <see cref="InstantOutOfRange"/> and
/// <see cref="Accounts.InstantBeforeLastChange"/>, and only this library creates them, so a host may switch over
/// them exhaustively.
/// </remarks>
public abstract record InvalidArgument : DomainError
{
    /// <summary>Creates the case; only this library's subtypes can.</summary>
    /// <param name="parameter">The name of the parameter.</param>
    private protected InvalidArgument(string parameter) => Parameter = parameter;

    /// <summary>The name of the parameter, as in the method's signature (<c>request</c>, <c>at</c>).</summary>
    public string Parameter { get; }
}

/// <summary>
/// A value-type argument is its <c>default</c>, which names nothing: a <c>default</c> <see cref="RequestKey"/>,
/// <see cref="ProposalId"/>, <see cref="PersonId"/> or <see cref="AgencyId"/> (the empty identifier, which the
/// factories never make) that an operation would record (a request key, a new proposal, a new member, agency, owner
/// or account holder), or a <c>default</c> <see cref="Currency"/> for a catalog (no code).
/// </summary>
/// <remarks>
/// A <c>default</c> identifier an operation only looks up (an actor, a member acted on, a proposal given an
/// outcome) names no one, and gets the error an unknown one gets (<see cref="Membership.NotAuthorized"/>,
/// <see cref="Membership.NotAMember"/>, <see cref="Proposals.ProposalNotFound"/>).
/// </remarks>
/// <param name="Parameter">The name of the parameter.</param>
/// <param name="Type">The name of its type, as in <c>RequestKey</c>.</param>
public sealed record DefaultValue(string Parameter, string Type) : InvalidArgument(Parameter)
{
    /// <inheritdoc/>
    public override string Message => $"The {Type} given for {Parameter} is the default value, which names nothing.";
}

/// <summary>
/// An enum argument holds a value its type does not define: a number outside the named values, or, for a flags type
/// such as <see cref="Membership.Permissions"/>, a bit outside its <c>All</c> value. Undefined bits are refused, never masked.
/// </summary>
/// <param name="Parameter">The name of the parameter.</param>
/// <param name="Type">The name of the enum type, as in <c>MembershipKind</c>.</param>
/// <param name="Value">The whole value given, as a number.</param>
public sealed record UndefinedValue(string Parameter, string Type, long Value) : InvalidArgument(Parameter)
{
    /// <inheritdoc/>
    public override string Message => $"{Value} is not a defined {Type} (parameter {Parameter}).";
}

/// <summary>
/// The instant <c>at</c> is one the account's billing cannot represent: it is at or after <see cref="Limit"/>, and an
/// operation refuses every instant from its limit on (and no instant before it for this reason). The limit is the
/// earliest of:
/// <list type="bullet">
/// <item>the account's <see cref="Billing.BillingSchedule.End"/>, the end of its last supported billing period (in
/// January 9999), for every operation;</item>
/// <item>for an upgrade, which anchors a new schedule on the local date of <c>at</c>, the start of the day after
/// <see cref="Billing.BillingSchedule.MaxAnchor"/> (9001-01-01) in the account's time zone;</item>
/// <item>for each lifetime of Connects in the account's catalog, the first instant from which Connects acquired would
/// expire (in local time, as lifetimes are counted) after the last date and instant there are, 9999-12-31 and
/// <see cref="Instant.MaxValue"/>: for the one-year lifetime of <see cref="Plans.PlanCatalog.Current"/>, the start of
/// 9999-01-01 in UTC or a zone east of it, and earlier in a zone west of it (9998-12-31T21:00 local at UTC-3).</item>
/// </list>
/// A local time that exists twice starts at the earlier instant, one skipped by the clocks at the end of the gap.
/// </summary>
/// <param name="At">The instant given.</param>
/// <param name="Limit">The first instant the operation refuses.</param>
public sealed record InstantOutOfRange(Instant At, Instant Limit) : InvalidArgument("at")
{
    /// <inheritdoc/>
    public override string Message => $"{At} is at or after {Limit}, the first instant the account cannot represent.";
}
