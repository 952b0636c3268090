using AgencyConnects.Domain.Values;
using NodaTime;

namespace AgencyConnects.Domain.Accounts;

/// <summary>
/// An operation was given an instant before the account's last change; an account never goes back in time. One of
/// the <see cref="InvalidArgument"/> cases, for the parameter <c>at</c>.
/// </summary>
/// <param name="At">The instant given.</param>
/// <param name="LastChangedAt">The instant of the account's last change.</param>
public sealed record InstantBeforeLastChange(Instant At, Instant LastChangedAt) : InvalidArgument("at")
{
    /// <inheritdoc/>
    public override string Message => $"{At} is before the account's last change at {LastChangedAt}.";
}

/// <summary>The agency is closed: it accepts no further operation.</summary>
/// <param name="Agency">The agency.</param>
public sealed record AgencyIsClosed(AgencyId Agency) : DomainError
{
    /// <inheritdoc/>
    public override string Message => $"The agency {Agency} is closed.";
}

/// <summary>A request key was used before with a different request.</summary>
/// <param name="Request">The key.</param>
public sealed record RequestKeyConflict(RequestKey Request) : DomainError
{
    /// <inheritdoc/>
    public override string Message => $"The request key {Request} was used for another request.";
}

/// <summary>Someone other than the holder of a freelancer account acted on it.</summary>
/// <param name="Person">Who acted.</param>
/// <param name="Holder">The account holder.</param>
public sealed record NotAccountHolder(PersonId Person, PersonId Holder) : DomainError
{
    /// <inheritdoc/>
    public override string Message => $"{Person} is not the holder ({Holder}) of this account.";
}

/// <summary>A snapshot names a time zone the provider does not know.</summary>
/// <param name="Id">The zone's identifier.</param>
public sealed record UnknownTimeZone(string Id) : DomainError
{
    /// <inheritdoc/>
    public override string Message => $"No time zone is known as \"{Id}\".";
}

/// <summary>A snapshot that no account of this library could have produced: loading it would break an invariant.</summary>
/// <param name="Field">The field at fault, as named in <see cref="AccountSnapshot"/>.</param>
/// <param name="Problem">What is wrong with it.</param>
public sealed record InvalidSnapshot(string Field, string Problem) : DomainError
{
    /// <inheritdoc/>
    public override string Message => $"The snapshot's {Field} is invalid: {Problem}.";
}
