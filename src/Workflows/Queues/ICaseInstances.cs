namespace Relief.Workflows.Queues;

/// <summary>
/// Which cases of a programme to find (all given filters at once): waiting at a node, in a status, filed in a unit's
/// subtree, running a workflow version, past a deadline at <see cref="Now"/>, with an open incident, still running (waiting somewhere).
/// </summary>
public sealed record InstanceQuery(
    Guid ProgrammeId,
    string? Node,
    string? Status,
    string? Subtree,
    int? DefinitionVersion,
    bool OverdueOnly,
    bool IncidentOnly,
    DateTimeOffset Now,
    int Offset,
    int Limit,
    bool RunningOnly = false);

/// <summary>One case as the instances view lists it.</summary>
[GenerateSerializer, Immutable, Alias("Relief.InstanceRow")]
public sealed record InstanceRow(
    [property: Id(0)] Guid CaseId,
    [property: Id(1)] string BranchCode,
    [property: Id(2)] string Status,
    [property: Id(3)] int DefinitionVersion,
    [property: Id(4)] IReadOnlyList<string> WaitingNodes,
    [property: Id(5)] DateTimeOffset? DueAt,
    [property: Id(6)] int OpenIncidents,
    [property: Id(7)] int PendingEffects,
    [property: Id(8)] DateTimeOffset FiledAt);

public sealed record InstancePage(IReadOnlyList<InstanceRow> Items, int Total);

/// <summary>How many cases of one programme filed in one province have an open incident (for the ops metrics).</summary>
public sealed record IncidentCount(Guid ProgrammeId, string ProvinceCode, int Cases);

/// <summary>
/// The cases as their index columns say (ADR 19), written with each case's state: found by programme, node, status,
/// subtree, version, deadline and incident without asking any grain. The case grain stays the truth; a case stored
/// before schema 9 is found here after its next write.
/// </summary>
public interface ICaseInstances
{
    Task<InstancePage> Find(InstanceQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// The running cases (waiting somewhere) of a programme at a workflow version, in case-id order after
    /// <paramref name="after"/>: how a migration walks its cases in batches, resumable from the last one it did.
    /// </summary>
    Task<IReadOnlyList<InstanceRow>> Running(Guid programmeId, int definitionVersion, Guid? after, int limit, CancellationToken cancellationToken = default);

    /// <summary>How many cases of a programme are running (waiting somewhere) at a workflow version.</summary>
    Task<int> CountRunning(Guid programmeId, int definitionVersion, CancellationToken cancellationToken = default);

    /// <summary>Per programme and province: the cases with at least one open incident, across the whole service.</summary>
    Task<IReadOnlyList<IncidentCount>> OpenIncidents(CancellationToken cancellationToken = default);
}
