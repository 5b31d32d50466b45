using Microsoft.Extensions.Configuration;
using Npgsql;
using Relief.Silo.Configuration;

namespace Relief.Integration.Tests.Storage;

/// <summary>The PostgreSQL connection Relief opens: statements reused on a connection unless the operator says otherwise (ADR 18).</summary>
public sealed class PostgresConnectionSettingsTests
{
    private static StorageSettings Settings(string connectionString) => StorageSettings.FromConfiguration(new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Relief:Storage:Mode"] = "PostgreSql",
            ["Relief:Storage:ConnectionString"] = connectionString,
        }).Build());

    [Fact]
    public void A_pooled_connection_is_not_reset_when_taken_and_its_statements_are_prepared_once()
    {
        var used = new NpgsqlConnectionStringBuilder(Settings("Host=db;Database=relief;Username=relief").ConnectionString);

        Assert.True(used.NoResetOnClose);
        Assert.Equal(64, used.MaxAutoPrepare);
        Assert.Equal("db", used.Host);
    }

    [Fact]
    public void What_the_operator_sets_is_kept()
    {
        var used = new NpgsqlConnectionStringBuilder(Settings("Host=db;Database=relief;Username=relief;No Reset On Close=false;MaxAutoPrepare=0").ConnectionString);

        Assert.False(used.NoResetOnClose);
        Assert.Equal(0, used.MaxAutoPrepare);
    }

    [Fact]
    public void The_schema_migrator_takes_its_advisory_lock_on_a_connection_of_its_own()
    {
        var migration = new NpgsqlConnectionStringBuilder(Settings("Host=db;Database=relief;Username=relief").MigrationConnectionString);

        Assert.False(migration.Pooling);
    }
}
