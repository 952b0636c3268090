using System;
using System.Runtime.CompilerServices;

namespace AgencyConnects.Domain.Internal;

/// <summary>The one place programmer errors (null arguments) are turned into exceptions.</summary>
internal static class Guard
{
    /// <summary>Throws <see cref="ArgumentNullException"/> naming the argument expression when <paramref name="value"/> is null.</summary>
    public static T NotNull<T>(T? value, [CallerArgumentExpression(nameof(value))] string? expression = null)
        where T : class
        => value ?? throw new ArgumentNullException(expression);
}
