using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Json;
using AgencyConnects.Domain.Membership;
using AgencyConnects.Domain.Values;
using NodaTime;

// A host application's first contact with the packed libraries: it restores the packages, not the projects, runs a
// month of an agency's life through the public API, and stores its events as JSON (AgencyConnects.Domain.Json),
// reads them back and replays them.
PersonId owner = PersonId.Create("owner").AsT0;
Instant start = Instant.FromUtc(2025, 1, 10, 9, 0);
AgencyDirectory directory = AgencyDirectory.Empty;

var history = new List<AccountEvent>();
Updated<AgencyAccount> created = AgencyAccount.Create(AgencyId.Create("host-check").AsT0, owner, start, directory).AsT0;
directory = directory.Apply(created);
history.AddRange(created.Events);
AgencyAccount agency = Keep(created.Account.UpgradeToPlus(owner, start).AsT0);
agency = Keep(agency.BuyConnects(owner, Connects.Create(120).AsT0, RequestKey.Create("order-1").AsT0, start).AsT0);
agency = Keep(agency.CloseElapsedPeriods(Instant.FromUtc(2025, 2, 10, 0, 0)).AsT0);

// The events as JSON, one document a line in a file, as a host's storage would hold them; read back and replayed.
AccountEventJson json = AccountEventJson.Default;
string file = Path.Combine(Path.GetTempPath(), $"agencyconnects-host-check-{Environment.ProcessId}.ndjson");
using (FileStream output = File.Create(file))
{
    json.WriteLines(output, history);
}

ImmutableArray<AccountEvent> stored = json.ReadLines(File.ReadAllBytes(file)).SuccessOrThrow();
File.Delete(file);
AgencyAccount replayed = AgencyAccount.Replay(stored);
Console.WriteLine($"{stored.Length} events stored as JSON and replayed: {replayed.Balance}, version {replayed.Version}");
if (replayed.Balance != agency.Balance || replayed.Version != agency.Version || json.Read(json.Write(history[0])).AsT0 != history[0]
    || !json.Read("{\"type\":\"ConnectsBought\",\"schema\":1,\"quantity\":-1}").TryPickT1(out JsonContractError? error, out _))
{
    Console.Error.WriteLine("Package host check failed: the JSON round trip does not give the same agency.");
    return 1;
}

Console.WriteLine($"A bad document is named, not thrown: {error.Code} at {error.Path}");

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

AgencyAccount Keep(Updated<AgencyAccount> updated)
{
    history.AddRange(updated.Events);
    return updated.Account;
}
