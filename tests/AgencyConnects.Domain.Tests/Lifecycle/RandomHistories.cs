using System;
using System.Collections.Immutable;
using System.Globalization;
using AgencyConnects.Domain.Accounts;
using AgencyConnects.Domain.Billing;
using AgencyConnects.Domain.Plans;
using AgencyConnects.Domain.Proposals;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;
using static AgencyConnects.Domain.Tests.TestData;

namespace AgencyConnects.Domain.Tests.Lifecycle;

/// <summary>What a random history does: buy, submit, record an outcome, change plan, or let time pass.</summary>
internal enum CommandKind
{
    Buy,
    Submit,
    Outcome,
    Upgrade,
    Downgrade,
    Cancel,
    FailPayment,
    Wait,
}

/// <summary>One command of a random history, <see cref="Minutes"/> after the previous one.</summary>
/// <param name="Kind">What to do.</param>
/// <param name="A">Buy: the quantity; Submit: the cost; Outcome: which proposal.</param>
/// <param name="B">Submit: the boost; Outcome: which outcome.</param>
/// <param name="Minutes">How long after the previous command.</param>
internal readonly record struct Command(CommandKind Kind, int A, int B, int Minutes);

/// <summary>
/// A random history of one account, built through the public operations (refused commands are skipped, as a host
/// would skip them): the account kind, its catalog, time zone and month-end policy, when it opened, and its commands.
/// </summary>
internal sealed record RandomHistory(
    AccountKind Kind, PlanCatalog Catalog, DateTimeZone Zone, MonthEndPolicy Policy, Instant Opened, ImmutableArray<Command> Commands)
{
    private static readonly ProposalOutcome[] s_outcomes = Enum.GetValues<ProposalOutcome>();

    /// <summary>The account after the commands.</summary>
    public LiveAccount Build()
    {
        LiveAccount live = LiveAccount.Open(Kind, AccountSettings.Create(Catalog, Zone, Policy).AsT0, Opened);
        Instant now = Opened;
        for (int i = 0; i < Commands.Length; i++)
        {
            Command command = Commands[i];
            now = now.Plus(Duration.FromMinutes(command.Minutes));
            string name = i.ToString(CultureInfo.InvariantCulture);
            _ = command.Kind switch
            {
                CommandKind.Buy => live.Buy(live.Principal, C(command.A), Key("k" + name), now),
                CommandKind.Submit => live.Submit(Proposal("p" + name), C(command.A), C(command.B), Key("k" + name), now),
                CommandKind.Outcome => live.ProposalIds() is { IsEmpty: false } ids
                    ? live.RecordOutcome(ids[command.A % ids.Length], s_outcomes[command.B % s_outcomes.Length], now)
                    : live.CloseElapsedPeriods(now),
                CommandKind.Upgrade => live.Upgrade(live.Principal, now),
                CommandKind.Downgrade => live.ScheduleDowngrade(live.Principal, PlanChangeReason.Downgrade, now),
                CommandKind.Cancel => live.ScheduleDowngrade(live.Principal, PlanChangeReason.Cancel, now),
                CommandKind.FailPayment => live.RecordFailedPayment(now),
                _ => live.CloseElapsedPeriods(now),
            };
        }

        return live;
    }

    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"{Kind} on {Catalog} in {Zone.Id}, {Policy}, from {Opened}: {string.Join(", ", Commands)}");
}

/// <summary>Generators of random histories, over the shipped catalogs and host-built ones.</summary>
internal static class RandomHistories
{
    public static readonly PlanCatalog[] Catalogs =
    [
        PlanCatalog.Classic, PlanCatalog.Current, Lifecycle.Catalogs.CappedAndExpiring, Lifecycle.Catalogs.AllotmentOnlyCap50,
        Lifecycle.Catalogs.MixedLifetimes,
    ];

    // Etc/GMT-14 and Etc/GMT+12 never change their offset (UTC+14 and UTC-12): the month end counts their days itself.
    private static readonly string[] s_zones = ["UTC", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe", "America/Santiago", "Etc/GMT-14", "Etc/GMT+12"];

    private static Gen<Command> CommandGen { get; } = Gen.Frequency(
        (4, from quantity in Gen.Frequency((3, Gen.Elements(10, 20, 40, 60, 80, 150, 300)), (2, Gen.Choose(1, 200)), (1, Gen.Constant(0)))
            from minutes in Minutes
            select new Command(CommandKind.Buy, quantity, 0, minutes)),
        (5, from cost in Gen.Choose(0, 6)
            from boost in Gen.Frequency((3, Gen.Constant(0)), (2, Gen.Choose(1, 30)))
            from minutes in Minutes
            select new Command(CommandKind.Submit, cost, boost, minutes)),
        (3, from proposal in Gen.Choose(0, 100)
            from outcome in Gen.Choose(0, 100)
            from minutes in Minutes
            select new Command(CommandKind.Outcome, proposal, outcome, minutes)),
        (2, Minutes.Select(minutes => new Command(CommandKind.Upgrade, 0, 0, minutes))),
        (1, Minutes.Select(minutes => new Command(CommandKind.Downgrade, 0, 0, minutes))),
        (1, Minutes.Select(minutes => new Command(CommandKind.Cancel, 0, 0, minutes))),
        (1, Minutes.Select(minutes => new Command(CommandKind.FailPayment, 0, 0, minutes))),
        (2, Gen.Choose(60, 70 * 24 * 60).Select(minutes => new Command(CommandKind.Wait, 0, 0, minutes))));

    private static Gen<int> Minutes => Gen.Frequency((1, Gen.Constant(0)), (3, Gen.Choose(1, 4 * 24 * 60)));

    /// <summary>Opening instants from 2023 to 2026, on any day of the month and at any hour.</summary>
    private static Gen<Instant> Opened { get; } =
        from year in Gen.Choose(2023, 2026)
        from month in Gen.Choose(1, 12)
        from day in Gen.Frequency((1, Gen.Choose(1, 31)), (1, Gen.Choose(28, 31)))
        from minute in Gen.Choose(0, (24 * 60) - 1)
        select Instant.FromUtc(year, month, Math.Min(day, CalendarSystem.Iso.GetDaysInMonth(year, month)), 0, 0).Plus(Duration.FromMinutes(minute));

    /// <summary>A history of up to <paramref name="commands"/> commands on an account of either kind under <paramref name="catalog"/>.</summary>
    public static Gen<RandomHistory> Of(PlanCatalog catalog, int commands)
        => from kind in Gen.Elements(AccountKind.Agency, AccountKind.Freelancer)
           from zone in Gen.Elements(s_zones)
           from policy in Gen.Elements(MonthEndPolicy.ClampToMonthEnd, MonthEndPolicy.FirstOfNextMonth)
           from opened in Opened
           from length in Gen.Choose(0, commands)
           from list in Gen.ArrayOf(CommandGen, length)
           select new RandomHistory(kind, catalog, DateTimeZoneProviders.Tzdb[zone], policy, opened, [.. list]);

    /// <summary>A history under any of <see cref="Catalogs"/>.</summary>
    public static Gen<RandomHistory> Any(int commands) => Gen.Elements(Catalogs).SelectMany(catalog => Of(catalog, commands));
}
