using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Values;
using BenchmarkDotNet.Attributes;
using NodaTime;

namespace AgencyConnects.Domain.Benchmarks;

/// <summary>Submitting one proposal on an agency with a short and with a long history: the command path must stay flat.</summary>
[MemoryDiagnoser]
public class SubmitProposalBenchmarks
{
    private AgencyAccount _agency = null!;
    private ProposalId _proposal;
    private RequestKey _request;
    private Connects _cost;
    private Instant _at;

    /// <summary>How many ledger entries the agency's history holds.</summary>
    [Params(100, 100_000)]
    public int LedgerEntries { get; set; }

    /// <summary>Builds the agency once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _agency = BenchmarkAgencies.WithHistory(LedgerEntries).Agency;
        _proposal = ProposalId.Create("benchmark-proposal").AsT0;
        _request = RequestKey.Create("benchmark-request").AsT0;
        _cost = Connects.Create(2).AsT0;
        _at = _agency.LastChangedAt.Plus(Duration.FromSeconds(1));
    }

    /// <summary>Submits a proposal for the owner (the agency itself stays as it was: it is immutable).</summary>
    [Benchmark]
    public object Submit()
        => _agency.SubmitProposal(BenchmarkAgencies.Owner, BenchmarkAgencies.Owner, _proposal, _cost, Connects.Zero, _request, _at).Value;
}
