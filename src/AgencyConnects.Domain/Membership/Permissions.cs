using System;

namespace AgencyConnects.Domain.Membership;

/// <summary>What a member of an agency may do (DOMAIN §4). Any combination may be held; the owner holds all three.</summary>
[Flags]
public enum Permissions
{
    /// <summary>No permission.</summary>
    None = 0,

    /// <summary>Adds and removes members, changes permissions, buys Connects, manages the plan, sees finances.</summary>
    Admin = 1,

    /// <summary>Submits, withdraws and acts on proposals for any member.</summary>
    BusinessManager = 2,

    /// <summary>Has a profile; can be assigned proposals and submit their own.</summary>
    Freelancer = 4,

    /// <summary>All three permissions, as the owner holds them.</summary>
    All = Admin | BusinessManager | Freelancer,
}

/// <summary>Whether a member works through one agency only.</summary>
public enum MembershipKind
{
    /// <summary>The person may belong to other agencies too, and may work as a freelancer on their own.</summary>
    NonExclusive,

    /// <summary>The person works through this agency only: they belong to no other agency and submit only through it.</summary>
    Exclusive,
}
