using System.Collections.Generic;
using System.Globalization;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Membership;
using AgencyConnects.Domain.Values;
using BenchmarkDotNet.Attributes;
using NodaTime;

namespace AgencyConnects.Domain.Benchmarks;

/// <summary>
/// Taking a snapshot of an agency, and loading it from a snapshot plus the events after it: an agency with 50 members,
/// 30 lots and 200 open proposals, and 100 events after the snapshot.
/// </summary>
[MemoryDiagnoser]
public class SnapshotBenchmarks
{
    private AgencyAccount _agency = null!;
    private AccountSnapshot _snapshot = null!;
    private readonly List<AccountEvent> _after = [];

    /// <summary>Builds the agency through the public operations.</summary>
    [GlobalSetup]
    public void Setup()
    {
        PersonId owner = BenchmarkAgencies.Owner;
        Instant at = BenchmarkAgencies.Start;
        AgencyAccount agency = AgencyAccount.Create(AgencyId.Create("agency").AsT0, owner, at, AgencyDirectory.Empty).AsT0.Account;
        agency = agency.UpgradeToPlus(owner, at).AsT0.Account;
        for (int i = 1; i < 50; i++)
        {
            at = at.Plus(Duration.FromMinutes(1));
            agency = agency.AddMember(owner, Person("m", i), Permissions.Freelancer, MembershipKind.NonExclusive, at, AgencyDirectory.Empty).AsT0.Account;
        }

        for (int i = 0; i < 31; i++) // 200 Connects spent below take the allotment and two purchases: 30 lots remain
        {
            at = at.Plus(Duration.FromMinutes(1));
            agency = agency.BuyConnects(owner, Connects.Create(100).AsT0, Key("buy", i), at).AsT0.Account;
        }

        for (int i = 0; i < 200; i++)
        {
            at = at.Plus(Duration.FromMinutes(1));
            agency = agency.SubmitProposal(owner, Person("m", 1 + (i % 49)), ProposalId.Create("p" + i.ToString(CultureInfo.InvariantCulture)).AsT0,
                Connects.Create(1).AsT0, Connects.Zero, Key("submit", i), at).AsT0.Account;
        }

        // The next day: the keys above are out of the window; 100 more events follow the snapshot.
        at = at.Plus(Duration.FromDays(1));
        _snapshot = agency.ToSnapshot();
        AgencyAccount later = agency;
        for (int i = 0; i < 100; i++)
        {
            at = at.Plus(Duration.FromMinutes(1));
            ProposalSubmission<AgencyAccount> submitted = later.SubmitProposal(owner, Person("m", 1 + (i % 49)),
                ProposalId.Create("q" + i.ToString(CultureInfo.InvariantCulture)).AsT0, Connects.Zero, Connects.Zero, Key("later", i), at).AsT0;
            _after.AddRange(submitted.Events);
            later = submitted.Account;
        }

        _agency = later;
    }

    /// <summary>Takes a snapshot of the agency.</summary>
    [Benchmark]
    public AccountSnapshot TakeSnapshot() => _agency.ToSnapshot();

    /// <summary>Loads the agency from its snapshot and the 100 events after it.</summary>
    [Benchmark]
    public AgencyAccount LoadFromSnapshot() => AgencyAccount.Load(_snapshot, _after).AsT0;

    private static PersonId Person(string prefix, int i) => PersonId.Create(prefix + i.ToString(CultureInfo.InvariantCulture)).AsT0;

    private static RequestKey Key(string prefix, int i) => RequestKey.Create(prefix + "-" + i.ToString(CultureInfo.InvariantCulture)).AsT0;
}
