using System;
using System.Collections.Generic;
using System.Globalization;
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
/// <c>seed --agencies N [--seed S]</c> and <c>month-end --at &lt;instant&gt; [--workers N] [--chunk N]</c>.
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
            await Console.Error.WriteLineAsync("cancelled: every chunk committed so far stays done; run the command again to finish").ConfigureAwait(false);
            return 130;
        }
    }

    private static async Task<int> SeedAsync(Database database, Dictionary<string, string> options, CancellationToken cancellationToken)
    {
        int agencies = Int(options, "agencies", null, "usage: seed --agencies N [--seed S]");
        int seed = Int(options, "seed", 1, "usage: seed --agencies N [--seed S]");
        Console.WriteLine($"seeding {agencies:N0} agencies (seed {seed}) into {database.Engine}...");
        SeedSummary summary = await Seeder.SeedAsync(database, agencies, seed, cancellationToken).ConfigureAwait(false);
        Console.WriteLine(
            $"seeded {summary.Agencies:N0} agencies in {summary.Elapsed.TotalSeconds:F1} s: {summary.Events:N0} events, {summary.LedgerRows:N0} ledger rows, "
            + $"{summary.Memberships:N0} memberships; {summary.Due:N0} are due for month end at {Seeder.DemoAt} (month-end --at {Seeder.DemoAt})");
        return 0;
    }

    private static Task<int> MonthEndAsync(Database database, Dictionary<string, string> options, CancellationToken cancellationToken)
        => throw new UsageException("month-end: not built yet");

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
