namespace Relief.Workflows.Cases;

/// <summary>A migration's order to one case: from which version to which, the node map, and why (issue 15).</summary>
[GenerateSerializer, Immutable, Alias("Relief.MigrationOrder")]
public sealed record MigrationOrder(
    [property: Id(0)] Guid Id,
    [property: Id(1)] int From,
    [property: Id(2)] int To,
    [property: Id(3)] IReadOnlyDictionary<string, string> NodeMap,
    [property: Id(4)] string Reason);

/// <summary>What a migration did to one case (or, in a dry run, would do).</summary>
public enum MigrationOutcome
{
    /// <summary>Moved to the new version (a dry run: would be).</summary>
    Migrated,

    /// <summary>This migration moved it before (a batch run again after a crash): nothing done twice.</summary>
    AlreadyMigrated,

    /// <summary>It waits where the new version has nothing of its kind and the map names nothing: left as it was.</summary>
    Refused,

    /// <summary>Not running at the version migrated from (ended, or on another version): left alone.</summary>
    NotAtVersion,
}

/// <summary>One case's answer to a migration: where it waits now and where it lands, or why it stays.</summary>
[GenerateSerializer, Immutable, Alias("Relief.CaseMigration")]
public sealed record CaseMigration(
    [property: Id(0)] MigrationOutcome Outcome,
    [property: Id(1)] IReadOnlyList<string> From,
    [property: Id(2)] IReadOnlyList<string> To,
    [property: Id(3)] string? Reason = null);
