using System;
using System.Globalization;
using System.Threading.Tasks;
using AgencyConnects.SampleHost.MonthEnd;
using AgencyConnects.SampleHost.Storage.Postgres;
using Npgsql;

namespace AgencyConnects.Domain.Benchmarks.Database;

/// <summary>
/// The seeded template databases of <see cref="DatabaseMonthEndBenchmarks"/>, one per account count, kept on the server
/// between runs, and the fresh copies the iterations run on.
/// </summary>
public static class PostgresBenchmarkDatabase
{
    /// <summary>The table that marks a template as seeded (last) by this seeder (<see cref="BenchmarkDatabases.SeedIdentity"/>); another seeder's template is seeded anew.</summary>
    private static string Marker => $"bench_seeded_{BenchmarkDatabases.SeedIdentity}";

    /// <summary>The server's connection string for <paramref name="database"/>, without a command timeout (a million rows take minutes), unpooled.</summary>
    public static string ConnectionString(string server, string database, bool pooling = false)
        => new NpgsqlConnectionStringBuilder(server) { Database = database, CommandTimeout = 0, Timeout = 60, Pooling = pooling }.ConnectionString;

    /// <summary>The template's name for an account count.</summary>
    public static string TemplateName(int accounts) => string.Create(CultureInfo.InvariantCulture, $"agencyconnects_bench_{accounts}");

    /// <summary>
    /// The template of <paramref name="accounts"/> agencies, seeded unless it is there already; returns how many of them
    /// are due at <see cref="Seeder.DemoAt"/>. Seeding is the sample host's <see cref="Seeder"/>; then the snapshots get two
    /// columns for <see cref="DatabaseMonthEndBenchmarks.SqlFloor"/> (<c>plus</c>: the plan is Agency Plus; <c>balance</c>:
    /// the Connects of its lots), the snapshots table is rewritten compactly (VACUUM FULL, as seeded), and the whole
    /// database is frozen and analyzed, so that no run pays for a previous statement's leftovers.
    /// </summary>
    public static async Task<long> EnsureTemplateAsync(string server, int accounts)
    {
        string template = TemplateName(accounts);
        await using (var admin = new NpgsqlConnection(ConnectionString(server, "postgres")))
        {
            await admin.OpenAsync().ConfigureAwait(false);
            await using var exists = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @name", admin);
            exists.Parameters.AddWithValue("name", template);
            if ((long)(await exists.ExecuteScalarAsync().ConfigureAwait(false))! == 1)
            {
                await using var seeded = new NpgsqlConnection(ConnectionString(server, template));
                await seeded.OpenAsync().ConfigureAwait(false);
#pragma warning disable CA2100 // The marker's name is this benchmark's own.
                await using var marker = new NpgsqlCommand($"SELECT CASE WHEN to_regclass('{Marker}') IS NULL THEN -1 ELSE (SELECT due FROM {Marker}) END", seeded);
#pragma warning restore CA2100
                long due = Convert.ToInt64(await marker.ExecuteScalarAsync().ConfigureAwait(false), CultureInfo.InvariantCulture);
                if (due >= 0)
                {
                    return due;
                }
            }
        }

        await RecreateAsync(server, template, template: null).ConfigureAwait(false);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        SeedSummary summary;
        await using (var database = new PostgresDatabase(ConnectionString(server, template, pooling: true)))
        {
            summary = await Seeder.SeedAsync(database, accounts).ConfigureAwait(false);
        }

        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"// seeded {summary.Agencies} agencies in {summary.Elapsed.TotalSeconds:F1} s: {summary.Events} events, {summary.LedgerRows} ledger rows, {summary.Due} due"));
        await using (var connection = new NpgsqlConnection(ConnectionString(server, template)))
        {
            await connection.OpenAsync().ConfigureAwait(false);
            foreach (string statement in new[]
            {
                "ALTER TABLE snapshots ADD COLUMN plus boolean NULL, ADD COLUMN balance integer NULL",
                """
                UPDATE snapshots SET plus = (body->>'plan' = 'AgencyPlus'),
                    balance = (SELECT coalesce(sum((l->>'quantity')::integer), 0) FROM json_array_elements(body->'lots') l)
                """,
                "VACUUM FULL snapshots",
                "VACUUM (FREEZE, ANALYZE)",
                "CHECKPOINT",
            })
            {
                await using var command = new NpgsqlCommand(statement, connection);
                await command.ExecuteNonQueryAsync().ConfigureAwait(false);
            }

#pragma warning disable CA2100 // The marker's name is this benchmark's own.
            await using var mark = new NpgsqlCommand($"CREATE TABLE {Marker} AS SELECT @accounts::integer AS accounts, @due::bigint AS due", connection);
#pragma warning restore CA2100
            mark.Parameters.AddWithValue("accounts", accounts);
            mark.Parameters.AddWithValue("due", (long)summary.Due);
            await mark.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"// template {template} ready in {clock.Elapsed.TotalSeconds:F1} s"));
        return summary.Due;
    }

    /// <summary>Drops <paramref name="database"/> (closing its connections) and creates it, empty or as a file copy of <paramref name="template"/>.</summary>
    public static async Task RecreateAsync(string server, string database, string? template)
    {
        await DropAsync(server, database).ConfigureAwait(false);
        await using var admin = new NpgsqlConnection(ConnectionString(server, "postgres"));
        await admin.OpenAsync().ConfigureAwait(false);
        string create = template is null
            ? $"CREATE DATABASE \"{database}\""
            : $"CREATE DATABASE \"{database}\" TEMPLATE \"{template}\" STRATEGY FILE_COPY";
#pragma warning disable CA2100 // The names are this benchmark's own.
        await using var command = new NpgsqlCommand(create, admin);
#pragma warning restore CA2100
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    /// <summary>Drops <paramref name="database"/> if it is there, closing its connections.</summary>
    public static async Task DropAsync(string server, string database)
    {
        await using var admin = new NpgsqlConnection(ConnectionString(server, "postgres"));
        await admin.OpenAsync().ConfigureAwait(false);
#pragma warning disable CA2100 // The name is this benchmark's own.
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", admin);
#pragma warning restore CA2100
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }
}
