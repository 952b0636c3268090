using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AgencyConnects.SampleHost.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using NodaTime;
using NodaTime.Text;

namespace AgencyConnects.SampleHost.MonthEnd;

/// <summary>
/// The host's command-line jobs, on the database the web host is configured with (SQLite by default,
/// <c>ConnectionStrings:Postgres</c> for PostgreSQL; configuration as for the web host: appsettings, environment,
/// <c>--ConnectionStrings:Postgres=...</c>):
/// <c>seed --agencies N [--seed S]</c> and <c>month-end --at &lt;instant&gt; [--workers N] [--chunk N]</c> (and
/// <c>--fail-before-commit N</c>, the tests' seam of <see cref="MonthEndOptions.FailBeforeCommitOfChunk"/>).
/// </summary>
public static class Commands
{
    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        string command = args[0];
        Dictionary<string, string> options = Options(args[1..], out string[] configurationArgs);
        IConfiguration configuration = WebApplication.CreateBuilder(configurationArgs).Configuration;
        await using Database database = Program.CreateDatabase(configuration);
        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };

        try
        {
            return command == "seed"
                ? await SeedAsync(database, options, cancellation.Token).ConfigureAwait(false)
                : await MonthEndAsync(database, options, cancellation.Token).ConfigureAwait(false);
        }
        catch (UsageException usage)
        {
            await Console.Error.WriteLineAsync(usage.Message).ConfigureAwait(false);
            return 2;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync(command == "seed"
                ? "cancelled: the batches committed so far stay; seed a new database (or another --seed) to start over"
                : "cancelled: every chunk committed so far stays done; run the command again to finish").ConfigureAwait(false);
            return 130;
        }
    }

    private static async Task<int> SeedAsync(Database database, Dictionary<string, string> options, CancellationToken cancellationToken)
    {
        int agencies = Int(options, "agencies", null, "usage: seed --agencies N [--seed S]");
        int seed = Int(options, "seed", 1, "usage: seed --agencies N [--seed S]");
        Console.WriteLine($"seeding {agencies:N0} agencies (seed {seed}) into {database.Engine}...");
        SeedSummary summary;
        try
        {
            summary = await Seeder.SeedAsync(database, agencies, seed, cancellationToken).ConfigureAwait(false);
        }
        catch (System.Data.Common.DbException exception) when (database.IsRace(exception))
        {
            throw new UsageException($"seed: this database holds agencies of seed {seed} already (their identifiers are taken); seed with another --seed");
        }

        Console.WriteLine(
            $"seeded {summary.Agencies:N0} agencies in {summary.Elapsed.TotalSeconds:F1} s: {summary.Events:N0} events, {summary.LedgerRows:N0} ledger rows, "
            + $"{summary.Memberships:N0} memberships; {summary.Due:N0} are due for month end at {Seeder.DemoAt} (month-end --at {Seeder.DemoAt})");
        return 0;
    }

    private static async Task<int> MonthEndAsync(Database database, Dictionary<string, string> options, CancellationToken cancellationToken)
    {
        const string Usage = "usage: month-end --at <instant> [--workers N] [--chunk N]";
        var job = new MonthEndOptions
        {
            At = options.TryGetValue("at", out string? at) ? ParseInstant(at) : throw new UsageException(Usage),
            Workers = Math.Max(1, Int(options, "workers", 1, Usage)),
            ChunkSize = Math.Max(1, Int(options, "chunk", 1000, Usage)),
            FailBeforeCommitOfChunk = options.ContainsKey("fail-before-commit") ? Int(options, "fail-before-commit", null, Usage) : null,
        };
        bool terminal = !Console.IsOutputRedirected;
        string workers = database.Engine == "Postgres" || job.Workers == 1 ? $"{job.Workers}" : $"{job.Workers} (taking turns: SQLite has one writer)";
        Console.WriteLine($"month end at {job.At} on {database.Engine}, workers {workers}, chunks of {job.ChunkSize:N0}");
        var progress = new ConsoleProgress(terminal);
        MonthEndSummary summary = await MonthEndJob.RunAsync(database, job, progress, cancellationToken).ConfigureAwait(false);
        progress.Finish();
        Console.WriteLine(Describe(summary));
        Console.WriteLine(summary.ToLogLine());
        return 0;
    }

    /// <summary>The summary for a person: what was closed, the Connects moved, the fees billed, what was skipped and why.</summary>
    public static string Describe(MonthEndSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var text = new System.Text.StringBuilder();
        double rate = summary.Elapsed.TotalSeconds > 0 ? summary.Closed / summary.Elapsed.TotalSeconds : 0;
        text.AppendLine(CultureInfo.InvariantCulture, $"closed {summary.Closed:N0} accounts ({summary.PeriodsClosed:N0} periods) in {summary.Elapsed.TotalSeconds:F1} s, {rate:N0} accounts/s, {summary.Chunks:N0} chunks");
        text.AppendLine(CultureInfo.InvariantCulture, $"  Connects granted   {summary.Granted,14:N0}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  Connects forfeited {summary.Forfeited,14:N0}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  Connects expired   {summary.Expired,14:N0}");
        foreach ((string currency, decimal amount) in summary.Fees.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  fees billed        {amount,14:N2} {currency}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"  fee lines          {summary.FeeLines,14:N0}");
        foreach ((string reason, long count) in summary.Skipped.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            string why = reason == "AgencyIsClosed" ? " (never read again)" : " (left as it is)";
            text.AppendLine(CultureInfo.InvariantCulture, $"  skipped            {count,14:N0} {reason}{why}");
        }

        if (summary.Stamped > 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  stamped            {summary.Stamped,14:N0} (period end recorded, nothing due)");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"  conflicts          {summary.Conflicts,14:N0} (a request wrote first; tried again, {summary.ConflictsLeft:N0} left for the next run)");
        text.Append(CultureInfo.InvariantCulture, $"  still due          {summary.StillDue,14:N0}{(summary.StillDue > 0 ? " (run the job again to take them)" : string.Empty)}");
        return text.ToString();
    }

    /// <summary>On a terminal, one line rewritten in place (at most ten times a second); redirected, a plain line per chunk.</summary>
    internal sealed class ConsoleProgress(bool terminal, System.IO.TextWriter? output = null) : IProgress<MonthEndProgress>
    {
        private readonly System.IO.TextWriter _output = output ?? Console.Out;
        private readonly System.Threading.Lock _lock = new();
        private TimeSpan _shown;
        private bool _drawn;

        public void Report(MonthEndProgress value)
        {
            lock (_lock)
            {
                if (!terminal)
                {
                    _output.WriteLine(string.Create(
                        CultureInfo.InvariantCulture,
                        $"chunk {value.Chunk} worker {value.Worker}: {value.Accounts} accounts, {value.Closed} closed, {value.Skipped} skipped, "
                        + $"{value.Conflicts} conflicts; {value.Done} done of {value.Due} due, {value.Rate:F0}/s"));
                    return;
                }

                if (_drawn && value.Elapsed - _shown < TimeSpan.FromMilliseconds(100) && value.Done < value.Due)
                {
                    return;
                }

                _shown = value.Elapsed;
                _drawn = true;
                double percent = value.Due > 0 ? 100.0 * value.Done / value.Due : 100;
                string left = value.Left is { } l ? l.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture) : "?";
                _output.Write(string.Create(
                    CultureInfo.InvariantCulture, $"\r  {value.Done:N0} / {value.Due:N0} accounts ({percent:F1} %), {value.Rate:N0}/s, {left} left   "));
            }
        }

        public void Finish()
        {
            lock (_lock)
            {
                if (_drawn)
                {
                    _output.WriteLine();
                }
            }
        }
    }

    internal static Instant ParseInstant(string text)
        => InstantPattern.ExtendedIso.Parse(text) is { Success: true } parsed ? parsed.Value
            : OffsetDateTimePattern.ExtendedIso.Parse(text) is { Success: true } offset ? offset.Value.ToInstant()
            : LocalDatePattern.Iso.Parse(text) is { Success: true } date ? date.Value.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant()
            : throw new UsageException($"\"{text}\" is not an instant (2025-03-15T00:00:00Z, or a date: 2025-03-15)");

    private static int Int(Dictionary<string, string> options, string name, int? fallback, string usage)
        => options.TryGetValue(name, out string? text)
            ? int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) && value >= 0 ? value : throw new UsageException($"--{name}: \"{text}\" is not a count")
            : fallback ?? throw new UsageException(usage);

    /// <summary>The command's own <c>--name value</c> options; <c>--Section:Key=value</c> arguments are configuration.</summary>
    private static Dictionary<string, string> Options(string[] args, out string[] configuration)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        var rest = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal) && args[i].Contains('=', StringComparison.Ordinal))
            {
                rest.Add(args[i]);
            }
            else if (args[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length)
            {
                options[args[i][2..]] = args[++i];
            }
            else
            {
                throw new UsageException($"unexpected argument \"{args[i]}\"");
            }
        }

        configuration = [.. rest];
        return options;
    }

    private sealed class UsageException(string message) : Exception(message);
}
