using System;
using FsCheck;
using FsCheck.Experimental;
using Xunit;

namespace AgencyConnects.Domain.Tests.WholeModel;

public sealed class WholeModelTests
{
    /// <summary>
    /// Random sequences of every command (agencies created, upgraded, downgraded, cancelled, failing payment, members
    /// added, removed, re-permissioned, ownership transferred, agencies closed; Connects bought with fresh and repeated
    /// keys; agency and freelancer proposals submitted, withdrawn and given outcomes; time passing and periods closing)
    /// agree after every step with an independent reference model: each result, each account's balance, lots, plan,
    /// period, members, owner, proposals and bills; and keep the invariants (balance = ledger sum, one open agency per
    /// owner, exclusive members in one agency, refused commands change nothing, Replay(events) equals the live state).
    /// </summary>
    /// <remarks>
    /// 200 sequences (about 50 commands each on average) take about 2 s in Debug on two shared cores;
    /// AGENCYCONNECTS_PROPERTY_RUNS=10000 took 44 to 51 s there (about half a million commands).
    /// </remarks>
    [Fact]
    public void Random_command_sequences_agree_with_the_reference_model_and_keep_the_invariants()
        => Check.One(Config.QuickThrowOnFailure.WithMaxTest(PropertyRuns.Or(200)), new WholeModelMachine().ToProperty());

    /// <summary>The same run against a model that gets one rule wrong fails: the comparison has teeth.</summary>
    [Theory]
    [InlineData(ModelFlaw.RolloverCapOneTooHigh)]
    [InlineData(ModelFlaw.SubmissionKeyIgnoresAssignee)]
    [InlineData(ModelFlaw.OutbidClosesTheProposal)]
    public void A_model_that_gets_one_rule_wrong_makes_the_run_fail(ModelFlaw flaw)
    {
        Exception failure = Assert.ThrowsAny<Exception>(() => Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), new WholeModelMachine(flaw).ToProperty()));
        Assert.Contains("the model", failure.Message, StringComparison.Ordinal);
    }
}
