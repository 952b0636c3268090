using System;
using System.Collections.Generic;
using System.Data.Common;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;

namespace AgencyConnects.SampleHost.Storage;

/// <summary>
/// Applies the numbered scripts of <c>Storage/Migrations/{Engine}/</c> (embedded in the assembly) in order, each once,
/// each in its own transaction with its row in <c>schema_migrations</c>; run at start-up. Several hosts starting on one
/// database at once apply each script once (an advisory lock on PostgreSQL, BEGIN IMMEDIATE on SQLite).
/// </summary>
public static class Migrator
{
    public static async Task<IReadOnlyList<int>> MigrateAsync(Database database, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        var applied = new List<int>();
        await using DbConnection connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await database.PrepareAsync(connection, cancellationToken).ConfigureAwait(false);
        await using (DbCommand create = database.Command(connection, null, "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL)"))
        {
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        foreach ((int version, string name, string sql) in Scripts(database.Engine))
        {
            await using DbTransaction transaction = await database.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
            await database.LockForMigrationAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
            await using (DbCommand check = database.Command(connection, transaction, "SELECT count(*) FROM schema_migrations WHERE version = @version").With("version", version))
            {
                if (Convert.ToInt64(await check.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) > 0)
                {
                    continue;
                }
            }

            await using (DbCommand script = database.Command(connection, transaction, sql))
            {
                await script.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await using (DbCommand record = database.Command(connection, transaction, "INSERT INTO schema_migrations (version, name) VALUES (@version, @name)")
                .With("version", version).With("name", name))
            {
                await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            applied.Add(version);
        }

        return applied;
    }

    /// <summary>The scripts of an engine, by number: <c>001_initial.sql</c> is version 1.</summary>
    public static IEnumerable<(int Version, string Name, string Sql)> Scripts(string engine)
    {
        Assembly assembly = typeof(Migrator).Assembly;
        string prefix = $"Migrations/{engine}/";
        foreach (string resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            string name = resource[prefix.Length..];
            int version = int.Parse(name.AsSpan(0, name.IndexOf('_', StringComparison.Ordinal)), System.Globalization.CultureInfo.InvariantCulture);
            using Stream stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            yield return (version, name, reader.ReadToEnd());
        }
    }
}
