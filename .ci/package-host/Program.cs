using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using AgencyConnects.Domain;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Json;
using AgencyConnects.Domain.Membership;
using AgencyConnects.Domain.Values;
using NodaTime;

// A host application's first contact with the packed libraries: it restores the packages, not the projects, runs a
// month of an agency's life through the public API, stores what a host stores (events, a snapshot) and loads it back,
// in memory and as JSON (AgencyConnects.Domain.Json): events as newline-delimited JSON in a file, the snapshot as a
// document, both read back, replayed and loaded to the same agency.
PersonId owner = PersonId.Create("owner").AsT0;
Instant start = Instant.FromUtc(2025, 1, 10, 9, 0);
AgencyDirectory directory = AgencyDirectory.Empty;
var created = AgencyAccount.Create(AgencyId.Create("host-check").AsT0, owner, start, directory).SuccessOrThrow();
directory = directory.Apply(created);
var upgraded = created.Account.UpgradeToPlus(owner, start).SuccessOrThrow();
var bought = upgraded.Account.BuyConnects(owner, Connects.Create(120).AsT0, RequestKey.Create("order-1").AsT0, start).SuccessOrThrow();
var closed = bought.Account.CloseElapsedPeriods(Instant.FromUtc(2025, 2, 10, 0, 0)).SuccessOrThrow();
List<AccountEvent> events = [.. created.Events, .. upgraded.Events, .. bought.Events, .. closed.Events];
AgencyAccount agency = closed.Account;

decimal billed = AccountHistory.Of(events).Bill(start, Instant.FromUtc(2025, 3, 1, 0, 0)).Total.Amount;
AgencyAccount loaded = AgencyAccount.Load(agency.ToSnapshot(), []).SuccessOrThrow();
Console.WriteLine($"Agency {agency.Id}: {agency.Balance} after the first month end, {billed} billed, owner {directory.AgencyOwnedBy(owner)}");

// 80 + 120 = 200 unused: 160 carried (Classic cap), 40 forfeited, 80 granted; $20 + $120 + $20 billed.
if (agency.Balance.Value != 240 || billed != 160.00m || agency.Version < 5 || loaded.Balance != agency.Balance || loaded.Version != agency.Version)
{
    Console.Error.WriteLine("Package host check failed: unexpected balance, bill or snapshot.");
    return 1;
}

// The events as JSON, one document a line in a file, as a host's storage would hold them, and the snapshot of the
// agency after its second event as a JSON document; read back, then replayed, and loaded with the events after it.
AccountEventJson json = AccountEventJson.Default;
string file = Path.Combine(Path.GetTempPath(), $"agencyconnects-host-check-{Environment.ProcessId}.ndjson");
using (FileStream output = File.Create(file))
{
    json.WriteLines(output, events);
}

ImmutableArray<AccountEvent> stored = json.ReadLines(File.ReadAllBytes(file)).SuccessOrThrow();
File.Delete(file);
string snapshot = json.WriteSnapshot(AgencyAccount.Replay(events.GetRange(0, 2)).ToSnapshot());
AgencyAccount replayed = AgencyAccount.Replay(stored);
AgencyAccount fromSnapshot = AgencyAccount.Load(json.ReadSnapshot(snapshot).SuccessOrThrow(), stored[2..]).SuccessOrThrow();
Console.WriteLine($"{stored.Length} events stored as JSON and replayed: {replayed.Balance}, version {replayed.Version}; from the JSON snapshot: {fromSnapshot.Balance}");
if (replayed.Balance != agency.Balance || replayed.Version != agency.Version || fromSnapshot.Balance != agency.Balance || fromSnapshot.Version != agency.Version
    || !json.Read("{\"type\":\"ConnectsBought\",\"schema\":1,\"quantity\":-1}").TryPickT1(out JsonContractError? error, out _))
{
    Console.Error.WriteLine("Package host check failed: the JSON round trip does not give the same agency.");
    return 1;
}

Console.WriteLine($"A bad document is named, not thrown: {error.Code} at {error.Path}");
Console.WriteLine("Package host check passed.");
return 0;
