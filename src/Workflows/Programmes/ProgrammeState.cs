using Relief.Workflows.Definitions;

namespace Relief.Workflows.Programmes;

public enum ProgrammeStatus
{
    Draft,
    Published,
}

/// <summary>
/// One saved version of the workflow; cases record the version they run. <see cref="Json"/> is what the
/// administrator saved, in either form; <see cref="Definition"/> is its compact form when it was saved in it;
/// <see cref="Graph"/> is the graph the cases run (the compact form expanded, or the graph as saved).
/// </summary>
[GenerateSerializer, Immutable, Alias("Relief.WorkflowVersion")]
public sealed record WorkflowVersion(
    [property: Id(0)] int Version,
    [property: Id(1)] string Json,
    [property: Id(2)] WorkflowDefinition? Definition,
    [property: Id(3)] DateTimeOffset SavedAt,
    [property: Id(4)] string SavedBy,
    [property: Id(5)] string? Graph = null)
{
    /// <summary>The graph to run; a version saved before graphs existed is expanded from its compact form.</summary>
    public string GraphJson => Graph ?? Engine.Definitions.CompactRoute.Expand(Definition!).ToJsonString();
}

/// <summary>A change to a programme and who made it.</summary>
[GenerateSerializer, Immutable, Alias("Relief.ProgrammeJournalEntry")]
public sealed record ProgrammeJournalEntry(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string Actor,
    [property: Id(2)] string What);

/// <summary>What a programme grain persists.</summary>
[GenerateSerializer, Alias("Relief.ProgrammeState")]
public sealed class ProgrammeState
{
    [Id(0)] public ProgrammeTerms? Terms { get; set; }
    [Id(1)] public ProgrammeStatus Status { get; set; }
    [Id(2)] public List<WorkflowVersion> Workflows { get; set; } = [];
    [Id(3)] public List<ProgrammeJournalEntry> Journal { get; set; } = [];

    /// <summary>A workflow being designed, kept as written (problems and all) until it is published as a version.</summary>
    [Id(4)] public WorkflowDraft? Draft { get; set; }
}

/// <summary>A workflow draft: the definition as the designer left it, when and by whom. No case runs a draft.</summary>
[GenerateSerializer, Immutable, Alias("Relief.WorkflowDraft")]
public sealed record WorkflowDraft(
    [property: Id(0)] string Json,
    [property: Id(1)] DateTimeOffset SavedAt,
    [property: Id(2)] string SavedBy);
