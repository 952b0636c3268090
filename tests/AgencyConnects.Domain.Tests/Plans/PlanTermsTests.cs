using AgencyConnects.Domain.Plans;
using AgencyConnects.Domain.Values;
using Xunit;

namespace AgencyConnects.Domain.Tests.Plans;

public class PlanTermsTests
{
    private static PlanTerms Allowing(PlanActions actions) => new()
    {
        Plan = Plan.AgencyPlus,
        MonthlyFee = Money.Zero(Currency.Usd).AsT0,
        MonthlyAllotment = Connects.Zero,
        AllowedActions = actions,
        MaxProposalCost = Connects.Zero,
    };

    [Fact]
    public void Allows_needs_every_flag_asked_for()
    {
        PlanTerms terms = Allowing(PlanActions.SpendConnects | PlanActions.BuyConnects);

        Assert.True(terms.Allows(PlanActions.SpendConnects));
        Assert.True(terms.Allows(PlanActions.BuyConnects));
        Assert.True(terms.Allows(PlanActions.SpendConnects | PlanActions.BuyConnects));
        Assert.False(terms.Allows(PlanActions.AddMembers));
        Assert.False(terms.Allows(PlanActions.SpendConnects | PlanActions.AddMembers));
        Assert.False(terms.Allows(PlanActions.All));
    }

    [Fact]
    public void A_plan_allowing_nothing_allows_no_action()
    {
        PlanTerms terms = Allowing(PlanActions.None);

        Assert.False(terms.Allows(PlanActions.AddMembers));
        Assert.False(terms.Allows(PlanActions.BuyConnects));
        Assert.False(terms.Allows(PlanActions.SpendConnects));
    }

    [Fact]
    public void Optional_terms_default_to_no_cap_on_all_unused_no_purchases_no_expiry_and_no_boost()
    {
        PlanTerms terms = Allowing(PlanActions.All);

        Assert.Null(terms.RolloverCap);
        Assert.Equal(RolloverScope.AllUnused, terms.RolloverScope);
        Assert.Null(terms.Purchases);
        Assert.Null(terms.ConnectsLifetime);
        Assert.Equal(Connects.Zero, terms.MaxBoostBid);
    }
}
