using AgencyConnects.Domain.Billing;
using BenchmarkDotNet.Attributes;
using NodaTime;

namespace AgencyConnects.Domain.Benchmarks;

/// <summary>What a month-end job pays per account: one period by index, one by instant, against NodaTime's own start of day.</summary>
[MemoryDiagnoser]
public class BillingScheduleBenchmarks
{
    private BillingSchedule _schedule = null!;
    private DateTimeZone _zone = null!;
    private LocalDate _date;
    private Instant _instant;

    [GlobalSetup]
    public void Setup()
    {
        _zone = DateTimeZoneProviders.Tzdb["America/New_York"];
        _schedule = BillingSchedule.Create(new LocalDate(2024, 1, 31), _zone).AsT0;
        _date = new LocalDate(2025, 3, 31);
        _instant = Instant.FromUtc(2025, 3, 30, 12, 0);
    }

    [Benchmark(Baseline = true)]
    public Instant NodaTimeAtStartOfDay() => _zone.AtStartOfDay(_date).ToInstant();

    [Benchmark]
    public BillingPeriod Period() => _schedule.Period(14).AsT0;

    [Benchmark]
    public BillingPeriod PeriodContaining() => _schedule.PeriodContaining(_instant).AsT0;
}
