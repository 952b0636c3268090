using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AgencyConnects.Domain.Json;
using AgencyConnects.SampleHost.Storage;
using AgencyConnects.SampleHost.Storage.Postgres;
using AgencyConnects.SampleHost.Storage.Sqlite;
using NodaTime;

namespace AgencyConnects.SampleHost.Tests.Infrastructure;

/// <summary>
/// A database of its own for one month-end test (a SQLite file, or a PostgreSQL database on the test run's server),
/// with the configuration argument that points the host's command line at it, and a fingerprint of everything stored.
/// </summary>
public sealed class JobDatabase : IAsyncDisposable
{
    private readonly Func<Task> _drop;

    private JobDatabase(string engine, Database database, string[] arguments, Func<Task> drop)
    {
        Engine = engine;
        Database = database;
        Arguments = arguments;
        _drop = drop;
    }

    public string Engine { get; }

    public Database Database { get; }

    /// <summary>The configuration arguments that give the host's commands this database.</summary>
    public string[] Arguments { get; }

    public static async Task<JobDatabase> CreateAsync(string engine)
    {
        if (engine == "Postgres")
        {
            string connectionString = await PostgresServer.CreateDatabaseAsync();
            var postgres = new PostgresDatabase(connectionString);
            return new JobDatabase(engine, postgres, [$"--ConnectionStrings:Postgres={connectionString}"], async () =>
            {
                await postgres.DisposeAsync();
                await PostgresServer.DropDatabaseAsync(connectionString);
            });
        }

        string folder = Path.Combine(Path.GetTempPath(), "agencyconnects-month-end-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        string sqlite = $"Data Source={Path.Combine(folder, "job.db")}";
        var database = new SqliteDatabase(sqlite);
        return new JobDatabase(engine, database, ["--ConnectionStrings:Postgres=", $"--ConnectionStrings:Sqlite={sqlite}"], async () =>
        {
            await database.DisposeAsync();
            Directory.Delete(folder, recursive: true);
        });
    }

    public AccountStore Store(IClock clock, StoreFaults? faults = null) => new(Database, clock, AccountEventJson.Default, faults ?? new StoreFaults());

    public async Task<long> ScalarAsync(string sql, params (string Name, object? Value)[] parameters)
    {
        await using DbConnection connection = await Database.OpenAsync(default);
        await using DbCommand command = Database.Command(connection, null, sql);
        foreach ((string name, object? value) in parameters)
        {
            command.With(name, value);
        }

        object? result = await command.ExecuteScalarAsync();
        return result is null or DBNull ? 0 : Convert.ToInt64(result, CultureInfo.InvariantCulture);
    }

    /// <summary>Rows of a query, each as its columns' invariant text joined by <c>|</c>.</summary>
    public async Task<List<string>> RowsAsync(string sql, params (string Name, object? Value)[] parameters)
    {
        await using DbConnection connection = await Database.OpenAsync(default);
        await using DbCommand command = Database.Command(connection, null, sql);
        foreach ((string name, object? value) in parameters)
        {
            command.With(name, value);
        }

        var rows = new List<string>();
        await using DbDataReader reader = await command.ExecuteReaderAsync();
        var row = new StringBuilder();
        while (await reader.ReadAsync())
        {
            row.Clear();
            for (int i = 0; i < reader.FieldCount; i++)
            {
                row.Append(i == 0 ? string.Empty : "|").Append(reader.IsDBNull(i) ? "null" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture));
            }

            rows.Add(row.ToString());
        }

        return rows;
    }

    /// <summary>
    /// Everything the host stores, every row of every table but the events' global sequence (which orders the events
    /// of concurrent writers as they happened to commit), hashed: equal fingerprints, equal databases.
    /// </summary>
    public async Task<string> FingerprintAsync()
    {
        string[] queries =
        [
            "SELECT stream_id, kind, version FROM streams ORDER BY stream_id",
            "SELECT stream_id, version, type, body, at FROM events ORDER BY stream_id, version",
            "SELECT stream_id, version, body, period_end FROM snapshots ORDER BY stream_id",
            "SELECT stream_id, position, kind, quantity, delta, at, actor_id, proposal_id, member_id, is_boost, submitter_id FROM ledger ORDER BY stream_id, position",
            "SELECT agency_id, owner_id, closed_at FROM agencies ORDER BY agency_id",
            "SELECT agency_id, person_id, exclusive FROM memberships ORDER BY agency_id, person_id",
        ];
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var counts = new List<int>();
        foreach (string query in queries)
        {
            List<string> rows = await RowsAsync(query);
            counts.Add(rows.Count);
            foreach (string row in rows)
            {
                hash.AppendData(Encoding.UTF8.GetBytes(row + "\n"));
            }
        }

        return string.Join(' ', counts) + " " + Convert.ToHexString(hash.GetHashAndReset());
    }

    public async ValueTask DisposeAsync() => await _drop();
}

/// <summary>The host's command line, run as a process of its own (<c>dotnet AgencyConnects.SampleHost.dll month-end …</c>), as an operator runs it.</summary>
public sealed class JobProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _errors = new();

    private JobProcess(Process process)
    {
        _process = process;
        _process.ErrorDataReceived += (_, e) =>
        {
            lock (_errors)
            {
                _errors.AppendLine(e.Data);
            }
        };
        _process.BeginErrorReadLine();
    }

    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    public List<string> Lines { get; } = [];

    public string Errors
    {
        get
        {
            lock (_errors)
            {
                return _errors.ToString();
            }
        }
    }

    public static JobProcess Start(JobDatabase database, params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(database);
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "AgencyConnects.SampleHost.dll"));
        foreach (string argument in arguments.Concat(database.Arguments))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        return new JobProcess(Process.Start(start)!);
    }

    /// <summary>Reads standard output up to the first line <paramref name="matching"/> (true), or to the end (false).</summary>
    public async Task<bool> ReadUntilAsync(Func<string, bool> matching)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        while (await _process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            Lines.Add(line);
            if (matching(line))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Reads to the end and waits for the exit; the exit code.</summary>
    public async Task<int> WaitAsync()
    {
        await ReadUntilAsync(_ => false);
        using var timeout = new CancellationTokenSource(Timeout);
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    /// <summary>Kills the process at once (SIGKILL), as a machine dying would.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        using var timeout = new CancellationTokenSource(Timeout);
        await _process.WaitForExitAsync(timeout.Token);
    }

    /// <summary>The <c>key=value</c> pairs of the summary's last line (<c>month-end done: …</c>).</summary>
    public Dictionary<string, string> Summary()
    {
        string line = Lines.LastOrDefault(l => l.StartsWith("month-end done:", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"The job printed no summary.\n{string.Join('\n', Lines)}\n{Errors}");
        return line["month-end done:".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
    }

    public long Count(string key) => long.Parse(Summary()[key], CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }
}
