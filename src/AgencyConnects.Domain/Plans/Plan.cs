namespace AgencyConnects.Domain.Plans;

/// <summary>The two kinds of Connects account (DOMAIN §1): each has its own plan, pool and bills.</summary>
public enum AccountKind : byte
{
    /// <summary>A person's own account; at most one per person.</summary>
    Freelancer,

    /// <summary>An agency's account; one per agency, its pool shared by all members.</summary>
    Agency,
}

/// <summary>The tier of a plan.</summary>
public enum PlanTier : byte
{
    /// <summary>The free tier.</summary>
    Basic,

    /// <summary>The paid tier.</summary>
    Plus,
}

/// <summary>A plan: an account kind and a tier, such as Agency Plus.</summary>
/// <param name="Kind">The account kind.</param>
/// <param name="Tier">The tier.</param>
/// <remarks><c>default</c> is Freelancer Basic.</remarks>
public readonly record struct Plan(AccountKind Kind, PlanTier Tier)
{
    /// <summary>Agency Basic.</summary>
    public static Plan AgencyBasic => new(AccountKind.Agency, PlanTier.Basic);

    /// <summary>Agency Plus.</summary>
    public static Plan AgencyPlus => new(AccountKind.Agency, PlanTier.Plus);

    /// <summary>Freelancer Basic.</summary>
    public static Plan FreelancerBasic => new(AccountKind.Freelancer, PlanTier.Basic);

    /// <summary>Freelancer Plus.</summary>
    public static Plan FreelancerPlus => new(AccountKind.Freelancer, PlanTier.Plus);

    /// <summary>The plan, as in <c>Agency Plus</c>.</summary>
    public override string ToString() => Kind + " " + Tier;
}
