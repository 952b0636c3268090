using System;
using System.Diagnostics;

namespace AgencyConnects.Domain.Benchmarks;

internal static class TmpProfile
{
    public static void Run()
    {
        var b = new MonthEndRolloverBenchmarks { Accounts = 1_000_000 };
        b.Setup();
        Measure("raw", () => b.RawArrays());
        Measure("endof", () => b.TmpEndOf());
        Measure("rule", () => b.TmpRule());
        Measure("rollover", () => b.TmpRollover());
        Measure("library", () => b.Library());
    }

    private static void Measure(string name, Func<object> action)
    {
        double best = double.MaxValue;
        for (int i = 0; i < 15; i++)
        {
            var sw = Stopwatch.StartNew();
            action();
            best = Math.Min(best, sw.Elapsed.TotalMilliseconds);
        }

        Console.WriteLine($"{name}: {best:F1} ms");
    }
}
