namespace AgencyConnects.Domain.Plans;

/// <summary>Why a plan changed.</summary>
public enum PlanChangeReason
{
    /// <summary>Basic to Plus, at once.</summary>
    Upgrade,

    /// <summary>Plus to Basic, at the end of the period in which it was asked for.</summary>
    Downgrade,

    /// <summary>Plus cancelled: Basic from the end of the period in which it was asked for.</summary>
    Cancel,

    /// <summary>A period fee was not paid: Basic at once.</summary>
    PaymentFailed,
}
