using System.Collections.Generic;
using System.Data;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using NodaTime;
using Npgsql;
using NpgsqlTypes;

namespace AgencyConnects.SampleHost.MonthEnd;

/// <summary>
/// The job on PostgreSQL: a chunk is claimed by locking its accounts' stream rows with <c>FOR UPDATE … SKIP LOCKED</c>
/// (so workers and processes split the due accounts between them, and the lock is the one a request takes first), then
/// its rows are written with binary <c>COPY</c> into three temporary staging tables and moved into place set-based:
/// the streams' versions (conditional on the version read), then, for the accounts whose version matched, the
/// snapshots, the events and the ledger rows, in one round trip. All in the chunk's one transaction.
/// </summary>
internal sealed class PostgresChunkStore(NpgsqlConnection connection) : IChunkStore
{
    private const string Staging = """
        CREATE TEMP TABLE IF NOT EXISTS month_end_accounts (
            stream_id text NOT NULL, from_version bigint NOT NULL, to_version bigint NOT NULL, period_end timestamptz NULL, body json NULL
        ) ON COMMIT DELETE ROWS;
        CREATE TEMP TABLE IF NOT EXISTS month_end_events (
            stream_id text NOT NULL, version bigint NOT NULL, type text NOT NULL, body json NOT NULL, at timestamptz NOT NULL
        ) ON COMMIT DELETE ROWS;
        CREATE TEMP TABLE IF NOT EXISTS month_end_ledger (
            stream_id text NOT NULL, ordinal bigint NOT NULL, kind text NOT NULL, quantity integer NOT NULL, delta bigint NOT NULL,
            at timestamptz NOT NULL, actor_id text NULL, proposal_id text NULL, member_id text NULL, is_boost boolean NOT NULL, submitter_id text NULL
        ) ON COMMIT DELETE ROWS;
        """;

    // Two statements: the first locks the stream rows of a chunk of due accounts, skipping those another worker or a
    // request holds; the second reads their snapshots afresh under those locks. (One statement would read the snapshot
    // as of its start: an account another worker closed and committed while this one waited would come back with its
    // old snapshot and its new stream version.) Accounts no longer due by then drop out.
    private const string Lock = """
        SELECT t.stream_id
        FROM snapshots s JOIN streams t ON t.stream_id = s.stream_id
        WHERE s.period_end <= @at AND NOT (s.stream_id = ANY (@excluded))
        ORDER BY s.period_end
        LIMIT @limit
        FOR UPDATE OF t SKIP LOCKED
        """;

    private const string Read = """
        SELECT s.stream_id, s.version, t.version, s.body
        FROM snapshots s JOIN streams t ON t.stream_id = s.stream_id
        WHERE s.stream_id = ANY (@locked) AND s.period_end <= @at
        """;

    // The staging tables' statistics, so that the planner joins a chunk to tables of a million rows by their indexes
    // (without them it assumes a large staging table and scans the whole of streams for every chunk).
    private const string Analyze = "ANALYZE month_end_accounts, month_end_events, month_end_ledger";

    // The concurrency check: the versions read, still the streams' versions. The claim's lock makes a mismatch
    // impossible here, but the check costs nothing more than the update every close needs.
    private const string UpdateStreams = """
        UPDATE streams t SET version = a.to_version
        FROM month_end_accounts a
        WHERE t.stream_id = a.stream_id AND t.version = a.from_version
        RETURNING t.stream_id
        """;

    private const string DropUnwritten = """
        DELETE FROM month_end_accounts WHERE NOT (stream_id = ANY (@written));
        DELETE FROM month_end_events WHERE NOT (stream_id = ANY (@written));
        DELETE FROM month_end_ledger WHERE NOT (stream_id = ANY (@written));
        """;

    private const string UpdateSnapshots = """
        UPDATE snapshots s SET version = a.to_version, body = coalesce(a.body, s.body), period_end = a.period_end
        FROM month_end_accounts a
        WHERE s.stream_id = a.stream_id
        """;

    private const string InsertEvents = """
        INSERT INTO events (stream_id, version, type, body, at)
        SELECT stream_id, version, type, body, at FROM month_end_events ORDER BY stream_id, version
        """;

    // Each account's ledger rows numbered after its last one: one backward probe of the ledger's key per row.
    private const string InsertLedger = """
        INSERT INTO ledger (stream_id, position, kind, quantity, delta, at, actor_id, proposal_id, member_id, is_boost, submitter_id)
        SELECT l.stream_id, n.next + l.ordinal, l.kind, l.quantity, l.delta, l.at, l.actor_id, l.proposal_id, l.member_id, l.is_boost, l.submitter_id
        FROM month_end_ledger l
        CROSS JOIN LATERAL (SELECT coalesce(max(x.position) + 1, 0) AS next FROM ledger x WHERE x.stream_id = l.stream_id) n
        """;

    private NpgsqlTransaction? _transaction;

    public async Task<IReadOnlyList<ClaimedAccount>?> ClaimAsync(Instant at, int limit, string[] excluded, CancellationToken cancellationToken)
    {
        _transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken).ConfigureAwait(false);
        await using (var staging = new NpgsqlCommand(Staging, connection, _transaction))
        {
            await staging.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var locked = new List<string>(limit);
        await using (var claim = new NpgsqlCommand(Lock, connection, _transaction))
        {
            claim.Parameters.Add(new NpgsqlParameter("at", NpgsqlDbType.TimestampTz) { Value = at });
            claim.Parameters.Add(new NpgsqlParameter("excluded", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = excluded });
            claim.Parameters.Add(new NpgsqlParameter("limit", NpgsqlDbType.Integer) { Value = limit });
            await using NpgsqlDataReader streams = await claim.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await streams.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                locked.Add(streams.GetString(0));
            }
        }

        if (locked.Count == 0)
        {
            return null;
        }

        var rows = new List<ClaimedAccount>(locked.Count);

        await using var read = new NpgsqlCommand(Read, connection, _transaction);
        read.Parameters.Add(new NpgsqlParameter("at", NpgsqlDbType.TimestampTz) { Value = at });
        read.Parameters.Add(new NpgsqlParameter("locked", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = locked });
        await using NpgsqlDataReader reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new ClaimedAccount(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetString(3)));
        }

        return rows;
    }

    public async Task<IReadOnlySet<string>> WriteAsync(IReadOnlyList<AccountWrite> writes, CancellationToken cancellationToken)
    {
        await using (NpgsqlBinaryImporter accounts = await connection.BeginBinaryImportAsync(
            "COPY month_end_accounts (stream_id, from_version, to_version, period_end, body) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false))
        {
            foreach (AccountWrite write in writes)
            {
                await accounts.StartRowAsync(cancellationToken).ConfigureAwait(false);
                await accounts.WriteAsync(write.Stream, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await accounts.WriteAsync(write.FromVersion, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                await accounts.WriteAsync(write.ToVersion, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                await WriteAsync(accounts, write.PeriodEnd, NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
                await WriteAsync(accounts, write.Snapshot, NpgsqlDbType.Json, cancellationToken).ConfigureAwait(false);
            }

            await accounts.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (NpgsqlBinaryImporter events = await connection.BeginBinaryImportAsync(
            "COPY month_end_events (stream_id, version, type, body, at) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false))
        {
            foreach (AccountWrite write in writes)
            {
                long version = write.FromVersion;
                foreach (StoredEvent stored in write.Events)
                {
                    await events.StartRowAsync(cancellationToken).ConfigureAwait(false);
                    await events.WriteAsync(write.Stream, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                    await events.WriteAsync(++version, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                    await events.WriteAsync(stored.Type, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                    await events.WriteAsync(stored.Json, NpgsqlDbType.Json, cancellationToken).ConfigureAwait(false);
                    await events.WriteAsync(stored.At, NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
                }
            }

            await events.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (NpgsqlBinaryImporter ledger = await connection.BeginBinaryImportAsync(
            "COPY month_end_ledger (stream_id, ordinal, kind, quantity, delta, at, actor_id, proposal_id, member_id, is_boost, submitter_id) FROM STDIN (FORMAT BINARY)",
            cancellationToken).ConfigureAwait(false))
        {
            foreach (AccountWrite write in writes)
            {
                long ordinal = 0;
                foreach (StoredLedgerRow row in write.Ledger)
                {
                    await ledger.StartRowAsync(cancellationToken).ConfigureAwait(false);
                    await ledger.WriteAsync(write.Stream, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                    await ledger.WriteAsync(ordinal++, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                    await ledger.WriteAsync(row.Kind, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                    await ledger.WriteAsync(row.Quantity, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
                    await ledger.WriteAsync(row.Delta, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                    await ledger.WriteAsync(row.At, NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
                    await WriteAsync(ledger, row.Actor, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                    await WriteAsync(ledger, row.Proposal, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                    await WriteAsync(ledger, row.Member, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                    await ledger.WriteAsync(row.IsBoost, NpgsqlDbType.Boolean, cancellationToken).ConfigureAwait(false);
                    await WriteAsync(ledger, row.Submitter, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                }
            }

            await ledger.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var analyze = new NpgsqlCommand(Analyze, connection, _transaction))
        {
            await analyze.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var written = new HashSet<string>(System.StringComparer.Ordinal);
        await using (var streams = new NpgsqlCommand(UpdateStreams, connection, _transaction))
        await using (NpgsqlDataReader reader = await streams.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                written.Add(reader.GetString(0));
            }
        }

        if (written.Count < writes.Count)
        {
            await using var drop = new NpgsqlCommand(DropUnwritten, connection, _transaction);
            drop.Parameters.Add(new NpgsqlParameter("written", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = written.ToArray() });
            await drop.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using var apply = new NpgsqlBatch(connection, _transaction)
        {
            BatchCommands = { new NpgsqlBatchCommand(UpdateSnapshots), new NpgsqlBatchCommand(InsertEvents), new NpgsqlBatchCommand(InsertLedger) },
        };
        await apply.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
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
            if (connection.State == ConnectionState.Open)
            {
                await transaction.RollbackAsync().ConfigureAwait(false);
            }

            await transaction.DisposeAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync() => await RollbackAsync().ConfigureAwait(false);

    private static async Task WriteAsync(NpgsqlBinaryImporter importer, string? value, NpgsqlDbType type, CancellationToken cancellationToken)
    {
        if (value is null)
        {
            await importer.WriteNullAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await importer.WriteAsync(value, type, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task WriteAsync(NpgsqlBinaryImporter importer, Instant? value, NpgsqlDbType type, CancellationToken cancellationToken)
    {
        if (value is { } instant)
        {
            await importer.WriteAsync(instant, type, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await importer.WriteNullAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
