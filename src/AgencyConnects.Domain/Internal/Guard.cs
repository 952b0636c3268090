using System;
using System.Runtime.CompilerServices;

namespace AgencyConnects.Domain.Internal;

/// <summary>
/// The one place programmer errors are turned into exceptions: a null reference argument. Every other argument no
/// valid call passes is returned as an <see cref="Values.InvalidArgument"/>.
/// </summary>
internal static class Guard
{
    /// <summary>Throws <see cref="ArgumentNullException"/> naming the argument expression when <paramref name="value"/> is null.</summary>
    public static T NotNull<T>(T? value, [CallerArgumentExpression(nameof(value))] string? expression = null)
        where T : class
        => value ?? throw new ArgumentNullException(expression);
}
