namespace AgencyConnects.Domain.Plans;

/// <summary>What a plan's rollover cap applies to at month end.</summary>
public enum RolloverScope
{
    /// <summary>The cap applies to all unused Connects, bought and refunded ones included (Classic, pre-2019).</summary>
    AllUnused,

    /// <summary>
    /// The cap applies to unused Connects that came from allotments only (this period's and those carried over from
    /// earlier periods); bought and refunded Connects always carry over.
    /// </summary>
    AllotmentOnly,
}
