using Relief.Workflows.Cases;
using Relief.Workflows.Common;

namespace Relief.Workflows.Migrations;

/// <summary>Where a migration stands: running, or completed.</summary>
public enum MigrationStatus
{
    Running,
    Completed,
}

/// <summary>A case the migration left as it was, and why.</summary>
[GenerateSerializer, Immutable, Alias("Relief.MigrationRefusal")]
public sealed record MigrationRefusal([property: Id(0)] Guid CaseId, [property: Id(1)] IReadOnlyList<string> WaitingAt, [property: Id(2)] string Reason);

/// <summary>A migration as its page shows it: what it does, who started it, how far it has got.</summary>
[GenerateSerializer, Immutable, Alias("Relief.MigrationView")]
public sealed record MigrationView(
    [property: Id(0)] Guid Id,
    [property: Id(1)] Guid ProgrammeId,
    [property: Id(2)] MigrationOrder Order,
    [property: Id(3)] MigrationStatus Status,
    [property: Id(4)] string StartedBy,
    [property: Id(5)] DateTimeOffset StartedAt,
    [property: Id(6)] DateTimeOffset? FinishedAt,
    [property: Id(7)] int Total,
    [property: Id(8)] int Migrated,
    [property: Id(9)] int Refused,
    [property: Id(10)] int Skipped,
    [property: Id(11)] IReadOnlyList<MigrationRefusal> Refusals);

/// <summary>
/// One migration of a programme's running cases from a workflow version to another (issue 15), carried out in
/// batches in case-id order. Where it stands is stored after every batch, and the batch under way before it
/// starts: killed midway, it resumes from there (at its next activation or reminder) and does no case twice.
/// </summary>
[Alias("Relief.IWorkflowMigrationGrain")]
public interface IWorkflowMigrationGrain : IGrainWithGuidKey
{
    /// <summary>Starts the migration of <paramref name="total"/> running cases; starting it again changes nothing.</summary>
    [Alias("Start")]
    Task<CommandResult> Start(Guid programmeId, MigrationOrder order, int total, Actor actor);

    /// <summary>Where the migration stands; null for none. Asking resumes one that a crash interrupted.</summary>
    [Alias("Describe")]
    Task<MigrationView?> Describe();
}
