using System;
using System.Diagnostics.CodeAnalysis;
using OneOf;

namespace AgencyConnects.Domain.Json;

/// <summary>
/// The everyday path through what a reader returns, as the core's <see cref="ResultExtensions"/> give for operations:
/// the value or the <see cref="JsonContractError"/> in one line.
/// </summary>
/// <example>
/// <code>
/// if (!json.Read(row.Body).TryGetSuccess(out AccountEvent? accountEvent, out JsonContractError? error))
/// {
///     logger.LogError("Event {Id}: {Code} at {Path}", row.Id, error.Code, error.Path);
/// }
/// </code>
/// </example>
public static class JsonResultExtensions
{
    /// <summary>The members of a read's result.</summary>
    /// <typeparam name="T">What was read.</typeparam>
    /// <param name="result">The result.</param>
    extension<T>(OneOf<T, JsonContractError> result)
    {
        /// <summary>Whether the document was read.</summary>
        public bool IsSuccess => result.IsT0;

        /// <summary>The error, or <c>null</c> when the document was read.</summary>
        public JsonContractError? Error => result.IsT0 ? null : result.AsT1;

        /// <summary>Takes what was read, or the error.</summary>
        /// <param name="success">What was read, when it was.</param>
        /// <param name="error">The error, when there is one.</param>
        /// <returns><c>true</c> when the document was read.</returns>
        public bool TryGetSuccess([MaybeNullWhen(false)] out T success, [NotNullWhen(false)] out JsonContractError? error)
        {
            if (result.IsT0)
            {
                success = result.AsT0;
                error = null;
                return true;
            }

            success = default;
            error = result.AsT1;
            return false;
        }

        /// <summary>What was read, for code that trusts its documents (tests, scripts, a host's own storage).</summary>
        /// <returns>What was read.</returns>
        /// <exception cref="InvalidOperationException">The document could not be read; the message is the error's code, path and message.</exception>
        public T SuccessOrThrow()
            => result.IsT0 ? result.AsT0 : throw new InvalidOperationException($"{result.AsT1.Code}: {result.AsT1.Message}");
    }
}
