namespace Relief.Silo.Configuration;

/// <summary>Where the silo keeps its state and how it finds the other silos.</summary>
public enum StorageMode
{
    /// <summary>One silo, localhost clustering, grain state and reminders in a SQLite file.</summary>
    Embedded,

    /// <summary>Several silos: clustering, grain state and reminders in PostgreSQL.</summary>
    PostgreSql,
}
