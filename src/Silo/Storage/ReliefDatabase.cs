using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Relief.Silo.Configuration;

namespace Relief.Silo.Storage;

/// <summary>Connections and commands for Relief's own tables, in the database of the grain state, scoped to the service id.</summary>
public sealed class ReliefDatabase(StorageSettings settings, IOptions<ClusterOptions> cluster, EmbeddedWriteGate gate)
{
    private readonly string _serviceId = cluster.Value.ServiceId;

    public async Task<DbConnection> Open(CancellationToken cancellationToken)
    {
        DbConnection connection = settings.Mode == StorageMode.Embedded
            ? new SqliteConnection(settings.ConnectionString)
            : new NpgsqlConnection(settings.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <summary>Whether this is the embedded SQLite file (one writer, in process) rather than a PostgreSQL server.</summary>
    public bool IsEmbedded => settings.Mode == StorageMode.Embedded;

    /// <summary>The writer's turn for a statement or transaction that writes (see <see cref="EmbeddedWriteGate"/>).</summary>
    public ValueTask<IDisposable> Writing(CancellationToken cancellationToken) => gate.Enter(cancellationToken);

    /// <summary>A command with <c>@service</c> bound to this cluster's service id.</summary>
    public DbCommand Command(DbConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        Add(command, "service", _serviceId);
        return command;
    }

    /// <summary>A command not yet on any connection, with <c>@service</c> bound: the <see cref="GroupCommit"/> runs it on its own.</summary>
    public DbCommand Detached(string sql)
    {
        DbCommand command = IsEmbedded ? new SqliteCommand() : new NpgsqlCommand();
        command.CommandText = sql;
        Add(command, "service", _serviceId);
        return command;
    }

    public static void AddInstant(DbCommand command, string name, DateTimeOffset? instant)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = instant is { } value ? value.ToUnixTimeMilliseconds() : DBNull.Value;
        parameter.DbType = System.Data.DbType.Int64;
        command.Parameters.Add(parameter);
    }

    /// <summary>A parameter of a stated type, null or not: PostgreSQL must know the type of a null it compares with a number column.</summary>
    public static void AddTyped(DbCommand command, string name, object? value, System.Data.DbType type)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        parameter.DbType = type;
        command.Parameters.Add(parameter);
    }

    public static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        if (value is null)
        {
            parameter.DbType = System.Data.DbType.String;
        }
        command.Parameters.Add(parameter);
    }
}
