using System;
using System.Runtime.CompilerServices;

namespace AgencyConnects.Domain.Internal;

/// <summary>The one place programmer errors (null arguments, empty default identifiers) are turned into exceptions.</summary>
internal static class Guard
{
    /// <summary>Throws <see cref="ArgumentNullException"/> naming the argument expression when <paramref name="value"/> is null.</summary>
    public static T NotNull<T>(T? value, [CallerArgumentExpression(nameof(value))] string? expression = null)
        where T : class
        => value ?? throw new ArgumentNullException(expression);

    /// <summary>
    /// Throws <see cref="ArgumentException"/> for an identifier that is the empty <c>default</c>: the factories never
    /// make one, so only code can pass it, and an operation that records it (a request key, a proposal) would let
    /// unrelated requests collide.
    /// </summary>
    public static void NotEmpty(bool isEmpty, string parameter)
    {
        if (isEmpty)
        {
            throw new ArgumentException("The identifier is the empty default value, which names nothing.", parameter);
        }
    }
}
