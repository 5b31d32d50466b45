using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using Relief.Silo.Configuration;

namespace Relief.Silo.Storage;

/// <summary>
/// Applies our schema scripts that the database has not seen yet, each in its own transaction together
/// with its row in <c>relief_schema_version</c>. Safe to run from several silos at once: PostgreSQL takes an
/// advisory lock, SQLite an immediate (write) transaction. Running it again applies nothing.
/// </summary>
public sealed class SchemaMigrator(StorageSettings settings, ILogger<SchemaMigrator> logger)
{
    private const long PostgresLockKey = 0x52454C49454600; // "RELIEF": one lock for every Relief migrator.

    private const string VersionTable = """
        CREATE TABLE IF NOT EXISTS relief_schema_version (
            version    integer NOT NULL PRIMARY KEY,
            name       text    NOT NULL,
            applied_at text    NOT NULL
        );
        """;

    /// <summary>Applies what is missing and returns the scripts applied by this call.</summary>
    public async Task<IReadOnlyList<SchemaScript>> Apply(CancellationToken cancellationToken)
    {
        var scripts = SchemaScript.For(settings.Mode);
        return settings.Mode == StorageMode.Embedded
            ? await ApplySqlite(scripts, cancellationToken)
            : await ApplyPostgres(scripts, cancellationToken);
    }

    private async Task<IReadOnlyList<SchemaScript>> ApplySqlite(IReadOnlyList<SchemaScript> scripts, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(settings.DataFolder);
        await using var connection = new SqliteConnection(settings.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        // WAL lets readers and one writer work at once; it is a property of the file, set outside a transaction.
        await Execute(connection, null, "PRAGMA journal_mode = WAL;", cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var applied = await ApplyPending(connection, transaction, scripts, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return applied;
    }

    private async Task<IReadOnlyList<SchemaScript>> ApplyPostgres(IReadOnlyList<SchemaScript> scripts, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(settings.MigrationConnectionString);
        await connection.OpenAsync(cancellationToken);
        await Execute(connection, null, $"SELECT pg_advisory_lock({PostgresLockKey});", cancellationToken);
        try
        {
            var applied = new List<SchemaScript>();
            foreach (var script in scripts)
            {
                // One transaction per script, so a failure leaves the earlier ones in place and recorded.
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                applied.AddRange(await ApplyPending(connection, transaction, [script], cancellationToken));
                await transaction.CommitAsync(cancellationToken);
            }
            return applied;
        }
        finally
        {
            await Execute(connection, null, $"SELECT pg_advisory_unlock({PostgresLockKey});", CancellationToken.None);
        }
    }

    private async Task<IReadOnlyList<SchemaScript>> ApplyPending(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<SchemaScript> scripts, CancellationToken cancellationToken)
    {
        await Execute(connection, transaction, VersionTable, cancellationToken);
        var known = await ReadAppliedVersions(connection, transaction, cancellationToken);
        var applied = new List<SchemaScript>();
        foreach (var script in scripts.Where(s => !known.Contains(s.Version)))
        {
            logger.LogInformation("Applying schema script {Version:D4} {Name} to {Database}", script.Version, script.Name, settings.Describe());
            await Execute(connection, transaction, script.Sql, cancellationToken);
            await using var record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = "INSERT INTO relief_schema_version (version, name, applied_at) VALUES (@version, @name, @applied_at);";
            AddParameter(record, "version", script.Version);
            AddParameter(record, "name", script.Name);
            AddParameter(record, "applied_at", DateTimeOffset.UtcNow.ToString("O"));
            await record.ExecuteNonQueryAsync(cancellationToken);
            applied.Add(script);
        }
        return applied;
    }

    private static async Task<HashSet<int>> ReadAppliedVersions(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT version FROM relief_schema_version;";
        var versions = new HashSet<int>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            versions.Add(Convert.ToInt32(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
        }
        return versions;
    }

    private static async Task Execute(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
