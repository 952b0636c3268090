using System;
using System.Globalization;

namespace AgencyConnects.Domain.Tests;

/// <summary>
/// How many random cases or command sequences a property runs. The default run keeps CI quick; set
/// <c>AGENCYCONNECTS_PROPERTY_RUNS</c> (for example to 10000) for the long run the README describes.
/// </summary>
internal static class PropertyRuns
{
    public const string Variable = "AGENCYCONNECTS_PROPERTY_RUNS";

    /// <summary>The number of runs: the variable when it is set to a positive number, else <paramref name="quick"/>.</summary>
    public static int Or(int quick)
        => int.TryParse(Environment.GetEnvironmentVariable(Variable), NumberStyles.None, CultureInfo.InvariantCulture, out int runs) && runs > 0
            ? runs
            : quick;
}
