using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;

namespace AgencyConnects.Domain.Benchmarks.Database;

/// <summary>What the database benchmarks share: the account counts, where their files live, and the job's peak working set.</summary>
public static class BenchmarkDatabases
{
    /// <summary>The PostgreSQL server the benchmarks use (a connection string; the database in it is only for administration).</summary>
    public const string PostgresVariable = "AGENCYCONNECTS_POSTGRES";

    /// <summary>Overrides the account counts (comma-separated), e.g. <c>10000</c> for a quick try; the default is 100,000 and 1,000,000.</summary>
    public const string AccountsVariable = "AGENCYCONNECTS_BENCH_ACCOUNTS";

    /// <summary>The account counts: <see cref="AccountsVariable"/>, or 100,000 and 1,000,000.</summary>
    public static IEnumerable<int> AccountCounts()
        => Environment.GetEnvironmentVariable(AccountsVariable) is { Length: > 0 } counts
            ? counts.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(c => int.Parse(c, CultureInfo.InvariantCulture))
            : [100_000, 1_000_000];

    /// <summary>
    /// A short hash of the sample host's seeder sources and migrations (embedded in this assembly): the seeded databases
    /// and prepared files kept between runs are named by it, so a run never reuses data that the current seeder would not make.
    /// </summary>
    public static string SeedIdentity { get; } = ComputeSeedIdentity();

    /// <summary>The folder of the benchmarks' files (seeded SQLite databases, prepared COPY data, working-set records), kept between runs.</summary>
    public static string Folder
    {
        get
        {
            string folder = Path.Combine(Path.GetTempPath(), "agencyconnects-dbbench");
            Directory.CreateDirectory(folder);
            return folder;
        }
    }

    /// <summary>The PostgreSQL connection string, or an error that says how to start a server.</summary>
    public static string PostgresConnectionString()
        => Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } connection
            ? connection
            : throw new InvalidOperationException(
                $"Set {PostgresVariable} to a PostgreSQL connection string (a throwaway server: eval \"$(.ci/postgres start)\", and .ci/postgres stop afterwards).");

    /// <summary>
    /// Resets the process's peak resident set (Linux: <c>/proc/self/clear_refs</c>) after a full collection, so that the
    /// peak read after a run is the run's own and not the setup's. Returns the resident set at the reset.
    /// </summary>
    public static long ResetPeakWorkingSet()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            Console.WriteLine($"// the peak working set cannot be reset here ({e.GetType().Name}): it includes the setup's");
        }

        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }

    /// <summary>Reads the peak resident set since <see cref="ResetPeakWorkingSet"/>, prints it, and records it for <see cref="PeakWorkingSetColumn"/>.</summary>
    /// <param name="benchmark">The benchmark: its class and method, <c>DatabaseMonthEndBenchmarks.Job</c>.</param>
    /// <param name="accounts">Its account count.</param>
    /// <param name="before">What <see cref="ResetPeakWorkingSet"/> returned.</param>
    /// <param name="first">The first run of this process: the records of an earlier process are dropped.</param>
    public static void RecordPeakWorkingSet(string benchmark, int accounts, long before, bool first)
    {
        using var process = Process.GetCurrentProcess();
        long peak = process.PeakWorkingSet64;
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture, $"// peak working set {benchmark} ({accounts} accounts): {peak / 1048576.0:F0} MiB (resident at the start of the run: {before / 1048576.0:F0} MiB)"));
        string line = string.Create(CultureInfo.InvariantCulture, $"{peak}\n");
        if (first)
        {
            File.WriteAllText(PeakFile(benchmark, accounts), line);
        }
        else
        {
            File.AppendAllText(PeakFile(benchmark, accounts), line);
        }
    }

    /// <summary>The file holding the peaks of one benchmark case, one a line.</summary>
    /// <param name="benchmark">The benchmark: its class and method, <c>DatabaseMonthEndBenchmarks.Job</c>.</param>
    /// <param name="accounts">Its account count.</param>
    public static string PeakFile(string benchmark, int accounts) => Path.Combine(Folder, $"peak-{benchmark}-{accounts}.txt");

    private static string ComputeSeedIdentity()
    {
        System.Reflection.Assembly assembly = typeof(BenchmarkDatabases).Assembly;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (string name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("SeedSources/", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using Stream resource = assembly.GetManifestResourceStream(name)!;
            using var content = new MemoryStream();
            resource.CopyTo(content);
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(name));
            hash.AppendData(content.ToArray());
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset())[..12];
    }
}
