using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Relief.Silo.Configuration;

/// <summary>
/// The storage settings (section <c>Relief:Storage</c>), read and checked once at start. A bad value is a
/// <see cref="ReliefConfigurationException"/> naming the setting, so the silo stops before doing anything.
/// </summary>
public sealed record StorageSettings
{
    public const string Section = "Relief:Storage";
    public const string SqliteFileName = "relief.db";

    public required StorageMode Mode { get; init; }

    /// <summary>Embedded mode: the folder that holds the SQLite file.</summary>
    public required string DataFolder { get; init; }

    /// <summary>PostgreSQL mode: an Npgsql connection string.</summary>
    public string? PostgresConnectionString { get; init; }

    /// <summary>The ADO.NET invariant name Orleans' providers are given.</summary>
    public string AdoNetInvariant => Mode == StorageMode.Embedded ? "System.Data.SQLite" : "Npgsql";

    public string SqliteFile => Path.Combine(DataFolder, SqliteFileName);

    /// <summary>
    /// The connection string for the configured database. For SQLite the command timeout doubles as the
    /// busy timeout: Microsoft.Data.Sqlite retries a locked database until it runs out.
    /// </summary>
    public string ConnectionString => Mode == StorageMode.Embedded
        ? new SqliteConnectionStringBuilder
        {
            DataSource = SqliteFile,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString()
        : WithStatementReuse(PostgresConnectionString!);

    /// <summary>
    /// PostgreSQL for the schema migrator: unpooled, so that the advisory lock it takes is never left on a pooled
    /// connection that is no longer reset (<see cref="WithStatementReuse"/>).
    /// </summary>
    public string MigrationConnectionString => new NpgsqlConnectionStringBuilder(PostgresConnectionString) { Pooling = false }.ToString();

    /// <summary>
    /// The PostgreSQL connection string with two of Npgsql's settings on unless it sets them itself: a pooled
    /// connection is not reset with <c>DISCARD ALL</c> each time it is taken (Relief sets no session state), and a
    /// statement run a few times on a connection is prepared there once (every step runs the same few statements).
    /// Measured in docs/performance.md (issue 14, run "after 5") and ADR 18.
    /// </summary>
    private static string WithStatementReuse(string connectionString)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Select(key => key.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant()).ToHashSet();
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!given.Contains("NORESETONCLOSE"))
        {
            builder.NoResetOnClose = true;
        }
        if (!given.Contains("MAXAUTOPREPARE"))
        {
            builder.MaxAutoPrepare = 64;
        }
        return builder.ToString();
    }

    public static StorageSettings FromConfiguration(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var modeText = section["Mode"];
        var mode = StorageMode.Embedded;
        if (!string.IsNullOrWhiteSpace(modeText) && !Relief.Api.Common.EnumNames.TryParse(modeText, out mode))
        {
            throw new ReliefConfigurationException($"{Section}:Mode",
                $"unknown storage mode '{modeText}'; use 'Embedded' (SQLite, the default) or 'PostgreSql'");
        }
        var dataFolder = section["DataFolder"];
        var settings = new StorageSettings
        {
            Mode = mode,
            DataFolder = Path.GetFullPath(string.IsNullOrWhiteSpace(dataFolder) ? ".relief-data" : dataFolder),
            PostgresConnectionString = section["ConnectionString"],
        };
        settings.Validate();
        return settings;
    }

    private void Validate()
    {
        if (Mode != StorageMode.PostgreSql)
        {
            return;
        }
        var setting = $"{Section}:ConnectionString";
        if (string.IsNullOrWhiteSpace(PostgresConnectionString))
        {
            throw new ReliefConfigurationException(setting, "PostgreSql mode needs a connection string (Host=…;Database=…;Username=…;Password=…)");
        }
        try
        {
            var parsed = new NpgsqlConnectionStringBuilder(PostgresConnectionString);
            if (string.IsNullOrWhiteSpace(parsed.Host))
            {
                throw new ReliefConfigurationException(setting, "the connection string names no Host");
            }
        }
        catch (ArgumentException ex)
        {
            throw new ReliefConfigurationException(setting, $"the connection string is malformed: {ex.Message}");
        }
    }

    /// <summary>Where the database is, for log lines; never the password.</summary>
    public string Describe() => Mode == StorageMode.Embedded
        ? $"SQLite file {SqliteFile}"
        : new NpgsqlConnectionStringBuilder(PostgresConnectionString) is var b
            ? $"PostgreSQL {b.Host}:{b.Port}/{b.Database}"
            : "PostgreSQL";
}
