using System.Data.Common;
using System.Globalization;
using Relief.Workflows.Funds;
using Relief.Workflows.Hierarchy;
using Relief.Workflows.Engine.Timers;
using Relief.Workflows.Queues;

namespace Relief.Silo.Storage;

/// <summary>The inboxes as rows of <c>relief_inbox</c> (one per open task), in the same database as the grain state and the wake-ups.</summary>
public sealed class DatabaseCaseQueues(ReliefDatabase database) : ICaseQueues
{
    public async Task Prepare(Guid caseId, GrainId grain, IReadOnlyList<QueueEntry> lines, DateTimeOffset recoverAt, CancellationToken cancellationToken = default)
    {
        using var turn = await database.Writing(cancellationToken);
        await using var connection = await Open(cancellationToken);
        // One command, so one round trip: PostgreSQL runs a command's statements as one implicit transaction; the
        // embedded file takes an explicit one (in process, it costs no round trip).
        await using var transaction = database.IsEmbedded ? await connection.BeginTransactionAsync(cancellationToken) : null;
        await using var command = Command(connection, WakeAtTheLatest + string.Concat(lines.Select((_, i) => Numbered(PutLine, i))));
        command.Transaction = transaction;
        Add(command, "grain", grain.ToString());
        Add(command, "shard", IWakeups.ShardOf(grain));
        AddInstant(command, "due", recoverAt);
        for (var i = 0; i < lines.Count; i++)
        {
            BindLine(command, lines[i], i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        await command.ExecuteNonQueryAsync(cancellationToken);
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }
    }

    // The case's wake-up at the given time, unless it is due earlier already.
    private const string WakeAtTheLatest = """
        INSERT INTO relief_wakeup (service_id, grain_id, shard, due_at_ms) VALUES (@service, @grain, @shard, @due)
        ON CONFLICT (service_id, grain_id) DO UPDATE
        SET due_at_ms = CASE WHEN excluded.due_at_ms < relief_wakeup.due_at_ms THEN excluded.due_at_ms ELSE relief_wakeup.due_at_ms END,
            shard = excluded.shard;
        """;

    /// <summary>The statements of one line with its parameters numbered (<c>@task</c> → <c>@task0</c>), so that several lines share a command.</summary>
    private static string Numbered(string statements, int i) =>
        System.Text.RegularExpressions.Regex.Replace(statements, @"@(?!service\b)([a-z_]+)", match => $"@{match.Groups[1].Value}{i}");

    // A line and the record of where its task belongs; a line put again (the same step retried) is updated in place.
    private const string PutLine = """
        INSERT INTO relief_inbox (service_id, task_id, case_id, unit_code, parent_code, node, title, roles, programme_id,
                                  waiting_for, branch_code, category, amount_fen, masked_name, waiting_since_ms,
                                  case_version, due_at_ms, escalates_at_ms)
        VALUES (@service, @task, @case, @unit, @parent, @node, @title, @roles, @programme, @waiting_for, @branch, @category,
                @amount, @name, @since, @version, @due, @escalates)
        ON CONFLICT (service_id, task_id) DO UPDATE
        SET unit_code = excluded.unit_code, parent_code = excluded.parent_code, node = excluded.node, title = excluded.title,
            roles = excluded.roles, waiting_for = excluded.waiting_for, branch_code = excluded.branch_code,
            category = excluded.category, amount_fen = excluded.amount_fen, masked_name = excluded.masked_name,
            waiting_since_ms = excluded.waiting_since_ms, case_version = excluded.case_version,
            due_at_ms = excluded.due_at_ms, escalates_at_ms = excluded.escalates_at_ms;
        INSERT INTO relief_task (service_id, task_id, case_id) VALUES (@service, @task, @case)
        ON CONFLICT (service_id, task_id) DO NOTHING;
        """;

    private static void BindLine(DbCommand command, QueueEntry line, string n)
    {
        Add(command, "task" + n, line.TaskId.ToString());
        Add(command, "case" + n, line.CaseId.ToString());
        Add(command, "unit" + n, line.UnitCode);
        Add(command, "parent" + n, OrgCode.Parse(line.UnitCode).Parent?.Value);
        Add(command, "node" + n, line.Node);
        Add(command, "title" + n, line.Title);
        Add(command, "roles" + n, string.Join(',', line.Roles ?? []));
        Add(command, "programme" + n, line.ProgrammeId.ToString());
        Add(command, "waiting_for" + n, line.WaitingFor.ToString());
        Add(command, "branch" + n, line.BranchCode);
        Add(command, "category" + n, line.Category);
        Add(command, "amount" + n, line.Amount.Fen);
        Add(command, "name" + n, line.MaskedName);
        Add(command, "since" + n, line.WaitingSince.ToUnixTimeMilliseconds());
        Add(command, "version" + n, line.CaseVersion);
        AddInstant(command, "due" + n, line.DueAt);
        AddInstant(command, "escalates" + n, line.EscalatesAt);
    }

    public async Task Settle(Guid caseId, GrainId grain, IReadOnlyCollection<Guid> openTasks, DateTimeOffset? wakeAt, CancellationToken cancellationToken = default)
    {
        using var turn = await database.Writing(cancellationToken);
        await using var connection = await Open(cancellationToken);
        // The open tasks are few (one or two, a handful in a fork): listed as parameters, not joined.
        var keep = openTasks.Select((_, i) => $"@keep{i}").ToList();
        await using var command = Command(connection, $"""
            DELETE FROM relief_inbox WHERE service_id = @service AND case_id = @case{(keep.Count == 0 ? "" : $" AND task_id NOT IN ({string.Join(", ", keep)})")};
            {(wakeAt is null
                ? "DELETE FROM relief_wakeup WHERE service_id = @service AND grain_id = @grain;"
                : """
                  INSERT INTO relief_wakeup (service_id, grain_id, shard, due_at_ms) VALUES (@service, @grain, @shard, @due)
                  ON CONFLICT (service_id, grain_id) DO UPDATE SET due_at_ms = excluded.due_at_ms, shard = excluded.shard;
                  """)}
            """);
        Add(command, "case", caseId.ToString());
        foreach (var (task, i) in openTasks.Select((task, i) => (task, i)))
        {
            Add(command, $"keep{i}", task.ToString());
        }
        Add(command, "grain", grain.ToString());
        if (wakeAt is not null)
        {
            Add(command, "shard", IWakeups.ShardOf(grain));
            AddInstant(command, "due", wakeAt);
        }
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

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
        // An org code's depth is its number of dashes plus one (CN-44-03-05 is a district).
        await using var connection = await Open(cancellationToken);
        await using var command = Command(connection, """
            SELECT programme_id, length(unit_code) - length(replace(unit_code, '-', '')) + 1 AS depth,
                   count(*), min(waiting_since_ms), sum(CASE WHEN due_at_ms <= @now THEN 1 ELSE 0 END)
            FROM relief_inbox
            WHERE service_id = @service AND waiting_for = 'Decision'
            GROUP BY programme_id, length(unit_code) - length(replace(unit_code, '-', '')) + 1;
            """);
        Add(command, "now", now.ToUnixTimeMilliseconds());
        var depths = new List<QueueDepth>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            depths.Add(new QueueDepth(
                Guid.Parse(reader.GetString(0)),
                (OrgLevel)Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture),
                Convert.ToInt32(reader.GetValue(2), CultureInfo.InvariantCulture),
                Instant(reader, 3),
                reader.IsDBNull(4) ? 0 : Convert.ToInt32(reader.GetValue(4), CultureInfo.InvariantCulture)));
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
