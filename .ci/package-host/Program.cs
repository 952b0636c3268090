using System;
using System.Collections.Generic;
using AgencyConnects.Domain;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Membership;
using AgencyConnects.Domain.Values;
using NodaTime;

// A host application's first contact with the packed library: it restores the package, not the project, runs a month
// of an agency's life through the public API, stores what a host stores (events, a snapshot) and loads it back.
PersonId owner = PersonId.Create("owner").AsT0;
Instant start = Instant.FromUtc(2025, 1, 10, 9, 0);
AgencyDirectory directory = AgencyDirectory.Empty;
var events = new List<AccountEvent>();

var created = AgencyAccount.Create(AgencyId.Create("host-check").AsT0, owner, start, directory).SuccessOrThrow();
directory = directory.Apply(created);
events.AddRange(created.Events);
AgencyAccount agency = created.Account;
foreach (Func<AgencyAccount, Updated<AgencyAccount>> operation in new Func<AgencyAccount, Updated<AgencyAccount>>[]
{
    a => a.UpgradeToPlus(owner, start).SuccessOrThrow(),
    a => a.BuyConnects(owner, Connects.Create(120).AsT0, RequestKey.Create("order-1").AsT0, start).SuccessOrThrow(),
    a => a.CloseElapsedPeriods(Instant.FromUtc(2025, 2, 10, 0, 0)).SuccessOrThrow(),
})
{
    Updated<AgencyAccount> change = operation(agency);
    events.AddRange(change.Events);
    agency = change.Account;
}

decimal billed = AccountHistory.Of(events).Bill(start, Instant.FromUtc(2025, 3, 1, 0, 0)).Total.Amount;
AgencyAccount loaded = AgencyAccount.Load(agency.ToSnapshot(), []).SuccessOrThrow();
Console.WriteLine($"Agency {agency.Id}: {agency.Balance} after the first month end, {billed} billed, owner {directory.AgencyOwnedBy(owner)}");

// 80 + 120 = 200 unused: 160 carried (Classic cap), 40 forfeited, 80 granted; $20 + $120 + $20 billed.
if (agency.Balance.Value != 240 || billed != 160.00m || agency.Version < 5 || loaded.Balance != agency.Balance || loaded.Version != agency.Version)
{
    Console.Error.WriteLine("Package host check failed: unexpected balance, bill or snapshot.");
    return 1;
}

Console.WriteLine("Package host check passed.");
return 0;
