using System;
using AgencyConnects.Domain;
using AgencyConnects.Domain.Accounts;

namespace AgencyConnects.SampleHost.Storage;

/// <summary>What one library operation gave: its success, or the error that refused it.</summary>
/// <typeparam name="TAccount">The kind of account.</typeparam>
public readonly struct Outcome<TAccount>
    where TAccount : ConnectsAccount
{
    private Outcome(Updated<TAccount>? success, DomainError? error)
    {
        Success = success;
        Error = error;
    }

    public Updated<TAccount>? Success { get; }

    public DomainError? Error { get; }

    public static implicit operator Outcome<TAccount>(Updated<TAccount> success) => new(success ?? throw new ArgumentNullException(nameof(success)), null);

    public static implicit operator Outcome<TAccount>(DomainError error) => new(null, error ?? throw new ArgumentNullException(nameof(error)));
}

/// <summary>How a stored operation ended.</summary>
public enum StoreStatus
{
    /// <summary>The operation succeeded and its changes are committed.</summary>
    Done,

    /// <summary>The library refused it; nothing was written.</summary>
    Refused,

    /// <summary>The account does not exist.</summary>
    NotFound,

    /// <summary>The account to create exists already; nothing was written.</summary>
    AlreadyExists,

    /// <summary>Another request kept winning the race after every retry; nothing was written.</summary>
    Conflict,
}

/// <summary>The end of a stored operation: <see cref="Status"/>, and the success or the error.</summary>
/// <typeparam name="TAccount">The kind of account.</typeparam>
/// <param name="Status">How it ended.</param>
/// <param name="Success">The success when <see cref="StoreStatus.Done"/>.</param>
/// <param name="Error">The error when <see cref="StoreStatus.Refused"/>.</param>
public sealed record Stored<TAccount>(StoreStatus Status, Updated<TAccount>? Success = null, DomainError? Error = null)
    where TAccount : ConnectsAccount;
