using System;
using System.Globalization;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace AgencyConnects.Domain.Benchmarks.Database;

/// <summary>
/// The largest peak resident set of the benchmark process over a case's iterations, as the process recorded it
/// (<see cref="BenchmarkDatabases.RecordPeakWorkingSet"/>): the client's memory during the timed work, not the server's.
/// </summary>
public sealed class PeakWorkingSetColumn : IColumn
{
    public string Id => nameof(PeakWorkingSetColumn);

    public string ColumnName => "Peak WS";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Size;

    public string Legend => "Peak working set (resident memory) of the benchmark process during an iteration, reset after the setup; the largest over the iterations";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        ArgumentNullException.ThrowIfNull(benchmarkCase);
        object? accounts = benchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == "Accounts")?.Value;
        if (accounts is not int count)
        {
            return "-";
        }

        string file = BenchmarkDatabases.PeakFile($"{benchmarkCase.Descriptor.Type.Name}.{benchmarkCase.Descriptor.WorkloadMethod.Name}", count);
        if (!File.Exists(file))
        {
            return "?";
        }

        long[] peaks = [.. File.ReadAllLines(file).Where(l => l.Length > 0).Select(l => long.Parse(l, CultureInfo.InvariantCulture))];
        return peaks.Length == 0 ? "?" : string.Create(CultureInfo.InvariantCulture, $"{peaks.Max() / 1048576.0:F0} MiB");
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
