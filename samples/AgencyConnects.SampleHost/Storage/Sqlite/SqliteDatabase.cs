using System;
using System.Data.Common;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using NodaTime;

namespace AgencyConnects.SampleHost.Storage.Sqlite;

/// <summary>
/// SQLite through Microsoft.Data.Sqlite: the embedded default. The database runs in WAL mode (readers never wait for
/// the writer), every write transaction is BEGIN IMMEDIATE (one writer at a time, which serializes the writes to an
/// account and to a person's memberships alike), and a writer waits up to 30 s for another (busy timeout).
/// </summary>
public sealed class SqliteDatabase : Database
{
    /// <summary>How long a writer waits for another to finish before giving up.</summary>
    public static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(30);

    private readonly string _connectionString;

    public SqliteDatabase(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString)
        {
            DefaultTimeout = (int)BusyTimeout.TotalSeconds,
            Pooling = true,
        };
        _connectionString = builder.ToString();
    }

    public override string Engine => "Sqlite";

    public override string ForUpdate => string.Empty;

    public override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using DbCommand command = Command(connection, null, $"PRAGMA busy_timeout = {(int)BusyTimeout.TotalMilliseconds}; PRAGMA foreign_keys = ON;");
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public override ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);

        // deferred: false is BEGIN IMMEDIATE: the write lock is taken now, not at the first write, so two transactions
        // never both read and then both try to write (which SQLite would refuse to one of them with SQLITE_BUSY).
        return ValueTask.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));
    }

    public override object ToDb(Instant instant) => instant.ToUnixTimeTicks();

    public override Instant ReadInstant(DbDataReader reader, int ordinal)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return Instant.FromUnixTimeTicks(reader.GetInt64(ordinal));
    }

    public override void AddJson(DbCommand command, string name, string json) => command.With(name, json);

    public override bool IsRace(DbException exception)
        => exception is SqliteException { SqliteErrorCode: 19 /* SQLITE_CONSTRAINT */, SqliteExtendedErrorCode: 2067 or 1555 }; // UNIQUE, PRIMARYKEY

    public override async Task PrepareAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using DbCommand command = Command(connection, null, "PRAGMA journal_mode = WAL;");
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public override Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
        => Task.CompletedTask; // BEGIN IMMEDIATE excludes every other writer already.

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        return ValueTask.CompletedTask;
    }
}
