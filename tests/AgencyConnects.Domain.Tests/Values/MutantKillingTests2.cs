using System;
using AgencyConnects.Domain.Values;
using Xunit;

namespace AgencyConnects.Domain.Tests.Values;

/// <summary>An example that kills a mutant of <see cref="Connects"/> left alive by the second Stryker.NET run.</summary>
public sealed class MutantKillingTests2
{
    [Fact]
    public void The_internal_factory_and_subtraction_refuse_a_negative_quantity()
    {
        var ofNegative = Assert.Throws<ArgumentOutOfRangeException>(() => Connects.Of(-1));
        Assert.Equal("value", ofNegative.ParamName);

        Assert.Throws<ArgumentOutOfRangeException>(() => Connects.Of(3).Subtract(Connects.Of(4)));
        Assert.Equal(Connects.Of(0), Connects.Of(4).Subtract(Connects.Of(4)));
    }
}
