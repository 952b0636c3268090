using FsCheck;
using FsCheck.Experimental;
using Xunit;

namespace AgencyConnects.Domain.Tests.Proposals;

/// <summary>
/// Model-based: random command sequences on a Classic Agency Plus agency (see <see cref="ProposalMachine"/>), checked
/// after every step against <see cref="ProposalModel"/>: every command returns what the model predicts (a refused
/// command changes nothing); no proposal gets back more than it cost; usage per member as assignee, and as
/// submitter, sums to the pool's spending and refunds over any range; the balance is the ledger's sum and never
/// negative; replaying the events rebuilds the live agency.
/// </summary>
public class ProposalProperties
{
    [Fact]
    public void Random_commands_agree_with_the_model_never_refund_more_than_spent_and_replay_to_the_live_agency()
        => Check.One(Config.QuickThrowOnFailure.WithMaxTest(PropertyRuns.Or(100)), new ProposalMachine().ToProperty());
}
