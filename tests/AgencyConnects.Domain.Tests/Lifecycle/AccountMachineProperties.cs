using AgencyConnects.Domain.Plans;
using FsCheck;
using FsCheck.Experimental;
using Xunit;

namespace AgencyConnects.Domain.Tests.Lifecycle;

/// <summary>
/// Model-based properties: after every step of a random history the account agrees with <see cref="ReferenceModel"/>
/// (balance, plan, pending change, anniversary period, money charged), each close carries exactly min(unused, cap),
/// the balance equals the ledger sum by kind and the sum of the lots and never goes negative, a refused operation
/// returns the predicted error and changes nothing, a repeated request key is a repeat, and replaying the events
/// rebuilds the live account.
/// </summary>
public sealed class AccountMachineProperties
{
    private const int Commands = 40;

    [Fact]
    public void Agency_histories_agree_with_the_reference_model_after_every_step()
        => Check.One(Config.QuickThrowOnFailure.WithMaxTest(PropertyRuns.Or(100)), new AccountMachine(AccountKind.Agency, Commands).ToProperty());

    [Fact]
    public void Freelancer_histories_agree_with_the_reference_model_after_every_step()
        => Check.One(Config.QuickThrowOnFailure.WithMaxTest(PropertyRuns.Or(100)), new AccountMachine(AccountKind.Freelancer, Commands).ToProperty());
}
