using AgencyConnects.Domain.Values;

namespace AgencyConnects.Domain.Membership;

/// <summary>
/// A person the operation needs is refused by the agency: <see cref="NotAuthorized"/> (a member lacks a permission, or
/// an actor is no member) or <see cref="NotAMember"/> (a person acted on is no member). A host maps both to "forbidden".
/// </summary>
/// <param name="Person">The person refused.</param>
public abstract record AccessRefused(PersonId Person) : DomainError;

/// <summary>The person lacks a permission the operation needs (an actor who is no member holds none).</summary>
/// <param name="Person">Who acted.</param>
/// <param name="Required">The permission needed (any one of the flags).</param>
public sealed record NotAuthorized(PersonId Person, Permissions Required) : AccessRefused(Person)
{
    /// <inheritdoc/>
    public override string Message => $"{Person} does not hold the {Required} permission.";
}

/// <summary>Only the agency's owner may do this.</summary>
/// <param name="Person">Who acted.</param>
/// <param name="Owner">The owner.</param>
public sealed record NotOwner(PersonId Person, PersonId Owner) : DomainError
{
    /// <inheritdoc/>
    public override string Message => $"{Person} is not the owner ({Owner}).";
}

/// <summary>The person is a member already; a person is added once.</summary>
/// <param name="Person">The person.</param>
public sealed record AlreadyAMember(PersonId Person) : DomainError
{
    /// <inheritdoc/>
    public override string Message => $"{Person} is a member already.";
}

/// <summary>The person is not a current member of the agency.</summary>
/// <param name="Person">The person.</param>
public sealed record NotAMember(PersonId Person) : AccessRefused(Person)
{
    /// <inheritdoc/>
    public override string Message => $"{Person} is not a member of the agency.";
}

/// <summary>The owner cannot be removed; transfer ownership or close the agency instead.</summary>
/// <param name="Owner">The owner.</param>
public sealed record OwnerCannotBeRemoved(PersonId Owner) : DomainError
{
    /// <inheritdoc/>
    public override string Message => $"The owner {Owner} cannot be removed.";
}

/// <summary>The owner holds every permission, always.</summary>
/// <param name="Owner">The owner.</param>
public sealed record OwnerPermissionsAreFixed(PersonId Owner) : DomainError
{
    /// <inheritdoc/>
    public override string Message => $"The owner {Owner} holds every permission; they cannot be changed.";
}

/// <summary>The member has open proposals assigned to them and cannot be removed until those are closed.</summary>
/// <param name="Person">The member.</param>
/// <param name="OpenProposals">How many open proposals are assigned to them.</param>
public sealed record MemberHasOpenProposals(PersonId Person, int OpenProposals) : DomainError
{
    /// <inheritdoc/>
    public override string Message => $"{Person} has {OpenProposals} open proposals assigned and cannot be removed.";
}

/// <summary>The person owns another open agency; a person owns at most one.</summary>
/// <param name="Person">The person.</param>
/// <param name="Agency">The agency they own.</param>
public sealed record OwnsAnotherAgency(PersonId Person, AgencyId Agency) : DomainError
{
    /// <inheritdoc/>
    public override string Message => $"{Person} owns the open agency {Agency}; a person owns at most one.";
}

/// <summary>
/// The membership would break exclusivity: the person is an exclusive member of another agency, or is to be made an
/// exclusive member while belonging to another agency.
/// </summary>
/// <param name="Person">The person.</param>
/// <param name="OtherAgency">The other agency involved.</param>
public sealed record ExclusivityConflict(PersonId Person, AgencyId OtherAgency) : DomainError
{
    /// <inheritdoc/>
    public override string Message => $"{Person} cannot join: the membership would break exclusivity with {OtherAgency}.";
}

/// <summary>An agency can be closed only by its owner when no other member and no open proposal remain.</summary>
/// <param name="OtherMembers">Members other than the owner.</param>
/// <param name="OpenProposals">Open proposals.</param>
public sealed record AgencyNotEmpty(int OtherMembers, int OpenProposals) : DomainError
{
    /// <inheritdoc/>
    public override string Message => $"The agency has {OtherMembers} other members and {OpenProposals} open proposals; it can be closed only when both are zero.";
}

/// <summary>The directory already knows an agency with this identifier.</summary>
/// <param name="Agency">The agency.</param>
public sealed record AgencyAlreadyExists(AgencyId Agency) : DomainError
{
    /// <inheritdoc/>
    public override string Message => $"An agency {Agency} exists already.";
}

/// <summary>The person is already the agency's owner.</summary>
/// <param name="Person">The owner.</param>
public sealed record AlreadyOwner(PersonId Person) : DomainError
{
    /// <inheritdoc/>
    public override string Message => $"{Person} owns the agency already.";
}
