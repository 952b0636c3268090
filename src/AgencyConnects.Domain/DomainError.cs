namespace AgencyConnects.Domain;

/// <summary>
/// The base of every error the library returns: a business rule that refused an operation, or an argument no valid
/// call passes. Each case is a small sealed record named after the condition and carrying its facts
/// (<c>InsufficientConnects(Requested, Available)</c>), so a host may match the cases it cares about and log or map
/// the rest through <see cref="Code"/> and <see cref="Message"/> (to an RFC 7807 problem, say) without listing them.
/// </summary>
/// <remarks>
/// Only this library derives from it. Errors are values, never thrown; the operation that returned one changed nothing.
/// Use <see cref="ResultExtensions"/> to take the success or the error of a result in one line.
/// </remarks>
public abstract record DomainError
{
    /// <summary>Creates the error; only this library's cases can.</summary>
    private protected DomainError()
    {
    }

    /// <summary>
    /// A stable name for the case: the name of its type (<c>InsufficientConnects</c>), which is kept across versions
    /// of the package (a renamed case is a breaking change listed in the changelog). Fit for an HTTP problem's
    /// <c>type</c> or a metrics label.
    /// </summary>
    public string Code => GetType().Name;

    /// <summary>A sentence in English saying what was refused and why, with the facts; for logs and developers, not a contract.</summary>
    public abstract string Message { get; }
}
