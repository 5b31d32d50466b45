using Relief.Workflows.Hierarchy;

namespace Relief.Workflows.Cases;

/// <summary>
/// A running case as ops and the administrator inspect it (issue 15): the workflow version it runs, its tokens and
/// everything it waits for (tasks, the notice, the payment, timers), the variables its conditions read, the effects
/// not yet acknowledged, its incidents, and each journalled step with the trace it ran in.
/// </summary>
[GenerateSerializer, Immutable, Alias("Relief.CaseInstanceView")]
public sealed record CaseInstanceView(
    [property: Id(0)] Guid Id,
    [property: Id(1)] Guid ProgrammeId,
    [property: Id(2)] string BranchCode,
    [property: Id(3)] CaseStatus Status,
    [property: Id(4)] int Version,
    [property: Id(5)] int DefinitionVersion,
    [property: Id(6)] IReadOnlyList<InstanceToken> Tokens,
    [property: Id(7)] IReadOnlyList<InstanceWait> Waits,
    [property: Id(8)] IReadOnlyDictionary<string, string> Variables,
    [property: Id(9)] IReadOnlyList<CaseIntent> PendingEffects,
    [property: Id(10)] IReadOnlyList<CaseIncident> Incidents,
    [property: Id(11)] IReadOnlyList<CaseJournalEntry> Journal,
    [property: Id(12)] string? EndedAs);

/// <summary>A position of the case in its graph, and the forks it is inside of (innermost last).</summary>
[GenerateSerializer, Immutable, Alias("Relief.InstanceToken")]
public sealed record InstanceToken([property: Id(0)] Guid Id, [property: Id(1)] string Node, [property: Id(2)] IReadOnlyList<string> Forks);

/// <summary>What the case waits for at a node: its id (a task's id), kind, unit and level, roles, deadline, votes cast, the need followed up.</summary>
[GenerateSerializer, Immutable, Alias("Relief.InstanceWait")]
public sealed record InstanceWait(
    [property: Id(0)] Guid Id,
    [property: Id(1)] Guid Token,
    [property: Id(2)] string Node,
    [property: Id(3)] string Kind,
    [property: Id(4)] OrgLevel? Level,
    [property: Id(5)] string? UnitCode,
    [property: Id(6)] IReadOnlyList<string> Roles,
    [property: Id(7)] DateTimeOffset? DueAt,
    [property: Id(8)] IReadOnlyList<string> Voted,
    [property: Id(9)] string? Item);
