namespace Relief.Workflows.Queues;

/// <summary>
/// What the instances view and workflow migrations find a case by (ADR 19), worked out from its state and written
/// in the same statement as it: its programme, branch and status, the workflow version it runs, the nodes it waits
/// at, its earliest deadline, how many incidents are open and how many effects are still unacknowledged.
/// </summary>
public sealed record CaseIndex(
    Guid ProgrammeId,
    string BranchCode,
    string Status,
    int DefinitionVersion,
    IReadOnlyList<string> WaitingNodes,
    DateTimeOffset? DueAt,
    int OpenIncidents,
    int PendingEffects,
    DateTimeOffset FiledAt)
{
    /// <summary>The nodes between bars (<c>|district|city|</c>): a node is found with <c>LIKE '%|node|%'</c>, and no id holds a bar.</summary>
    public string WaitingNodesColumn => WaitingNodes.Count == 0 ? "" : $"|{string.Join('|', WaitingNodes)}|";
}
