using AgencyConnects.Domain.Internal;
using Xunit;

namespace AgencyConnects.Domain.Tests.Internal;

/// <summary>An example that kills a mutant of <see cref="AppendOnlyList{T}"/> left alive by the Stryker.NET run (see SurvivingMutants.md).</summary>
public sealed class MutantKillingTests
{
    [Fact]
    public void Appending_to_an_older_version_after_a_newer_one_grew_twice_leaves_every_version_intact()
    {
        AppendOnlyList<string> a = AppendOnlyList<string>.Empty.Add("a");
        AppendOnlyList<string> ab = a.Add("b");
        AppendOnlyList<string> abc = ab.Add("c");

        AppendOnlyList<string> ad = a.Add("d");

        Assert.Equal(["a", "b"], ab);
        Assert.Equal(["a", "b", "c"], abc);
        Assert.Equal(["a", "d"], ad);
        Assert.Equal("b", abc[1]);
    }
}
