using System;
using AgencyConnects.Domain.Plans;
using AgencyConnects.Domain.Values;

// A host application's first contact with the packed library: it must restore from the package and run.
PlanTerms agencyPlus = PlanCatalog.Classic[Plan.AgencyPlus];
Connects allotment = agencyPlus.MonthlyAllotment;
Console.WriteLine($"Classic Agency Plus: {agencyPlus.MonthlyFee} a month, {allotment} a month");
if (allotment.Value != 80 || agencyPlus.MonthlyFee.Amount != 20.00m)
{
    Console.Error.WriteLine("Package host check failed: unexpected catalog figures.");
    return 1;
}

Console.WriteLine("Package host check passed.");
return 0;
