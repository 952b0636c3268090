using System;

namespace AgencyConnects.Domain.Plans;

/// <summary>Actions a plan may or may not allow (DOMAIN §2, "which actions need Plus").</summary>
[Flags]
public enum PlanActions
{
    /// <summary>None of the actions.</summary>
    None = 0,

    /// <summary>Adding members to an agency.</summary>
    AddMembers = 1,

    /// <summary>Buying Connects.</summary>
    BuyConnects = 2,

    /// <summary>Spending Connects on proposals that cost more than zero.</summary>
    SpendConnects = 4,

    /// <summary>Every action.</summary>
    All = AddMembers | BuyConnects | SpendConnects,
}
