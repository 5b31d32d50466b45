using Relief.Workflows.Cases;
using Relief.Workflows.Engine.Runtime;
using Relief.Workflows.Engine.Simulation;
using Relief.Workflows.Funds;
using Relief.Workflows.Hierarchy;

namespace Relief.Api.Programmes;

/// <summary>A simulated case in the words of the designer's page: each place named by unit code and name, money in yuan.</summary>
public sealed record SimulationResponse(
    int Version,
    Money Amount,
    IReadOnlyList<SimulationResponse.PathStep> Path,
    IReadOnlyList<SimulationResponse.Task> Tasks,
    IReadOnlyList<SimulationResponse.Timer> Timers,
    IReadOnlyList<SimulationResponse.Movement> Effects,
    IReadOnlyList<SimulationResponse.Notice> Notices,
    IReadOnlyList<SimulationResponse.Wait> Waiting,
    string? EndedAs,
    string? StoppedAt,
    DateTimeOffset EndsAt)
{
    public sealed record PathStep(DateTimeOffset At, string Name, string Node, string Kind, string? Outcome, string? Detail);

    public sealed record Task(string Node, string? Title, string Kind, OrgLevel? Level, string? UnitCode, string? UnitName, IReadOnlyList<string> Roles,
        DateTimeOffset OpenedAt, DateTimeOffset? DueAt, string? Item);

    /// <summary>A deadline or a timer: when it was set, when it falls due, and whether the script let it fire.</summary>
    public sealed record Timer(string Node, string Kind, DateTimeOffset SetAt, DateTimeOffset FiresAt, bool Fired);

    /// <summary>A quota place taken or given back, money set aside, paid or released, a notice asked for, at a unit.</summary>
    public sealed record Movement(DateTimeOffset At, string Kind, string Node, string UnitCode, string? UnitName, Money? Amount);

    public sealed record Notice(string Node, OrgLevel Level, string UnitCode, string? UnitName, DateTimeOffset PublishedAt, bool PublishedByItself,
        DateOnly FirstDay, DateOnly LastDay, DateTimeOffset ClosesAt, bool Provisional);

    public sealed record Wait(string Node, string Kind, OrgLevel? Level, string? UnitCode, DateTimeOffset? DueAt, string? Item);

    public static async Task<SimulationResponse> Of(int version, Money amount, string branchCode, SimulatedRun run, WorkflowRuntime runtime, IGrainFactory grains)
    {
        string UnitOf(string node) => CaseUnits.Of(runtime.Definition.Node(node), branchCode);
        string? LevelUnit(OrgLevel? level) => level is { } at ? CaseUnits.At(at, branchCode) : null;
        var codes = run.Tasks.Select(t => LevelUnit(t.At)).Concat(run.Effects.Select(e => UnitOf(e.Effect.Node)))
            .Concat(run.Notices.Select(n => LevelUnit(n.Level))).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var names = await Common.UnitNames.Of(grains, codes);
        string? NameOf(string? code) => code is not null && names.TryGetValue(code, out var name) ? name : null;

        var fired = run.Path.Where(s => s.Step.Outcome is "timeout" || s.Step.Kind == "timer").Select(s => s.Step.Node).ToHashSet(StringComparer.Ordinal);
        return new SimulationResponse(
            version,
            amount,
            [.. run.Path.Where(s => s.Name is not null).Select(s => new PathStep(s.At, s.Name!, s.Step.Node, s.Step.Kind, s.Step.Outcome, s.Step.Detail))],
            [.. run.Tasks.Select(t => new Task(t.Node, runtime.Definition.Node(t.Node).Title, t.Kind, t.At, LevelUnit(t.At), NameOf(LevelUnit(t.At)), t.Roles,
                t.OpenedAt, t.DueAt, t.Item))],
            [.. run.Tasks.Where(t => t.DueAt is not null).Select(t => new Timer(t.Node, t.Kind, t.OpenedAt, t.DueAt!.Value, fired.Contains(t.Node)))],
            [.. run.Effects.Select(e => new Movement(e.At, e.Effect.Kind, e.Effect.Node, UnitOf(e.Effect.Node), NameOf(UnitOf(e.Effect.Node)),
                e.Effect.Kind is EffectKinds.Reserve or EffectKinds.Disburse or EffectKinds.Release ? amount : null))],
            [.. run.Notices.Select(n => new Notice(n.Node, n.Level, LevelUnit(n.Level)!, NameOf(LevelUnit(n.Level)), n.PublishedAt, n.PublishedByItself,
                n.Window.FirstDay, n.Window.LastDay, n.Window.ClosesAt, n.Window.Provisional))],
            [.. run.Waiting.Select(b => new Wait(b.Node, b.Kind, b.At, LevelUnit(b.At), b.DueAt, b.Item))],
            run.EndedAs,
            run.StoppedAt,
            run.EndsAt);
    }
}
