using Npgsql;

namespace Relief.Integration.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL server that <c>./build.sh test</c> starts (its connection string in RELIEF_TEST_POSTGRES).
/// Each test storage gets a database of its own, so tests never see each other's rows.
/// </summary>
public static class TestPostgres
{
    public const string Variable = "RELIEF_TEST_POSTGRES";

    public static string? AdminConnectionString => Environment.GetEnvironmentVariable(Variable);

    public static bool Available => !string.IsNullOrWhiteSpace(AdminConnectionString);

    /// <summary>Skips the calling test when no server was started (the build script refuses that under CI=true).</summary>
    public static void SkipUnlessAvailable() =>
        Skip.IfNot(Available, $"{Variable} is not set: PostgreSQL tests run under ./build.sh test");

    public static async Task<string> CreateDatabase()
    {
        var name = "relief_test_" + Guid.NewGuid().ToString("N")[..12];
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ToString();
    }

    public static async Task DropDatabase(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
