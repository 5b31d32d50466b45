using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using Relief.Silo.Configuration;

namespace Relief.Integration.Tests.Infrastructure;

/// <summary>A fresh, real database for one test: a SQLite file in a temporary folder, or a new PostgreSQL database.</summary>
public sealed class TestStorage : IAsyncDisposable
{
    private TestStorage(StorageSettings settings) => Settings = settings;

    public StorageSettings Settings { get; }

    public StorageMode Mode => Settings.Mode;

    /// <summary>The ID-hashing key the PostgreSQL silos share in tests (embedded mode makes its own).</summary>
    public static string IdentityKey { get; } = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    public static async Task<TestStorage> Create(StorageMode mode)
    {
        if (mode == StorageMode.Embedded)
        {
            var folder = Path.Combine(Path.GetTempPath(), "relief-test-" + Guid.NewGuid().ToString("N")[..12]);
            return new TestStorage(new StorageSettings { Mode = mode, DataFolder = folder });
        }
        TestPostgres.SkipUnlessAvailable();
        var connectionString = await TestPostgres.CreateDatabase();
        return new TestStorage(new StorageSettings
        {
            Mode = mode,
            DataFolder = Path.GetTempPath(),
            PostgresConnectionString = connectionString,
        });
    }

    /// <summary>The settings as configuration entries, the way a silo process or a test silo reads them.</summary>
    public IEnumerable<KeyValuePair<string, string?>> AsConfiguration()
    {
        yield return new("Relief:Storage:Mode", Settings.Mode.ToString());
        yield return new("Relief:Storage:DataFolder", Settings.DataFolder);
        if (Settings.PostgresConnectionString is { } connectionString)
        {
            yield return new("Relief:Storage:ConnectionString", connectionString);
            yield return new("Relief:Privacy:IdentityKey", IdentityKey);
        }
    }

    /// <summary>Runs a statement against the database (a test's trigger that makes a store refuse its writes).</summary>
    public async Task Execute(string sql)
    {
        await using var connection = await Connect();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Runs a scalar query against the database, to look at what was stored.</summary>
    public async Task<T> Scalar<T>(string sql)
    {
        await using var connection = await Connect();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var value = await command.ExecuteScalarAsync();
        return (T)Convert.ChangeType(value!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<DbConnection> Connect()
    {
        DbConnection connection = Mode == StorageMode.Embedded
            ? new SqliteConnection(Settings.ConnectionString)
            : new NpgsqlConnection(Settings.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        if (Mode == StorageMode.PostgreSql)
        {
            await TestPostgres.DropDatabase(Settings.ConnectionString);
        }
        else
        {
            SqliteConnection.ClearAllPools();
            if (Directory.Exists(Settings.DataFolder))
            {
                Directory.Delete(Settings.DataFolder, recursive: true);
            }
        }
    }
}
