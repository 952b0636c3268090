using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Proposals;
using NodaTime;
using Xunit;
using static AgencyConnects.Domain.Tests.Lifecycle.Given;
using static AgencyConnects.Domain.Tests.TestData;

namespace AgencyConnects.Domain.Tests.Accounts;

/// <summary>Examples that kill mutants left alive by the second Stryker.NET run: the parameter an error names, and which of two bad arguments is reported.</summary>
public sealed class MutantKillingTests2
{
    [Fact]
    public void An_instant_before_the_last_change_names_the_parameter_at()
    {
        Instant earlier = Start.Minus(Duration.FromHours(1));

        var result = BasicFreelancer().CloseElapsedPeriods(earlier);

        var error = Assert.IsType<InstantBeforeLastChange>(result.AsT1);
        Assert.Equal("at", error.Parameter);
        Assert.Equal(earlier, error.At);
        Assert.Equal(Start, error.LastChangedAt);
    }

    [Fact]
    public void A_freelancer_outcome_with_both_an_early_instant_and_an_undefined_outcome_reports_the_instant()
    {
        Instant earlier = Start.Minus(Duration.FromHours(1));

        var result = BasicFreelancer().RecordOutcome(Proposal("p1"), (ProposalOutcome)255, earlier);

        Assert.Equal(new InstantBeforeLastChange(earlier, Start), result.AsT1);
    }
}
