using System;
using System.Diagnostics;
using System.IO;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Npgsql;

namespace AgencyConnects.SampleHost.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL server of the test run: the one <c>AGENCYCONNECTS_POSTGRES</c> names, or else a throwaway cluster this
/// process starts with <c>.ci/postgres start</c> and stops when it exits. Never skips: when no server can be had, the
/// PostgreSQL tests fail with the reason.
/// </summary>
public static partial class PostgresServer
{
    private static readonly Lazy<Task<string>> s_server = new(StartAsync);

    public static Task<string> ConnectionStringAsync() => s_server.Value;

    /// <summary>A new, empty database on the server, for one test class.</summary>
    public static async Task<string> CreateDatabaseAsync()
    {
        string server = await ConnectionStringAsync();
        string name = "sample_host_" + Guid.NewGuid().ToString("N")[..12];
        await using (NpgsqlDataSource admin = NpgsqlDataSource.Create(server))
        await using (NpgsqlCommand create = admin.CreateCommand($"CREATE DATABASE {name}"))
        {
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(server) { Database = name, MaxPoolSize = 40, Timeout = 60, CommandTimeout = 60 }.ConnectionString;
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        string name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        NpgsqlConnection.ClearAllPools();
        await using NpgsqlDataSource admin = NpgsqlDataSource.Create(await ConnectionStringAsync());
        await using NpgsqlCommand drop = admin.CreateCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        await drop.ExecuteNonQueryAsync();
    }

    private static async Task<string> StartAsync()
    {
        string? given = Environment.GetEnvironmentVariable("AGENCYCONNECTS_POSTGRES");
        if (!string.IsNullOrWhiteSpace(given))
        {
            return given;
        }

        string script = Path.Combine(RepositoryRoot(), ".ci", "postgres");
        (int code, string output, string errors) = await RunAsync(script, "start");
        Match line = ExportLine().Match(output);
        if (code != 0 || !line.Success)
        {
            throw new InvalidOperationException(
                $"The PostgreSQL tests need a server: AGENCYCONNECTS_POSTGRES is unset, and `{script} start` failed (exit code {code}).\n{errors}\n{output}");
        }

        string connectionString = line.Groups[1].Value;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => RunAsync(script, "stop", connectionString).GetAwaiter().GetResult();
        return connectionString;
    }

    private static async Task<(int Code, string Output, string Errors)> RunAsync(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await errors);
    }

    private static string RepositoryRoot()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "AgencyConnects.Domain.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No AgencyConnects.Domain.sln above {AppContext.BaseDirectory}: cannot find .ci/postgres.");
    }

    [GeneratedRegex("export AGENCYCONNECTS_POSTGRES='([^']*)'")]
    private static partial Regex ExportLine();
}
