namespace Relief.Workflows.Programmes;

/// <summary>A programme as the API shows it.</summary>
[GenerateSerializer, Immutable, Alias("Relief.ProgrammeView")]
public sealed record ProgrammeView(
    [property: Id(0)] Guid Id,
    [property: Id(1)] ProgrammeStatus Status,
    [property: Id(2)] ProgrammeTerms Terms,
    [property: Id(3)] int? CurrentWorkflowVersion,
    [property: Id(4)] IReadOnlyList<ProgrammeJournalEntry> Journal);

/// <summary>What filing a case needs from its programme, in one call.</summary>
[GenerateSerializer, Immutable, Alias("Relief.FilingTerms")]
public sealed record FilingTerms(
    [property: Id(0)] ProgrammeStatus Status,
    [property: Id(1)] ProgrammeTerms Terms,
    [property: Id(2)] WorkflowVersion? Workflow);
