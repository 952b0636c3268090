using AgencyConnects.Domain.Values;
using NodaTime;

namespace AgencyConnects.Domain.Membership;

/// <summary>A member of an agency.</summary>
/// <param name="Person">The person.</param>
/// <param name="Permissions">What they may do.</param>
/// <param name="Kind">Whether they work through this agency only.</param>
/// <param name="JoinedAt">When they joined.</param>
public sealed record Member(PersonId Person, Permissions Permissions, MembershipKind Kind, Instant JoinedAt)
{
    /// <summary>Whether the member holds every flag of <paramref name="permissions"/>.</summary>
    /// <param name="permissions">The permissions asked about.</param>
    /// <returns><c>true</c> when all are held.</returns>
    public bool Holds(Permissions permissions) => (Permissions & permissions) == permissions;
}
