using System;
using System.Diagnostics.CodeAnalysis;
using OneOf;

namespace AgencyConnects.Domain;

/// <summary>
/// The everyday path through a result, whatever its cases: every operation of the library returns a <c>OneOf</c> whose
/// first case is the success and whose other cases are <see cref="DomainError"/>s. These members take the success or
/// the error in one line; exhaustive <c>Match</c> and <c>Switch</c> remain for hosts that handle every case.
/// </summary>
/// <example>
/// <code>
/// if (!agency.BuyConnects(actor, quantity, request, now).TryGetSuccess(out var bought, out var error))
/// {
///     return Results.Problem(title: error.Message, type: error.Code);
/// }
/// </code>
/// </example>
public static class ResultExtensions
{
    /// <summary>The members of a result with 1 error case.</summary>
    /// <typeparam name="TSuccess">The success.</typeparam>
    /// <typeparam name="TError1">An error case.</typeparam>
    /// <param name="result">The result.</param>
    extension<TSuccess, TError1>(OneOf<TSuccess, TError1> result)
        where TError1 : DomainError
    {
        /// <summary>Whether the operation succeeded.</summary>
        public bool IsSuccess => result.IsT0;

        /// <summary>The error, or <c>null</c> when the operation succeeded.</summary>
        public DomainError? Error => result.IsT0 ? null : (DomainError)result.Value;

        /// <summary>Takes the success, or the error.</summary>
        /// <param name="success">The success, when there is one.</param>
        /// <param name="error">The error, when there is one.</param>
        /// <returns><c>true</c> when the operation succeeded.</returns>
        public bool TryGetSuccess([MaybeNullWhen(false)] out TSuccess success, [NotNullWhen(false)] out DomainError? error)
        {
            if (result.IsT0)
            {
                success = result.AsT0;
                error = null;
                return true;
            }

            success = default;
            error = (DomainError)result.Value;
            return false;
        }

        /// <summary>The success, for code that has already ruled errors out (tests, scripts).</summary>
        /// <returns>The success.</returns>
        /// <exception cref="InvalidOperationException">The result is an error; the exception's message is its code and message.</exception>
        public TSuccess SuccessOrThrow()
            => result.IsT0 ? result.AsT0 : throw new InvalidOperationException(Describe((DomainError)result.Value));
    }

    /// <summary>The members of a result with 2 error cases.</summary>
    /// <typeparam name="TSuccess">The success.</typeparam>
    /// <typeparam name="TError1">An error case.</typeparam>
    /// <typeparam name="TError2">An error case.</typeparam>
    /// <param name="result">The result.</param>
    extension<TSuccess, TError1, TError2>(OneOf<TSuccess, TError1, TError2> result)
        where TError1 : DomainError
        where TError2 : DomainError
    {
        /// <summary>Whether the operation succeeded.</summary>
        public bool IsSuccess => result.IsT0;

        /// <summary>The error, or <c>null</c> when the operation succeeded.</summary>
        public DomainError? Error => result.IsT0 ? null : (DomainError)result.Value;

        /// <summary>Takes the success, or the error.</summary>
        /// <param name="success">The success, when there is one.</param>
        /// <param name="error">The error, when there is one.</param>
        /// <returns><c>true</c> when the operation succeeded.</returns>
        public bool TryGetSuccess([MaybeNullWhen(false)] out TSuccess success, [NotNullWhen(false)] out DomainError? error)
        {
            if (result.IsT0)
            {
                success = result.AsT0;
                error = null;
                return true;
            }

            success = default;
            error = (DomainError)result.Value;
            return false;
        }

        /// <summary>The success, for code that has already ruled errors out (tests, scripts).</summary>
        /// <returns>The success.</returns>
        /// <exception cref="InvalidOperationException">The result is an error; the exception's message is its code and message.</exception>
        public TSuccess SuccessOrThrow()
            => result.IsT0 ? result.AsT0 : throw new InvalidOperationException(Describe((DomainError)result.Value));
    }

    /// <summary>The members of a result with 3 error cases.</summary>
    /// <typeparam name="TSuccess">The success.</typeparam>
    /// <typeparam name="TError1">An error case.</typeparam>
    /// <typeparam name="TError2">An error case.</typeparam>
    /// <typeparam name="TError3">An error case.</typeparam>
    /// <param name="result">The result.</param>
    extension<TSuccess, TError1, TError2, TError3>(OneOf<TSuccess, TError1, TError2, TError3> result)
        where TError1 : DomainError
        where TError2 : DomainError
        where TError3 : DomainError
    {
        /// <summary>Whether the operation succeeded.</summary>
        public bool IsSuccess => result.IsT0;

        /// <summary>The error, or <c>null</c> when the operation succeeded.</summary>
        public DomainError? Error => result.IsT0 ? null : (DomainError)result.Value;

        /// <summary>Takes the success, or the error.</summary>
        /// <param name="success">The success, when there is one.</param>
        /// <param name="error">The error, when there is one.</param>
        /// <returns><c>true</c> when the operation succeeded.</returns>
        public bool TryGetSuccess([MaybeNullWhen(false)] out TSuccess success, [NotNullWhen(false)] out DomainError? error)
        {
            if (result.IsT0)
            {
                success = result.AsT0;
                error = null;
                return true;
            }

            success = default;
            error = (DomainError)result.Value;
            return false;
        }

        /// <summary>The success, for code that has already ruled errors out (tests, scripts).</summary>
        /// <returns>The success.</returns>
        /// <exception cref="InvalidOperationException">The result is an error; the exception's message is its code and message.</exception>
        public TSuccess SuccessOrThrow()
            => result.IsT0 ? result.AsT0 : throw new InvalidOperationException(Describe((DomainError)result.Value));
    }

    /// <summary>The members of a result with 4 error cases.</summary>
    /// <typeparam name="TSuccess">The success.</typeparam>
    /// <typeparam name="TError1">An error case.</typeparam>
    /// <typeparam name="TError2">An error case.</typeparam>
    /// <typeparam name="TError3">An error case.</typeparam>
    /// <typeparam name="TError4">An error case.</typeparam>
    /// <param name="result">The result.</param>
    extension<TSuccess, TError1, TError2, TError3, TError4>(OneOf<TSuccess, TError1, TError2, TError3, TError4> result)
        where TError1 : DomainError
        where TError2 : DomainError
        where TError3 : DomainError
        where TError4 : DomainError
    {
        /// <summary>Whether the operation succeeded.</summary>
        public bool IsSuccess => result.IsT0;

        /// <summary>The error, or <c>null</c> when the operation succeeded.</summary>
        public DomainError? Error => result.IsT0 ? null : (DomainError)result.Value;

        /// <summary>Takes the success, or the error.</summary>
        /// <param name="success">The success, when there is one.</param>
        /// <param name="error">The error, when there is one.</param>
        /// <returns><c>true</c> when the operation succeeded.</returns>
        public bool TryGetSuccess([MaybeNullWhen(false)] out TSuccess success, [NotNullWhen(false)] out DomainError? error)
        {
            if (result.IsT0)
            {
                success = result.AsT0;
                error = null;
                return true;
            }

            success = default;
            error = (DomainError)result.Value;
            return false;
        }

        /// <summary>The success, for code that has already ruled errors out (tests, scripts).</summary>
        /// <returns>The success.</returns>
        /// <exception cref="InvalidOperationException">The result is an error; the exception's message is its code and message.</exception>
        public TSuccess SuccessOrThrow()
            => result.IsT0 ? result.AsT0 : throw new InvalidOperationException(Describe((DomainError)result.Value));
    }

    /// <summary>The members of a result with 5 error cases.</summary>
    /// <typeparam name="TSuccess">The success.</typeparam>
    /// <typeparam name="TError1">An error case.</typeparam>
    /// <typeparam name="TError2">An error case.</typeparam>
    /// <typeparam name="TError3">An error case.</typeparam>
    /// <typeparam name="TError4">An error case.</typeparam>
    /// <typeparam name="TError5">An error case.</typeparam>
    /// <param name="result">The result.</param>
    extension<TSuccess, TError1, TError2, TError3, TError4, TError5>(OneOf<TSuccess, TError1, TError2, TError3, TError4, TError5> result)
        where TError1 : DomainError
        where TError2 : DomainError
        where TError3 : DomainError
        where TError4 : DomainError
        where TError5 : DomainError
    {
        /// <summary>Whether the operation succeeded.</summary>
        public bool IsSuccess => result.IsT0;

        /// <summary>The error, or <c>null</c> when the operation succeeded.</summary>
        public DomainError? Error => result.IsT0 ? null : (DomainError)result.Value;

        /// <summary>Takes the success, or the error.</summary>
        /// <param name="success">The success, when there is one.</param>
        /// <param name="error">The error, when there is one.</param>
        /// <returns><c>true</c> when the operation succeeded.</returns>
        public bool TryGetSuccess([MaybeNullWhen(false)] out TSuccess success, [NotNullWhen(false)] out DomainError? error)
        {
            if (result.IsT0)
            {
                success = result.AsT0;
                error = null;
                return true;
            }

            success = default;
            error = (DomainError)result.Value;
            return false;
        }

        /// <summary>The success, for code that has already ruled errors out (tests, scripts).</summary>
        /// <returns>The success.</returns>
        /// <exception cref="InvalidOperationException">The result is an error; the exception's message is its code and message.</exception>
        public TSuccess SuccessOrThrow()
            => result.IsT0 ? result.AsT0 : throw new InvalidOperationException(Describe((DomainError)result.Value));
    }

    /// <summary>The members of a result with 6 error cases.</summary>
    /// <typeparam name="TSuccess">The success.</typeparam>
    /// <typeparam name="TError1">An error case.</typeparam>
    /// <typeparam name="TError2">An error case.</typeparam>
    /// <typeparam name="TError3">An error case.</typeparam>
    /// <typeparam name="TError4">An error case.</typeparam>
    /// <typeparam name="TError5">An error case.</typeparam>
    /// <typeparam name="TError6">An error case.</typeparam>
    /// <param name="result">The result.</param>
    extension<TSuccess, TError1, TError2, TError3, TError4, TError5, TError6>(OneOf<TSuccess, TError1, TError2, TError3, TError4, TError5, TError6> result)
        where TError1 : DomainError
        where TError2 : DomainError
        where TError3 : DomainError
        where TError4 : DomainError
        where TError5 : DomainError
        where TError6 : DomainError
    {
        /// <summary>Whether the operation succeeded.</summary>
        public bool IsSuccess => result.IsT0;

        /// <summary>The error, or <c>null</c> when the operation succeeded.</summary>
        public DomainError? Error => result.IsT0 ? null : (DomainError)result.Value;

        /// <summary>Takes the success, or the error.</summary>
        /// <param name="success">The success, when there is one.</param>
        /// <param name="error">The error, when there is one.</param>
        /// <returns><c>true</c> when the operation succeeded.</returns>
        public bool TryGetSuccess([MaybeNullWhen(false)] out TSuccess success, [NotNullWhen(false)] out DomainError? error)
        {
            if (result.IsT0)
            {
                success = result.AsT0;
                error = null;
                return true;
            }

            success = default;
            error = (DomainError)result.Value;
            return false;
        }

        /// <summary>The success, for code that has already ruled errors out (tests, scripts).</summary>
        /// <returns>The success.</returns>
        /// <exception cref="InvalidOperationException">The result is an error; the exception's message is its code and message.</exception>
        public TSuccess SuccessOrThrow()
            => result.IsT0 ? result.AsT0 : throw new InvalidOperationException(Describe((DomainError)result.Value));
    }

    /// <summary>The members of a result with 7 error cases.</summary>
    /// <typeparam name="TSuccess">The success.</typeparam>
    /// <typeparam name="TError1">An error case.</typeparam>
    /// <typeparam name="TError2">An error case.</typeparam>
    /// <typeparam name="TError3">An error case.</typeparam>
    /// <typeparam name="TError4">An error case.</typeparam>
    /// <typeparam name="TError5">An error case.</typeparam>
    /// <typeparam name="TError6">An error case.</typeparam>
    /// <typeparam name="TError7">An error case.</typeparam>
    /// <param name="result">The result.</param>
    extension<TSuccess, TError1, TError2, TError3, TError4, TError5, TError6, TError7>(OneOf<TSuccess, TError1, TError2, TError3, TError4, TError5, TError6, TError7> result)
        where TError1 : DomainError
        where TError2 : DomainError
        where TError3 : DomainError
        where TError4 : DomainError
        where TError5 : DomainError
        where TError6 : DomainError
        where TError7 : DomainError
    {
        /// <summary>Whether the operation succeeded.</summary>
        public bool IsSuccess => result.IsT0;

        /// <summary>The error, or <c>null</c> when the operation succeeded.</summary>
        public DomainError? Error => result.IsT0 ? null : (DomainError)result.Value;

        /// <summary>Takes the success, or the error.</summary>
        /// <param name="success">The success, when there is one.</param>
        /// <param name="error">The error, when there is one.</param>
        /// <returns><c>true</c> when the operation succeeded.</returns>
        public bool TryGetSuccess([MaybeNullWhen(false)] out TSuccess success, [NotNullWhen(false)] out DomainError? error)
        {
            if (result.IsT0)
            {
                success = result.AsT0;
                error = null;
                return true;
            }

            success = default;
            error = (DomainError)result.Value;
            return false;
        }

        /// <summary>The success, for code that has already ruled errors out (tests, scripts).</summary>
        /// <returns>The success.</returns>
        /// <exception cref="InvalidOperationException">The result is an error; the exception's message is its code and message.</exception>
        public TSuccess SuccessOrThrow()
            => result.IsT0 ? result.AsT0 : throw new InvalidOperationException(Describe((DomainError)result.Value));
    }

    /// <summary>The members of a result with 8 error cases.</summary>
    /// <typeparam name="TSuccess">The success.</typeparam>
    /// <typeparam name="TError1">An error case.</typeparam>
    /// <typeparam name="TError2">An error case.</typeparam>
    /// <typeparam name="TError3">An error case.</typeparam>
    /// <typeparam name="TError4">An error case.</typeparam>
    /// <typeparam name="TError5">An error case.</typeparam>
    /// <typeparam name="TError6">An error case.</typeparam>
    /// <typeparam name="TError7">An error case.</typeparam>
    /// <typeparam name="TError8">An error case.</typeparam>
    /// <param name="result">The result.</param>
    extension<TSuccess, TError1, TError2, TError3, TError4, TError5, TError6, TError7, TError8>(OneOf<TSuccess, TError1, TError2, TError3, TError4, TError5, TError6, TError7, TError8> result)
        where TError1 : DomainError
        where TError2 : DomainError
        where TError3 : DomainError
        where TError4 : DomainError
        where TError5 : DomainError
        where TError6 : DomainError
        where TError7 : DomainError
        where TError8 : DomainError
    {
        /// <summary>Whether the operation succeeded.</summary>
        public bool IsSuccess => result.IsT0;

        /// <summary>The error, or <c>null</c> when the operation succeeded.</summary>
        public DomainError? Error => result.IsT0 ? null : (DomainError)result.Value;

        /// <summary>Takes the success, or the error.</summary>
        /// <param name="success">The success, when there is one.</param>
        /// <param name="error">The error, when there is one.</param>
        /// <returns><c>true</c> when the operation succeeded.</returns>
        public bool TryGetSuccess([MaybeNullWhen(false)] out TSuccess success, [NotNullWhen(false)] out DomainError? error)
        {
            if (result.IsT0)
            {
                success = result.AsT0;
                error = null;
                return true;
            }

            success = default;
            error = (DomainError)result.Value;
            return false;
        }

        /// <summary>The success, for code that has already ruled errors out (tests, scripts).</summary>
        /// <returns>The success.</returns>
        /// <exception cref="InvalidOperationException">The result is an error; the exception's message is its code and message.</exception>
        public TSuccess SuccessOrThrow()
            => result.IsT0 ? result.AsT0 : throw new InvalidOperationException(Describe((DomainError)result.Value));
    }

    private static string Describe(DomainError error) => $"{error.Code}: {error.Message}";
}
