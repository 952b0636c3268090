using AgencyConnects.Domain.Plans;
using Xunit;
using static AgencyConnects.Domain.Tests.Lifecycle.Given;

namespace AgencyConnects.Domain.Tests.Plans;

public sealed class PlanCatalogRegistryTests
{
    [Fact]
    public void The_default_registry_resolves_the_two_shipped_catalogs_by_name()
    {
        Assert.Same(PlanCatalog.Classic, PlanCatalogRegistry.Default.Resolve("Classic").AsT0);
        Assert.Same(PlanCatalog.Current, PlanCatalogRegistry.Default.Resolve("Current").AsT0);
        Assert.Equal([PlanCatalog.Classic, PlanCatalog.Current], PlanCatalogRegistry.Default.Catalogs);
    }

    [Fact]
    public void An_unknown_name_is_UnknownCatalog_and_names_are_case_sensitive()
    {
        Assert.Equal(new UnknownCatalog("classic"), PlanCatalogRegistry.Default.Resolve("classic").AsT1);
        Assert.Equal("No catalog is registered as \"classic\".", PlanCatalogRegistry.Default.Resolve("classic").AsT1.Message);
    }

    [Fact]
    public void A_host_registers_its_own_catalog_and_the_default_registry_does_not_change()
    {
        PlanCatalog mine = PlanCatalog.CurrentWithFreelancerPlusFee(Usd(30.00m)).AsT0;

        PlanCatalogRegistry registry = PlanCatalogRegistry.Default.With(mine).AsT0;

        Assert.Same(mine, registry.Resolve("Current (Freelancer Plus 30.00 USD)").AsT0);
        Assert.True(PlanCatalogRegistry.Default.Resolve(mine.Name).IsT1);
        Assert.Same(registry, registry.With(mine).AsT0);
    }

    [Fact]
    public void Another_catalog_under_a_registered_name_is_refused()
    {
        PlanCatalog sameName = PlanCatalog.CurrentWithFreelancerPlusFee(Usd(20.00m)).AsT0;

        Assert.Equal(new DuplicateCatalogName("Current"), PlanCatalogRegistry.Default.With(sameName).AsT1);
    }
}
