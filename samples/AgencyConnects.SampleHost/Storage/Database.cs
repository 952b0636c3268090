using System;
using System.Data.Common;
using System.Threading;
using System.Threading.Tasks;
using NodaTime;

namespace AgencyConnects.SampleHost.Storage;

/// <summary>
/// What differs between the two engines: how a connection opens, how a write transaction begins and serializes the
/// writers of one account, how an instant and a JSON document are bound, and which error is a violated unique key.
/// Everything else, the statements included, is shared (<see cref="AccountStore"/>), so both engines behave alike.
/// </summary>
public abstract class Database : IAsyncDisposable
{
    /// <summary>The engine's name, as the folder of its migrations is named (<c>Postgres</c>, <c>Sqlite</c>).</summary>
    public abstract string Engine { get; }

    /// <summary>The clause that locks the rows a SELECT reads until the transaction ends (empty where the transaction already excludes other writers).</summary>
    public abstract string ForUpdate { get; }

    public abstract ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Begins a write transaction: READ COMMITTED on PostgreSQL (rows are locked one by one), BEGIN IMMEDIATE on SQLite.</summary>
    public abstract ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken);

    public abstract object ToDb(Instant instant);

    public abstract Instant ReadInstant(DbDataReader reader, int ordinal);

    public abstract void AddJson(DbCommand command, string name, string json);

    /// <summary>Whether the error says another transaction won a race: a unique key violated, or (PostgreSQL) a deadlock or serialization failure.</summary>
    public abstract bool IsRace(DbException exception);

    /// <summary>Runs before the migrations, on the connection they use (SQLite: the WAL journal).</summary>
    public virtual Task PrepareAsync(DbConnection connection, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Takes the lock that keeps two hosts from migrating one database at once; released with the transaction.</summary>
    public abstract Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken);

    public abstract ValueTask DisposeAsync();

    public DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql)
    {
        ArgumentNullException.ThrowIfNull(connection);
        DbCommand command = connection.CreateCommand();
#pragma warning disable CA2100 // Every statement is a constant of this project; values are always parameters.
        command.CommandText = sql;
#pragma warning restore CA2100
        command.Transaction = transaction;
        return command;
    }
}

public static class DbCommandExtensions
{
    public static DbCommand With(this DbCommand command, string name, object? value)
    {
        ArgumentNullException.ThrowIfNull(command);
        DbParameter parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return command;
    }
}
