using System;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using AgencyConnects.Domain.Json;
using AgencyConnects.SampleHost.Storage;
using NodaTime;
using Npgsql;
using NpgsqlTypes;

namespace AgencyConnects.SampleHost.MonthEnd;

/// <summary>What <see cref="Seeder.SeedAsync"/> wrote.</summary>
/// <param name="Agencies">Agencies created.</param>
/// <param name="Due">Of those, the ones the month-end job closes at <see cref="Seeder.DemoAt"/> (every open agency).</param>
/// <param name="Events">Event rows.</param>
/// <param name="LedgerRows">Ledger rows.</param>
/// <param name="Memberships">Membership rows.</param>
/// <param name="Elapsed">How long it took.</param>
public sealed record SeedSummary(int Agencies, int Due, long Events, long LedgerRows, long Memberships, TimeSpan Elapsed);

/// <summary>
/// Creates N realistic agencies quickly, as the rows the host itself writes: streams, events (JSON, under (stream,
/// version)), snapshots with their period end, the directory's facts and the ledger. A few hundred agencies' lives are
/// lived through the library (<see cref="SeedTemplate"/>: a spread of plans, catalogs, time zones, creation instants,
/// purchases, members, proposals, pending downgrades, closed agencies) and then stamped out under N distinct sets of
/// identifiers, by replacing the placeholder identifiers in the written JSON, which is what makes a million agencies a
/// matter of seconds; every stamped agency is as valid as its template (the host loads and operates on it). Rows go in
/// with binary <c>COPY</c> on PostgreSQL and prepared, reused statements on SQLite, a batch of agencies per transaction.
/// </summary>
/// <remarks>
/// Agency <c>i</c> of seed <c>s</c> is <c>s{s}-agency-{i}</c>, owned by <c>s{s}-owner-{i}</c>; its template is
/// <c>i % templates</c>. Every agency is created in January 2025, so by <see cref="DemoAt"/> every open agency's
/// first period has ended. Seeding the same seed twice into one database is refused by the streams' key.
/// </remarks>
public static class Seeder
{
    /// <summary>How many distinct lives are lived through the library (fewer when fewer agencies are asked for).</summary>
    public const int Templates = 400;

    /// <summary>An instant by which every seeded open agency is due: the README's demo runs the job at it.</summary>
    public static Instant DemoAt { get; } = Instant.FromUtc(2025, 3, 15, 0, 0);

    public static async Task<SeedSummary> SeedAsync(Database database, int agencies, int seed = 1, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentOutOfRangeException.ThrowIfNegative(agencies);
        var clock = Stopwatch.StartNew();
        await Migrator.MigrateAsync(database, cancellationToken).ConfigureAwait(false);
        var random = new Random(seed);
        var templates = new SeedTemplate[Math.Max(1, Math.Min(Templates, agencies))];
        for (int t = 0; t < templates.Length; t++)
        {
            templates[t] = SeedTemplate.Build(random, AccountEventJson.Default);
        }

        var plan = new SeedPlan(templates, seed);
        int batch = database.Engine == "Postgres" ? 50_000 : 20_000;
        long events = 0, ledger = 0, memberships = 0;
        int due = 0;
        for (int first = 0; first < agencies; first += batch)
        {
            int count = Math.Min(batch, agencies - first);
            await using DbConnection connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using DbTransaction transaction = await database.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
            if (connection is NpgsqlConnection postgres)
            {
                await CopyAsync(postgres, plan, first, count, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await InsertAsync(database, connection, transaction, plan, first, count, cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            for (int i = first; i < first + count; i++)
            {
                SeedTemplate template = plan.Template(i);
                events += template.Events.Length;
                ledger += template.Ledger.Length;
                memberships += template.Memberships.Length;
                due += template.PeriodEnd is { } end && end <= DemoAt ? 1 : 0;
            }
        }

        return new SeedSummary(agencies, due, events, ledger, memberships, clock.Elapsed);
    }

    private static async Task CopyAsync(NpgsqlConnection connection, SeedPlan plan, int first, int count, CancellationToken cancellationToken)
    {
        await using (NpgsqlBinaryImporter streams = await connection.BeginBinaryImportAsync(
            "COPY streams (stream_id, kind, version) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false))
        {
            for (int i = first; i < first + count; i++)
            {
                await streams.StartRowAsync(cancellationToken).ConfigureAwait(false);
                await streams.WriteAsync(plan.Stream(i), NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await streams.WriteAsync("agency", NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await streams.WriteAsync(plan.Template(i).Version, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
            }

            await streams.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (NpgsqlBinaryImporter agencies = await connection.BeginBinaryImportAsync(
            "COPY agencies (agency_id, owner_id, closed_at) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false))
        {
            for (int i = first; i < first + count; i++)
            {
                await agencies.StartRowAsync(cancellationToken).ConfigureAwait(false);
                await agencies.WriteAsync(plan.Agency(i), NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await agencies.WriteAsync(plan.Owner(i), NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await WriteInstantAsync(agencies, plan.Template(i).ClosedAt, cancellationToken).ConfigureAwait(false);
            }

            await agencies.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (NpgsqlBinaryImporter memberships = await connection.BeginBinaryImportAsync(
            "COPY memberships (agency_id, person_id, exclusive) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false))
        {
            for (int i = first; i < first + count; i++)
            {
                foreach ((string person, bool exclusive) in plan.Template(i).Memberships)
                {
                    await memberships.StartRowAsync(cancellationToken).ConfigureAwait(false);
                    await memberships.WriteAsync(plan.Agency(i), NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                    await memberships.WriteAsync(plan.Person(i, person)!, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                    await memberships.WriteAsync(exclusive, NpgsqlDbType.Boolean, cancellationToken).ConfigureAwait(false);
                }
            }

            await memberships.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (NpgsqlBinaryImporter events = await connection.BeginBinaryImportAsync(
            "COPY events (stream_id, version, type, body, at) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false))
        {
            for (int i = first; i < first + count; i++)
            {
                SeedTemplate template = plan.Template(i);
                string stream = plan.Stream(i);
                for (int e = 0; e < template.Events.Length; e++)
                {
                    await events.StartRowAsync(cancellationToken).ConfigureAwait(false);
                    await events.WriteAsync(stream, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                    await events.WriteAsync(e + 1L, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                    await events.WriteAsync(template.Events[e].Type, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                    await events.WriteAsync(plan.Stamp(i, template.Events[e].Json), NpgsqlDbType.Json, cancellationToken).ConfigureAwait(false);
                    await events.WriteAsync(template.Events[e].At, NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
                }
            }

            await events.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (NpgsqlBinaryImporter ledger = await connection.BeginBinaryImportAsync(
            "COPY ledger (stream_id, position, kind, quantity, delta, at, actor_id, proposal_id, member_id, is_boost, submitter_id) FROM STDIN (FORMAT BINARY)",
            cancellationToken).ConfigureAwait(false))
        {
            for (int i = first; i < first + count; i++)
            {
                SeedTemplate template = plan.Template(i);
                string stream = plan.Stream(i);
                for (int p = 0; p < template.Ledger.Length; p++)
                {
                    StoredLedgerRow row = template.Ledger[p];
                    await ledger.StartRowAsync(cancellationToken).ConfigureAwait(false);
                    await ledger.WriteAsync(stream, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                    await ledger.WriteAsync((long)p, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                    await ledger.WriteAsync(row.Kind, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                    await ledger.WriteAsync(row.Quantity, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
                    await ledger.WriteAsync(row.Delta, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                    await ledger.WriteAsync(row.At, NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
                    await WriteTextAsync(ledger, plan.Person(i, row.Actor), cancellationToken).ConfigureAwait(false);
                    await WriteTextAsync(ledger, row.Proposal, cancellationToken).ConfigureAwait(false);
                    await WriteTextAsync(ledger, plan.Person(i, row.Member), cancellationToken).ConfigureAwait(false);
                    await ledger.WriteAsync(row.IsBoost, NpgsqlDbType.Boolean, cancellationToken).ConfigureAwait(false);
                    await WriteTextAsync(ledger, plan.Person(i, row.Submitter), cancellationToken).ConfigureAwait(false);
                }
            }

            await ledger.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (NpgsqlBinaryImporter snapshots = await connection.BeginBinaryImportAsync(
            "COPY snapshots (stream_id, version, body, period_end) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false))
        {
            for (int i = first; i < first + count; i++)
            {
                SeedTemplate template = plan.Template(i);
                await snapshots.StartRowAsync(cancellationToken).ConfigureAwait(false);
                await snapshots.WriteAsync(plan.Stream(i), NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await snapshots.WriteAsync(template.Version, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                await snapshots.WriteAsync(plan.Stamp(i, template.SnapshotJson), NpgsqlDbType.Json, cancellationToken).ConfigureAwait(false);
                await WriteInstantAsync(snapshots, template.PeriodEnd, cancellationToken).ConfigureAwait(false);
            }

            await snapshots.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task WriteInstantAsync(NpgsqlBinaryImporter importer, Instant? value, CancellationToken cancellationToken)
    {
        if (value is { } instant)
        {
            await importer.WriteAsync(instant, NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await importer.WriteNullAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task WriteTextAsync(NpgsqlBinaryImporter importer, string? value, CancellationToken cancellationToken)
    {
        if (value is null)
        {
            await importer.WriteNullAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await importer.WriteAsync(value, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task InsertAsync(
        Database database, DbConnection connection, DbTransaction transaction, SeedPlan plan, int first, int count, CancellationToken cancellationToken)
    {
        await using var streams = new PreparedInsert(database, connection, transaction, "streams", "stream_id", "kind", "version");
        await using var agencies = new PreparedInsert(database, connection, transaction, "agencies", "agency_id", "owner_id", "closed_at");
        await using var memberships = new PreparedInsert(database, connection, transaction, "memberships", "agency_id", "person_id", "exclusive");
        await using var events = new PreparedInsert(database, connection, transaction, "events", "stream_id", "version", "type", "body", "at");
        await using var ledger = new PreparedInsert(
            database, connection, transaction, "ledger", "stream_id", "position", "kind", "quantity", "delta", "at", "actor_id", "proposal_id", "member_id", "is_boost", "submitter_id");
        await using var snapshots = new PreparedInsert(database, connection, transaction, "snapshots", "stream_id", "version", "body", "period_end");
        for (int i = first; i < first + count; i++)
        {
            SeedTemplate template = plan.Template(i);
            string stream = plan.Stream(i);
            string agency = plan.Agency(i);
            await streams.RunAsync(cancellationToken, stream, "agency", template.Version).ConfigureAwait(false);
            await agencies.RunAsync(cancellationToken, agency, plan.Owner(i), Db(template.ClosedAt)).ConfigureAwait(false);
            foreach ((string person, bool exclusive) in template.Memberships)
            {
                await memberships.RunAsync(cancellationToken, agency, plan.Person(i, person), exclusive).ConfigureAwait(false);
            }

            for (int e = 0; e < template.Events.Length; e++)
            {
                StoredEvent seedEvent = template.Events[e];
                await events.RunAsync(cancellationToken, stream, e + 1L, seedEvent.Type, plan.Stamp(i, seedEvent.Json), database.ToDb(seedEvent.At)).ConfigureAwait(false);
            }

            for (int p = 0; p < template.Ledger.Length; p++)
            {
                StoredLedgerRow row = template.Ledger[p];
                await ledger.RunAsync(
                    cancellationToken, stream, (long)p, row.Kind, row.Quantity, row.Delta, database.ToDb(row.At), plan.Person(i, row.Actor), row.Proposal,
                    plan.Person(i, row.Member), row.IsBoost, plan.Person(i, row.Submitter)).ConfigureAwait(false);
            }

            await snapshots.RunAsync(cancellationToken, stream, template.Version, plan.Stamp(i, template.SnapshotJson), Db(template.PeriodEnd)).ConfigureAwait(false);
        }

        object? Db(Instant? instant) => instant is { } value ? database.ToDb(value) : null;
    }

    /// <summary>Which template each agency is, and its identifiers.</summary>
    private sealed class SeedPlan(SeedTemplate[] templates, int seed)
    {
        private readonly string _prefix = "s" + seed.ToString(CultureInfo.InvariantCulture) + "-";

        public SeedTemplate Template(int i) => templates[i % templates.Length];

        public string Agency(int i) => _prefix + "agency-" + Number(i);

        public string Owner(int i) => _prefix + "owner-" + Number(i);

        public string Stream(int i) => AccountStore.AgencyStream(Domain.Values.AgencyId.Create(Agency(i)).AsT0);

        /// <summary>The real person for a placeholder person of agency <paramref name="i"/>'s template.</summary>
        public string? Person(int i, string? placeholder)
            => placeholder switch
            {
                null => null,
                SeedTemplate.OwnerPlaceholder => Owner(i),
                _ when placeholder.StartsWith(SeedTemplate.MemberPlaceholder, StringComparison.Ordinal)
                    => _prefix + "member-" + Number(i) + "-" + placeholder[SeedTemplate.MemberPlaceholder.Length..],
                _ => placeholder,
            };

        /// <summary>A template's JSON with agency <paramref name="i"/>'s identifiers in place of the placeholders (whole JSON strings only).</summary>
        public string Stamp(int i, string json)
        {
            string stamped = json
                .Replace("\"" + SeedTemplate.AgencyPlaceholder + "\"", "\"" + Agency(i) + "\"", StringComparison.Ordinal)
                .Replace("\"" + SeedTemplate.OwnerPlaceholder + "\"", "\"" + Owner(i) + "\"", StringComparison.Ordinal);
            for (int m = Template(i).Members; m > 0; m--)
            {
                string placeholder = SeedTemplate.MemberPlaceholder + m.ToString(CultureInfo.InvariantCulture);
                stamped = stamped.Replace("\"" + placeholder + "\"", "\"" + Person(i, placeholder) + "\"", StringComparison.Ordinal);
            }

            return stamped;
        }

        private static string Number(int i) => i.ToString("D7", CultureInfo.InvariantCulture);
    }

    /// <summary>One INSERT prepared once and run for many rows with new parameter values.</summary>
    private sealed class PreparedInsert : IAsyncDisposable
    {
        private readonly DbCommand _command;

        public PreparedInsert(Database database, DbConnection connection, DbTransaction transaction, string table, params string[] columns)
        {
            _command = database.Command(
                connection, transaction, $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", Array.ConvertAll(columns, c => "@" + c))})");
            foreach (string column in columns)
            {
                _command.With(column, null);
            }

            _command.Prepare();
        }

        public async Task RunAsync(CancellationToken cancellationToken, params object?[] values)
        {
            for (int v = 0; v < values.Length; v++)
            {
                _command.Parameters[v].Value = values[v] ?? DBNull.Value;
            }

            await _command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        public ValueTask DisposeAsync() => _command.DisposeAsync();
    }
}
