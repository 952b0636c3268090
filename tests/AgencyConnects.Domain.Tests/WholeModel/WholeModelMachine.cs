using System;
using System.Collections.Generic;
using AgencyConnects.Domain.Billing;
using FsCheck;
using FsCheck.Experimental;
using FsCheck.Fluent;
using Microsoft.FSharp.Collections;
using NodaTime;

namespace AgencyConnects.Domain.Tests.WholeModel;

/// <summary>One command as an FsCheck operation: <see cref="Run"/> steps the model, <see cref="Check"/> steps the live accounts and compares.</summary>
internal sealed class CommandOperation(Command command) : Operation<World, Model>
{
    public override bool Pre(Model model) => command.Pre(model);

    public override Model Run(Model model)
    {
        Model next = command.Run(model) with { Counter = model.Counter + 1 };
        return command is IRequestCommand ? next with { Issued = next.Issued.Add(command) } : next;
    }

    public override Property Check(World actual, Model model)
    {
        actual.Step(command, model);
        return true.ToProperty();
    }

    public override string ToString() => command.ToString();
}

/// <summary>A run's starting point: the catalog, zone, month-end policy and first instant, with an empty world and model.</summary>
internal sealed class WorldSetup(ModelSettings settings) : Setup<World, Model>
{
    public override World Actual() => new(settings);

    public override Model Model() => new() { Settings = settings, Now = settings.Start };

    public override string ToString() => settings.ToString();
}

/// <summary>
/// The whole-model state machine: random sequences of every command over a few agencies, freelancer accounts and
/// people, checked against the <see cref="Model"/> after every step.
/// </summary>
internal sealed class WholeModelMachine(ModelFlaw flaw = ModelFlaw.None) : Machine<World, Model>
{
    private static readonly string[] s_zones = ["America/New_York", "Europe/London", "Pacific/Auckland", "America/Santiago", "Australia/Lord_Howe", "Asia/Kathmandu"];

    private static Gen<ModelSettings> Settings(ModelFlaw flaw) =>
        from catalog in Gen.Frequency((3, Gen.Constant(CatalogKind.Classic)), (1, Gen.Constant(CatalogKind.Current)))
        from zone in Gen.Frequency((3, Gen.Constant(DateTimeZone.Utc)), (2, Gen.Elements(s_zones).Select(id => DateTimeZoneProviders.Tzdb[id])))
        from policy in Gen.Elements(MonthEndPolicy.ClampToMonthEnd, MonthEndPolicy.FirstOfNextMonth)
        from year in Gen.Choose(2024, 2026)
        from month in Gen.Choose(1, 12)
        from day in Gen.Frequency((1, Gen.Choose(1, 27)), (1, Gen.Choose(28, 31)))
        from minute in Gen.Choose(0, (24 * 60) - 1)
        select new ModelSettings(
            catalog,
            zone,
            policy,
            new LocalDateTime(year, month, Math.Min(day, DateTime.DaysInMonth(year, month)), 0, 0).PlusMinutes(minute).InZoneLeniently(zone).ToInstant(),
            flaw);

    public override Arbitrary<Setup<World, Model>> Setup => Arb.From(Settings(flaw).Select(s => (Setup<World, Model>)new WorldSetup(s)));

    /// <summary>A run against a deliberately flawed model only has to fail; it is not worth shrinking.</summary>
    public override IEnumerable<FSharpList<Operation<World, Model>>> ShrinkOperations(FSharpList<Operation<World, Model>> operations)
        => flaw == ModelFlaw.None ? base.ShrinkOperations(operations) : [];

    public override Gen<Operation<World, Model>> Next(Model model)
        => Gen.Choose(0, int.MaxValue).Select(seed => (Operation<World, Model>)new CommandOperation(CommandGenerator.Next(model, new Dice(seed))));
}
