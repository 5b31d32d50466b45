using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Relief.Silo.Configuration;
using Relief.Workflows.Funds;
using Relief.Workflows.Queues;

namespace Relief.Silo.Storage;

/// <summary>The case queues as rows of <c>relief_case_queue</c>, in the same database as the grain state.</summary>
public sealed class DatabaseCaseQueues(StorageSettings settings, IOptions<ClusterOptions> cluster) : ICaseQueues
{
    private readonly string _serviceId = cluster.Value.ServiceId;

    public async Task Put(QueueEntry entry, CancellationToken cancellationToken = default)
    {
        await using var connection = await Open(cancellationToken);
        await using var command = Command(connection, """
            INSERT INTO relief_case_queue (service_id, unit_code, case_id, programme_id, waiting_for, branch_code, category,
                                           amount_fen, masked_name, waiting_since_ms, case_version)
            VALUES (@service, @unit, @case, @programme, @waiting_for, @branch, @category, @amount, @name, @since, @version)
            ON CONFLICT (service_id, unit_code, case_id) DO UPDATE
            SET waiting_for = excluded.waiting_for, branch_code = excluded.branch_code, category = excluded.category,
                amount_fen = excluded.amount_fen, masked_name = excluded.masked_name,
                waiting_since_ms = excluded.waiting_since_ms, case_version = excluded.case_version;
            """);
        Add(command, "unit", entry.UnitCode);
        Add(command, "case", entry.CaseId.ToString());
        Add(command, "programme", entry.ProgrammeId.ToString());
        Add(command, "waiting_for", entry.WaitingFor.ToString());
        Add(command, "branch", entry.BranchCode);
        Add(command, "category", entry.Category);
        Add(command, "amount", entry.Amount.Fen);
        Add(command, "name", entry.MaskedName);
        Add(command, "since", entry.WaitingSince.ToUnixTimeMilliseconds());
        Add(command, "version", entry.CaseVersion);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task Remove(Guid caseId, string unitCode, CancellationToken cancellationToken = default)
    {
        await using var connection = await Open(cancellationToken);
        await using var command = Command(connection,
            "DELETE FROM relief_case_queue WHERE service_id = @service AND unit_code = @unit AND case_id = @case;");
        Add(command, "unit", unitCode);
        Add(command, "case", caseId.ToString());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task RemoveAllExcept(Guid caseId, string? keepUnit, CancellationToken cancellationToken = default)
    {
        await using var connection = await Open(cancellationToken);
        await using var command = Command(connection,
            "DELETE FROM relief_case_queue WHERE service_id = @service AND case_id = @case AND (@keep IS NULL OR unit_code <> @keep);");
        Add(command, "case", caseId.ToString());
        Add(command, "keep", keepUnit);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<QueuePage> Read(QueueQuery query, CancellationToken cancellationToken = default)
    {
        const string Filter = """
            FROM relief_case_queue
            WHERE service_id = @service AND programme_id = @programme AND unit_code = @unit AND waiting_for = @waiting_for
              AND (@category IS NULL OR category = @category) AND (@branch IS NULL OR branch_code = @branch)
            """;
        await using var connection = await Open(cancellationToken);
        await using var count = Command(connection, $"SELECT count(*) {Filter};");
        await using var page = Command(connection, $"""
            SELECT case_id, programme_id, unit_code, waiting_for, branch_code, category, amount_fen, masked_name,
                   waiting_since_ms, case_version
            {Filter}
            ORDER BY waiting_since_ms, case_id
            LIMIT @limit OFFSET @offset;
            """);
        foreach (var command in new[] { count, page })
        {
            Add(command, "programme", query.ProgrammeId.ToString());
            Add(command, "unit", query.UnitCode);
            Add(command, "waiting_for", query.WaitingFor.ToString());
            Add(command, "category", query.Category);
            Add(command, "branch", query.BranchCode);
        }
        Add(page, "limit", query.Limit);
        Add(page, "offset", query.Offset);

        var total = Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        var items = new List<QueueEntry>();
        await using var reader = await page.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(new QueueEntry(
                Guid.Parse(reader.GetString(0)),
                Guid.Parse(reader.GetString(1)),
                reader.GetString(2),
                Enum.Parse<WaitingFor>(reader.GetString(3)),
                reader.GetString(4),
                reader.GetString(5),
                new Money(reader.GetInt64(6)),
                reader.GetString(7),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(8)),
                reader.GetInt32(9)));
        }
        return new QueuePage(items, total);
    }

    private async Task<DbConnection> Open(CancellationToken cancellationToken)
    {
        DbConnection connection = settings.Mode == StorageMode.Embedded
            ? new SqliteConnection(settings.ConnectionString)
            : new NpgsqlConnection(settings.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    private DbCommand Command(DbConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        Add(command, "service", _serviceId);
        return command;
    }

    private static void Add(DbCommand command, string name, object? value)
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
