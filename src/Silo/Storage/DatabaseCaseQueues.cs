using System.Data.Common;
using System.Globalization;
using Relief.Workflows.Funds;
using Relief.Workflows.Hierarchy;
using Relief.Workflows.Queues;

namespace Relief.Silo.Storage;

/// <summary>
/// The inboxes as rows of <c>relief_inbox</c> (one per open task), read here; they are written by the case storage in
/// the transaction of the case's own state (<see cref="CaseGrainStorage"/>, ADR 18).
/// </summary>
public sealed class DatabaseCaseQueues(ReliefDatabase database) : ICaseQueues
{
    public async Task<Guid?> CaseOfTask(Guid taskId, CancellationToken cancellationToken = default)
    {
        await using var connection = await Open(cancellationToken);
        await using var command = Command(connection, "SELECT case_id FROM relief_task WHERE service_id = @service AND task_id = @task;");
        Add(command, "task", taskId.ToString());
        return await command.ExecuteScalarAsync(cancellationToken) is string caseId ? Guid.Parse(caseId) : null;
    }

    public Task<QueuePage> Read(QueueQuery query, CancellationToken cancellationToken = default) => ReadPage("""
        WHERE service_id = @service AND programme_id = @programme AND unit_code = @unit AND waiting_for = @waiting_for
          AND (@category IS NULL OR category = @category) AND (@branch IS NULL OR branch_code = @branch)
          AND (@overdue_at IS NULL OR due_at_ms <= @overdue_at)
        """, command =>
        {
            Add(command, "programme", query.ProgrammeId.ToString());
            Add(command, "unit", query.UnitCode);
            Add(command, "waiting_for", query.WaitingFor.ToString());
            Add(command, "category", query.Category);
            Add(command, "branch", query.BranchCode);
            AddInstant(command, "overdue_at", query.OverdueAt);
        }, query.Offset, query.Limit, cancellationToken);

    public Task<QueuePage> ReadEscalations(EscalationQuery query, CancellationToken cancellationToken = default) => ReadPage("""
        WHERE service_id = @service AND programme_id = @programme AND parent_code = @parent AND escalates_at_ms <= @at
        """, command =>
        {
            Add(command, "programme", query.ProgrammeId.ToString());
            Add(command, "parent", query.ParentCode);
            Add(command, "at", query.At.ToUnixTimeMilliseconds());
        }, query.Offset, query.Limit, cancellationToken);

    public async Task<IReadOnlyList<QueueDepth>> Depths(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        // An org code's depth is its number of dashes plus one (CN-44-03-05 is a district); its province is its first
        // five characters (CN-44), the national unit's its own code (CN). Still one grouped query over the table.
        await using var connection = await Open(cancellationToken);
        await using var command = Command(connection, """
            SELECT programme_id, length(unit_code) - length(replace(unit_code, '-', '')) + 1 AS depth, substr(unit_code, 1, 5) AS province,
                   count(*), min(waiting_since_ms), sum(CASE WHEN due_at_ms <= @now THEN 1 ELSE 0 END)
            FROM relief_inbox
            WHERE service_id = @service AND waiting_for = 'Decision'
            GROUP BY programme_id, length(unit_code) - length(replace(unit_code, '-', '')) + 1, substr(unit_code, 1, 5);
            """);
        Add(command, "now", now.ToUnixTimeMilliseconds());
        var depths = new List<QueueDepth>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            depths.Add(new QueueDepth(
                Guid.Parse(reader.GetString(0)),
                (OrgLevel)Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture),
                reader.GetString(2),
                Convert.ToInt32(reader.GetValue(3), CultureInfo.InvariantCulture),
                Instant(reader, 4),
                reader.IsDBNull(5) ? 0 : Convert.ToInt32(reader.GetValue(5), CultureInfo.InvariantCulture)));
        }
        return depths;
    }

    private const string Columns = """
        case_id, programme_id, unit_code, waiting_for, branch_code, category, amount_fen, masked_name,
        waiting_since_ms, case_version, due_at_ms, escalates_at_ms, task_id, node, title, roles
        """;

    /// <summary>The total of queue rows matching <paramref name="where"/> and one page of them, oldest first.</summary>
    private async Task<QueuePage> ReadPage(string where, Action<DbCommand> bind, int offset, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await Open(cancellationToken);
        await using var count = Command(connection, $"SELECT count(*) FROM relief_inbox {where};");
        await using var page = Command(connection, $"""
            SELECT {Columns}
            FROM relief_inbox {where}
            ORDER BY waiting_since_ms, case_id
            LIMIT @limit OFFSET @offset;
            """);
        bind(count);
        bind(page);
        Add(page, "limit", limit);
        Add(page, "offset", offset);
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
                reader.GetInt32(9),
                Instant(reader, 10),
                Instant(reader, 11),
                Guid.Parse(reader.GetString(12)),
                reader.GetString(13),
                reader.GetString(14),
                reader.GetString(15).Split(',', StringSplitOptions.RemoveEmptyEntries)));
        }
        return new QueuePage(items, total);
    }

    private static DateTimeOffset? Instant(DbDataReader reader, int column) =>
        reader.IsDBNull(column) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(column));

    private Task<DbConnection> Open(CancellationToken cancellationToken) => database.Open(cancellationToken);

    private DbCommand Command(DbConnection connection, string sql) => database.Command(connection, sql);

    private static void Add(DbCommand command, string name, object? value) => ReliefDatabase.Add(command, name, value);

    private static void AddInstant(DbCommand command, string name, DateTimeOffset? instant) => ReliefDatabase.AddInstant(command, name, instant);
}
