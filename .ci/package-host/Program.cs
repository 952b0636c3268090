using System;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Membership;
using AgencyConnects.Domain.Values;
using NodaTime;

// A host application's first contact with the packed library: it restores the package, not the project, and runs a
// month of an agency's life through the public API.
PersonId owner = PersonId.Create("owner").AsT0;
Instant start = Instant.FromUtc(2025, 1, 10, 9, 0);
AgencyDirectory directory = AgencyDirectory.Empty;

Updated<AgencyAccount> created = AgencyAccount.Create(AgencyId.Create("host-check").AsT0, owner, start, directory).AsT0;
directory = directory.Apply(created);
AgencyAccount agency = created.Account.UpgradeToPlus(owner, start).AsT0.Account;
agency = agency.BuyConnects(owner, Connects.Create(120).AsT0, RequestKey.Create("order-1").AsT0, start).AsT0.Account;
agency = agency.CloseElapsedPeriods(Instant.FromUtc(2025, 2, 10, 0, 0)).AsT0.Account;

decimal billed = agency.Bill(start, Instant.FromUtc(2025, 3, 1, 0, 0)).Total.Amount;
Console.WriteLine($"Agency {agency.Id}: {agency.Balance} after the first month end, {billed} billed, owner {directory.AgencyOwnedBy(owner)}");

// 80 + 120 = 200 unused: 160 carried (Classic cap), 40 forfeited, 80 granted; $20 + $120 + $20 billed.
if (agency.Balance.Value != 240 || billed != 160.00m || agency.Version < 5)
{
    Console.Error.WriteLine("Package host check failed: unexpected balance or bill.");
    return 1;
}

Console.WriteLine("Package host check passed.");
return 0;
