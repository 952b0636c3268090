using System;
using AgencyConnects.Domain.Plans;
using Xunit;

namespace AgencyConnects.Domain.Tests.Plans;

public class PlanTests
{
    [Fact]
    public void Default_is_Freelancer_Basic()
    {
        Assert.Equal(Plan.FreelancerBasic, default(Plan));
        Assert.Equal(AccountKind.Freelancer, default(Plan).Kind);
        Assert.Equal(PlanTier.Basic, default(Plan).Tier);
    }

    [Fact]
    public void The_named_plans_are_the_four_kind_and_tier_pairs()
    {
        Assert.Equal(new Plan(AccountKind.Freelancer, PlanTier.Basic), Plan.FreelancerBasic);
        Assert.Equal(new Plan(AccountKind.Freelancer, PlanTier.Plus), Plan.FreelancerPlus);
        Assert.Equal(new Plan(AccountKind.Agency, PlanTier.Basic), Plan.AgencyBasic);
        Assert.Equal(new Plan(AccountKind.Agency, PlanTier.Plus), Plan.AgencyPlus);
    }

    [Fact]
    public void ToString_names_kind_then_tier()
    {
        Assert.Equal("Agency Plus", Plan.AgencyPlus.ToString());
        Assert.Equal("Freelancer Basic", Plan.FreelancerBasic.ToString());
    }

    [Theory]
    [InlineData(-1, 0)]
    [InlineData(0, 2)]
    [InlineData(2, 0)]
    public void The_catalog_indexer_refuses_an_undefined_kind_or_tier(int kind, int tier)
    {
        var plan = new Plan(unchecked((AccountKind)kind), unchecked((PlanTier)tier));

        ArgumentOutOfRangeException error = Assert.Throws<ArgumentOutOfRangeException>(() => PlanCatalog.Classic[plan]);
        Assert.Equal("plan", error.ParamName);
    }
}
