using System.Buffers;
using System.Collections.Generic;
using System.Data.Common;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using AgencyConnects.SampleHost.Storage;
using NodaTime;

namespace AgencyConnects.SampleHost.MonthEnd;

/// <summary>
/// The job on SQLite: a chunk is read outside any transaction and closed outside the write lock, then written in one
/// <c>BEGIN IMMEDIATE</c> transaction by prepared statements reused for every row. Each account's write starts with
/// the stream's version (<c>UPDATE streams … WHERE version = read</c>): when a request wrote meanwhile, nothing of that
/// account is written.
/// </summary>
internal sealed class SqliteChunkStore(Database database, DbConnection connection) : IChunkStore
{
    private DbTransaction? _transaction;

    public async Task<IReadOnlyList<ClaimedAccount>?> ClaimAsync(Instant at, int limit, string[] excluded, CancellationToken cancellationToken)
    {
        await using DbCommand claim = database.Command(
            connection, null,
            "SELECT s.stream_id, s.version, t.version, s.body FROM snapshots s JOIN streams t ON t.stream_id = s.stream_id "
            + "WHERE s.period_end <= @at AND s.stream_id NOT IN (SELECT value FROM json_each(@excluded)) ORDER BY s.period_end LIMIT @limit")
            .With("at", database.ToDb(at)).With("excluded", JsonArray(excluded)).With("limit", limit);
        await using DbDataReader reader = await claim.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<ClaimedAccount>(limit);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new ClaimedAccount(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetString(3)));
        }

        return rows.Count == 0 ? null : rows;
    }

    public async Task<IReadOnlySet<string>> WriteAsync(IReadOnlyList<AccountWrite> writes, CancellationToken cancellationToken)
    {
        _transaction = await database.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        await using DbCommand stream = Prepare("UPDATE streams SET version = @to WHERE stream_id = @stream AND version = @from", "to", "stream", "from");
        await using DbCommand snapshot = Prepare(
            "UPDATE snapshots SET version = @to, body = coalesce(@body, body), period_end = @period_end WHERE stream_id = @stream",
            "to", "body", "period_end", "stream");
        await using DbCommand insertEvent = Prepare(
            "INSERT INTO events (stream_id, version, type, body, at) VALUES (@stream, @version, @type, @body, @at)", "stream", "version", "type", "body", "at");
        await using DbCommand insertLedger = Prepare(
            "INSERT INTO ledger (stream_id, position, kind, quantity, delta, at, actor_id, proposal_id, member_id, is_boost, submitter_id) "
            + "VALUES (@stream, (SELECT coalesce(max(position) + 1, 0) FROM ledger WHERE stream_id = @stream), @kind, @quantity, @delta, @at, @actor, @proposal, @member, @boost, @submitter)",
            "stream", "kind", "quantity", "delta", "at", "actor", "proposal", "member", "boost", "submitter");
        var written = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (AccountWrite write in writes)
        {
            if (await RunAsync(stream, cancellationToken, write.ToVersion, write.Stream, write.FromVersion).ConfigureAwait(false) != 1)
            {
                continue; // a request wrote since the chunk was read: this account is tried again later
            }

            long version = write.FromVersion;
            foreach (StoredEvent stored in write.Events)
            {
                await RunAsync(insertEvent, cancellationToken, write.Stream, ++version, stored.Type, stored.Json, database.ToDb(stored.At)).ConfigureAwait(false);
            }

            foreach (StoredLedgerRow row in write.Ledger)
            {
                await RunAsync(
                    insertLedger, cancellationToken, write.Stream, row.Kind, row.Quantity, row.Delta, database.ToDb(row.At), row.Actor, row.Proposal, row.Member,
                    row.IsBoost, row.Submitter).ConfigureAwait(false);
            }

            await RunAsync(snapshot, cancellationToken, write.ToVersion, write.Snapshot, write.PeriodEnd is { } end ? database.ToDb(end) : null, write.Stream)
                .ConfigureAwait(false);
            written.Add(write.Stream);
        }

        return written;
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        if (_transaction is { } transaction)
        {
            _transaction = null;
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            await transaction.DisposeAsync().ConfigureAwait(false);
        }
    }

    public async Task RollbackAsync()
    {
        if (_transaction is { } transaction)
        {
            _transaction = null;
            await transaction.RollbackAsync().ConfigureAwait(false);
            await transaction.DisposeAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync() => await RollbackAsync().ConfigureAwait(false);

    private static async Task<int> RunAsync(DbCommand command, CancellationToken cancellationToken, params object?[] values)
    {
        for (int v = 0; v < values.Length; v++)
        {
            command.Parameters[v].Value = values[v] ?? System.DBNull.Value;
        }

        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private DbCommand Prepare(string sql, params string[] parameters)
    {
        DbCommand command = database.Command(connection, _transaction, sql);
        foreach (string parameter in parameters)
        {
            command.With(parameter, null);
        }

        command.Prepare();
        return command;
    }

    private static string JsonArray(string[] values)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (string value in values)
            {
                writer.WriteStringValue(value);
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
