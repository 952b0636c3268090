using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Threading.Tasks;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Json;
using AgencyConnects.Domain.Pool;
using NodaTime;
using Npgsql;
using NpgsqlTypes;

namespace AgencyConnects.Domain.Benchmarks.Database;

/// <summary>
/// The month end's write set over a seeded database, computed once outside any timing and kept as PostgreSQL binary
/// <c>COPY</c> data in three files, ready to be streamed as they are: per due account its new state (stream, version read,
/// new version, next period end, new snapshot JSON), its events under (stream, version) and its ledger rows at their final
/// positions. The rows are the job's: each account is closed by the library's <see cref="MonthEndChunk"/> (what the job's
/// chunks do, a thousand accounts at a time), its events written by <see cref="AccountEventJson"/> under their type's
/// name, its ledger rows by <see cref="AccountHistory.LedgerEntriesOf"/> after the stream's last position; a closed
/// agency gets only its period end cleared, as the job does.
/// </summary>
public sealed class PreparedWriteSet
{
    private PreparedWriteSet(string folder, long accounts, long events, long ledger)
    {
        Folder = folder;
        Accounts = accounts;
        Events = events;
        Ledger = ledger;
    }

    /// <summary>The folder of the three files.</summary>
    public string Folder { get; }

    /// <summary>Rows of new account states (every due account).</summary>
    public long Accounts { get; }

    /// <summary>Event rows.</summary>
    public long Events { get; }

    /// <summary>Ledger rows.</summary>
    public long Ledger { get; }

    public string AccountsFile => Path.Combine(Folder, "accounts.bin");

    public string EventsFile => Path.Combine(Folder, "events.bin");

    public string LedgerFile => Path.Combine(Folder, "ledger.bin");

    /// <summary>The write set of the seeded database <paramref name="template"/>, computed unless this server's files for it exist.</summary>
    public static async Task<PreparedWriteSet> EnsureAsync(string server, string template, int accountCount, Instant at)
    {
        string systemId;
        await using (var admin = new NpgsqlConnection(PostgresBenchmarkDatabase.ConnectionString(server, "postgres")))
        {
            await admin.OpenAsync().ConfigureAwait(false);
            await using var id = new NpgsqlCommand("SELECT system_identifier FROM pg_control_system()", admin);
            systemId = Convert.ToString(await id.ExecuteScalarAsync().ConfigureAwait(false), CultureInfo.InvariantCulture)!;
        }

        string folder = Path.Combine(BenchmarkDatabases.Folder, $"postgres-{systemId}-{template}-{BenchmarkDatabases.SeedIdentity}");
        string ready = Path.Combine(folder, "ready");
        if (File.Exists(ready))
        {
            string[] counts = (await File.ReadAllTextAsync(ready).ConfigureAwait(false)).Split(' ');
            return new PreparedWriteSet(
                folder, long.Parse(counts[0], CultureInfo.InvariantCulture), long.Parse(counts[1], CultureInfo.InvariantCulture),
                long.Parse(counts[2], CultureInfo.InvariantCulture));
        }

        Directory.CreateDirectory(folder);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        string scratch = $"{template}_prepared";
        await PostgresBenchmarkDatabase.RecreateAsync(server, scratch, template: null).ConfigureAwait(false);
        var set = new PreparedWriteSet(folder, 0, 0, 0);
        (long accounts, long events, long ledger) = await set.ComputeAsync(server, template, scratch, at).ConfigureAwait(false);
        await PostgresBenchmarkDatabase.DropAsync(server, scratch).ConfigureAwait(false);
        await File.WriteAllTextAsync(ready, string.Create(CultureInfo.InvariantCulture, $"{accounts} {events} {ledger}")).ConfigureAwait(false);
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"// prepared the write set of {accountCount} agencies in {clock.Elapsed.TotalSeconds:F1} s: {accounts} account states, {events} events, {ledger} ledger rows ({folder})"));
        return new PreparedWriteSet(folder, accounts, events, ledger);
    }

    private async Task<(long Accounts, long Events, long Ledger)> ComputeAsync(string server, string template, string scratch, Instant at)
    {
        var builder = new NpgsqlDataSourceBuilder(PostgresBenchmarkDatabase.ConnectionString(server, scratch));
        builder.UseNodaTime();
        await using NpgsqlDataSource target = builder.Build();
        await using (NpgsqlConnection ddl = await target.OpenConnectionAsync().ConfigureAwait(false))
        {
            await using var create = new NpgsqlCommand(
                """
                CREATE TABLE accounts (stream_id text NOT NULL, from_version bigint NOT NULL, to_version bigint NOT NULL, period_end timestamptz NULL, body json NULL);
                CREATE TABLE events (stream_id text NOT NULL, version bigint NOT NULL, type text NOT NULL, body json NOT NULL, at timestamptz NOT NULL);
                CREATE TABLE ledger (
                    stream_id text NOT NULL, position bigint NOT NULL, kind text NOT NULL, quantity integer NOT NULL, delta bigint NOT NULL,
                    at timestamptz NOT NULL, actor_id text NULL, proposal_id text NULL, member_id text NULL, is_boost boolean NOT NULL, submitter_id text NULL);
                """,
                ddl);
            await create.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        AccountEventJson json = AccountEventJson.Default;
        long accountRows = 0, eventRows = 0, ledgerRows = 0;
        await using (NpgsqlConnection source = new(PostgresBenchmarkDatabase.ConnectionString(server, template)))
        await using (NpgsqlConnection accountsConnection = await target.OpenConnectionAsync().ConfigureAwait(false))
        await using (NpgsqlConnection eventsConnection = await target.OpenConnectionAsync().ConfigureAwait(false))
        await using (NpgsqlConnection ledgerConnection = await target.OpenConnectionAsync().ConfigureAwait(false))
        {
            await source.OpenAsync().ConfigureAwait(false);
            await using NpgsqlBinaryImporter accounts = await accountsConnection.BeginBinaryImportAsync(
                "COPY accounts (stream_id, from_version, to_version, period_end, body) FROM STDIN (FORMAT BINARY)").ConfigureAwait(false);
            await using NpgsqlBinaryImporter events = await eventsConnection.BeginBinaryImportAsync(
                "COPY events (stream_id, version, type, body, at) FROM STDIN (FORMAT BINARY)").ConfigureAwait(false);
            await using NpgsqlBinaryImporter ledger = await ledgerConnection.BeginBinaryImportAsync(
                "COPY ledger (stream_id, position, kind, quantity, delta, at, actor_id, proposal_id, member_id, is_boost, submitter_id) FROM STDIN (FORMAT BINARY)")
                .ConfigureAwait(false);
            await using var due = new NpgsqlCommand(
                """
                SELECT s.stream_id, s.version, s.body, coalesce((SELECT max(x.position) + 1 FROM ledger x WHERE x.stream_id = s.stream_id), 0)
                FROM snapshots s
                WHERE s.period_end <= @at
                ORDER BY s.period_end, s.stream_id
                """,
                source);
            due.Parameters.Add(new NpgsqlParameter("at", NpgsqlDbType.TimestampTz) { Value = at.ToDateTimeUtc() });
            await using NpgsqlDataReader reader = await due.ExecuteReaderAsync().ConfigureAwait(false);
            var rows = new List<(string Stream, long Version, long NextPosition)>(1000);
            var snapshots = new List<AccountSnapshot>(1000);
            while (true)
            {
                bool more = await reader.ReadAsync().ConfigureAwait(false);
                if (more)
                {
                    string stream = reader.GetString(0);
                    long version = reader.GetInt64(1);
                    AccountSnapshot snapshot = json.ReadSnapshot(reader.GetString(2)).Match(
                        s => s, error => throw new InvalidOperationException($"The snapshot of {stream} does not read: {error.Code}"));
                    rows.Add((stream, version, reader.GetInt64(3)));
                    snapshots.Add(snapshot);
                }

                if (snapshots.Count == 1000 || (!more && snapshots.Count > 0))
                {
                    MonthEndChunk chunk = MonthEndChunk.Close(at, snapshots, json.Catalogs, json.Zones);
                    for (int i = 0; i < rows.Count; i++)
                    {
                        (string stream, long version, long nextPosition) = rows[i];
                        var result = chunk.Result(i);
                        if (!result.TryPickT0(out MonthEndClosed? closed, out var notClosed))
                        {
                            if (notClosed.Value is not AgencyIsClosed)
                            {
                                throw new InvalidOperationException($"{stream} cannot be closed: {((DomainError)notClosed.Value).Code}");
                            }

                            await WriteAccountAsync(accounts, stream, version, version, null, null).ConfigureAwait(false);
                            accountRows++;
                            continue;
                        }

                        if (closed.NextCloseAt <= at)
                        {
                            throw new InvalidOperationException($"{stream} is still due after its close.");
                        }

                        await WriteAccountAsync(accounts, stream, version, closed.Snapshot.Version, closed.NextCloseAt, json.WriteSnapshot(closed.Snapshot))
                            .ConfigureAwait(false);
                        accountRows++;
                        long eventVersion = version;
                        long position = nextPosition;
                        foreach (AccountEvent accountEvent in closed.Events)
                        {
                            await events.StartRowAsync().ConfigureAwait(false);
                            await events.WriteAsync(stream, NpgsqlDbType.Text).ConfigureAwait(false);
                            await events.WriteAsync(++eventVersion, NpgsqlDbType.Bigint).ConfigureAwait(false);
                            await events.WriteAsync(accountEvent.GetType().Name, NpgsqlDbType.Text).ConfigureAwait(false);
                            await events.WriteAsync(json.Write(accountEvent), NpgsqlDbType.Json).ConfigureAwait(false);
                            await events.WriteAsync(accountEvent.At, NpgsqlDbType.TimestampTz).ConfigureAwait(false);
                            eventRows++;
                            foreach (LedgerEntry entry in AccountHistory.LedgerEntriesOf(accountEvent))
                            {
                                await WriteLedgerAsync(ledger, stream, position++, entry).ConfigureAwait(false);
                                ledgerRows++;
                            }
                        }
                    }

                    rows.Clear();
                    snapshots.Clear();
                }

                if (!more)
                {
                    break;
                }
            }

            await accounts.CompleteAsync().ConfigureAwait(false);
            await events.CompleteAsync().ConfigureAwait(false);
            await ledger.CompleteAsync().ConfigureAwait(false);
        }

        await using (NpgsqlConnection export = await target.OpenConnectionAsync().ConfigureAwait(false))
        {
            await ExportAsync(export, "accounts", AccountsFile).ConfigureAwait(false);
            await ExportAsync(export, "events", EventsFile).ConfigureAwait(false);
            await ExportAsync(export, "ledger", LedgerFile).ConfigureAwait(false);
        }

        return (accountRows, eventRows, ledgerRows);
    }

    private static async Task ExportAsync(NpgsqlConnection connection, string table, string file)
    {
        await using FileStream output = File.Create(file);
        await using Stream copy = await connection.BeginRawBinaryCopyAsync($"COPY {table} TO STDOUT (FORMAT BINARY)").ConfigureAwait(false);
        await copy.CopyToAsync(output).ConfigureAwait(false);
    }

    private static async Task WriteAccountAsync(NpgsqlBinaryImporter importer, string stream, long from, long to, Instant? periodEnd, string? body)
    {
        await importer.StartRowAsync().ConfigureAwait(false);
        await importer.WriteAsync(stream, NpgsqlDbType.Text).ConfigureAwait(false);
        await importer.WriteAsync(from, NpgsqlDbType.Bigint).ConfigureAwait(false);
        await importer.WriteAsync(to, NpgsqlDbType.Bigint).ConfigureAwait(false);
        if (periodEnd is { } end)
        {
            await importer.WriteAsync(end, NpgsqlDbType.TimestampTz).ConfigureAwait(false);
        }
        else
        {
            await importer.WriteNullAsync().ConfigureAwait(false);
        }

        if (body is null)
        {
            await importer.WriteNullAsync().ConfigureAwait(false);
        }
        else
        {
            await importer.WriteAsync(body, NpgsqlDbType.Json).ConfigureAwait(false);
        }
    }

    private static async Task WriteLedgerAsync(NpgsqlBinaryImporter importer, string stream, long position, LedgerEntry entry)
    {
        await importer.StartRowAsync().ConfigureAwait(false);
        await importer.WriteAsync(stream, NpgsqlDbType.Text).ConfigureAwait(false);
        await importer.WriteAsync(position, NpgsqlDbType.Bigint).ConfigureAwait(false);
        await importer.WriteAsync(entry.Kind.ToString(), NpgsqlDbType.Text).ConfigureAwait(false);
        await importer.WriteAsync(entry.Quantity.Value, NpgsqlDbType.Integer).ConfigureAwait(false);
        await importer.WriteAsync(entry.Delta, NpgsqlDbType.Bigint).ConfigureAwait(false);
        await importer.WriteAsync(entry.At, NpgsqlDbType.TimestampTz).ConfigureAwait(false);
        await WriteTextAsync(importer, entry.Actor?.Value).ConfigureAwait(false);
        await WriteTextAsync(importer, entry.Proposal?.Value).ConfigureAwait(false);
        await WriteTextAsync(importer, entry.Member?.Value).ConfigureAwait(false);
        await importer.WriteAsync(entry.IsBoost, NpgsqlDbType.Boolean).ConfigureAwait(false);
        await WriteTextAsync(importer, entry.Submitter?.Value).ConfigureAwait(false);
    }

    private static async Task WriteTextAsync(NpgsqlBinaryImporter importer, string? value)
    {
        if (value is null)
        {
            await importer.WriteNullAsync().ConfigureAwait(false);
        }
        else
        {
            await importer.WriteAsync(value, NpgsqlDbType.Text).ConfigureAwait(false);
        }
    }
}
