namespace Relief.Workflows.SpotChecks;

/// <summary>What an auditor found when re-verifying a sampled case.</summary>
public enum SpotCheckVerdict
{
    /// <summary>The case holds up.</summary>
    Confirmed,

    /// <summary>否决: the case is rejected, its money and quota place released; a paid case is flagged for recovery.</summary>
    Vetoed,
}

/// <summary>Everything a new spot check starts from: who drew what, from how many cases, with which seed.</summary>
[GenerateSerializer, Immutable, Alias("Relief.SpotCheckDrawing")]
public sealed record SpotCheckDrawing(
    [property: Id(0)] Guid ProgrammeId,
    [property: Id(1)] string Unit,
    [property: Id(2)] decimal Percent,
    [property: Id(3)] long Seed,
    [property: Id(4)] int Population,
    [property: Id(5)] IReadOnlyList<ApprovedCase> Sample,
    [property: Id(6)] Common.Actor DrawnBy,
    [property: Id(7)] DateTimeOffset DrawnAt);

/// <summary>A sampled case and the finding on it, if any yet.</summary>
[GenerateSerializer, Immutable, Alias("Relief.SpotCheckLine")]
public sealed record SpotCheckLine(
    [property: Id(0)] Guid CaseId,
    [property: Id(1)] string SubUnit,
    [property: Id(2)] SpotCheckVerdict? Verdict,
    [property: Id(3)] string? Note,
    [property: Id(4)] string? FoundBy,
    [property: Id(5)] bool RecoveryDue);

/// <summary>One step of a spot check: the draw, a finding, a veto.</summary>
[GenerateSerializer, Immutable, Alias("Relief.SpotCheckJournalEntry")]
public sealed record SpotCheckJournalEntry(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string Actor,
    [property: Id(2)] string Step,
    [property: Id(3)] Guid? CaseId,
    [property: Id(4)] string Detail);

[GenerateSerializer, Immutable, Alias("Relief.SpotCheckView")]
public sealed record SpotCheckView(
    [property: Id(0)] Guid Id,
    [property: Id(1)] Guid ProgrammeId,
    [property: Id(2)] string Unit,
    [property: Id(3)] decimal Percent,
    [property: Id(4)] long Seed,
    [property: Id(5)] int Population,
    [property: Id(6)] IReadOnlyList<SpotCheckLine> Lines,
    [property: Id(7)] IReadOnlyList<SpotCheckJournalEntry> Journal);

[GenerateSerializer, Alias("Relief.SpotCheckState")]
public sealed class SpotCheckState
{
    [Id(0)] public SpotCheckDrawing? Drawing { get; set; }
    [Id(1)] public List<SpotCheckLine> Lines { get; set; } = [];
    [Id(2)] public List<SpotCheckJournalEntry> Journal { get; set; } = [];
}
