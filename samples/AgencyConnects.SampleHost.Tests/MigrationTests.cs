using System.Data.Common;
using System.Linq;
using System.Threading.Tasks;
using AgencyConnects.SampleHost.Storage;
using AgencyConnects.SampleHost.Tests.Infrastructure;
using Xunit;

namespace AgencyConnects.SampleHost.Tests;

/// <summary>The schema comes from the numbered scripts, each applied once; SQLite runs with WAL and a 30 s busy timeout.</summary>
public abstract class MigrationTests<TFixture>(TFixture host)
    where TFixture : HostFixture
{
    protected TFixture Host { get; } = host;

    [Fact]
    public async Task Every_script_is_applied_once_at_start_up_and_a_second_run_applies_none()
    {
        int[] scripts = [.. Migrator.Scripts(Host.Engine).Select(s => s.Version)];
        Assert.NotEmpty(scripts);
        Assert.Equal(scripts.Length, await Host.ScalarAsync("SELECT count(*) FROM schema_migrations"));

        Assert.Empty(await Migrator.MigrateAsync(Host.Store.Database));
        Host.StartHost(); // a second host on the same database starts, and applies nothing either
        Assert.Equal(scripts.Length, await Host.ScalarAsync("SELECT count(*) FROM schema_migrations"));
    }

    [Fact]
    public async Task The_unique_indexes_the_directory_docs_prescribe_exist()
    {
        string sql = Host.Engine == "Postgres"
            ? "SELECT count(*) FROM pg_indexes WHERE indexname IN ('agencies_one_open_agency_per_owner', 'memberships_one_exclusive_per_person', 'events_stream_version')"
            : "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND (name IN ('agencies_one_open_agency_per_owner', 'memberships_one_exclusive_per_person') OR sql IS NULL AND tbl_name = 'events')";
        Assert.Equal(3, await Host.ScalarAsync(sql));
    }
}

public sealed class SqliteMigrationTests(SqliteFixture host) : MigrationTests<SqliteFixture>(host), IClassFixture<SqliteFixture>
{
    [Fact]
    public async Task SQLite_runs_in_WAL_mode_with_a_busy_timeout_of_at_least_30_seconds()
    {
        Database database = Host.Store.Database;
        await using DbConnection connection = await database.OpenAsync(default);
        await using DbCommand journal = database.Command(connection, null, "PRAGMA journal_mode");
        await using DbCommand timeout = database.Command(connection, null, "PRAGMA busy_timeout");

        Assert.Equal("wal", (string?)await journal.ExecuteScalarAsync());
        Assert.True((long)(await timeout.ExecuteScalarAsync())! >= 30_000);
    }
}

public sealed class PostgresMigrationTests(PostgresFixture host) : MigrationTests<PostgresFixture>(host), IClassFixture<PostgresFixture>;
