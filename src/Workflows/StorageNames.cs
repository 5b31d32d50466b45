namespace Relief.Workflows;

/// <summary>Names of the grain storage providers the silo registers.</summary>
public static class StorageNames
{
    /// <summary>The one durable store for all grain state (SQLite or PostgreSQL, chosen by configuration).</summary>
    public const string Relief = "relief";
}
