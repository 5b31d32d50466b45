using System.Data.Common;
using System.Globalization;
using Relief.Workflows.Queues;

namespace Relief.Silo.Storage;

/// <summary>The instances view and migrations read the columns of <c>relief_case_state</c> (ADR 19), which the case storage writes with each state.</summary>
public sealed class DatabaseCaseInstances(ReliefDatabase database) : ICaseInstances
{
    // The case grain's type, as Orleans names CaseGrain: its rows' grain ids are this type and the case's id.
    private static readonly GrainType CaseGrainType = GrainType.Create("case");

    private const string Columns = "case_id, branch_code, status, definition_version, waiting_nodes, due_at_ms, open_incidents, pending_effects, filed_at_ms";

    private const string Filters = """
        WHERE service_id = @service AND programme_id = @programme
          AND (@node IS NULL OR waiting_nodes LIKE @node ESCAPE '\')
          AND (@status IS NULL OR status = @status)
          AND (@subtree IS NULL OR branch_code = @subtree OR branch_code LIKE @below ESCAPE '\')
          AND (@version IS NULL OR definition_version = @version)
          AND (@overdue IS NULL OR due_at_ms <= @overdue)
          AND (@incident IS NULL OR open_incidents > 0)
          AND (@running IS NULL OR waiting_nodes <> '')
        """;

    public async Task<InstancePage> Find(InstanceQuery query, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.Open(cancellationToken);
        await using var count = database.Command(connection, $"SELECT count(*) FROM relief_case_state {Filters};");
        await using var page = database.Command(connection, $"SELECT {Columns} FROM relief_case_state {Filters} ORDER BY filed_at_ms, case_id LIMIT @limit OFFSET @offset;");
        Bind(count, query);
        Bind(page, query);
        ReliefDatabase.Add(page, "limit", query.Limit);
        ReliefDatabase.Add(page, "offset", query.Offset);
        var total = Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        return new InstancePage(await Rows(page, cancellationToken), total);
    }

    public async Task<IReadOnlyList<InstanceRow>> Running(Guid programmeId, int definitionVersion, Guid? after, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.Open(cancellationToken);
        await using var command = database.Command(connection, $"""
            SELECT {Columns} FROM relief_case_state
            WHERE service_id = @service AND (@after IS NULL OR grain_id > @after)
              AND programme_id = @programme AND definition_version = @version AND waiting_nodes <> ''
            ORDER BY grain_id LIMIT @limit;
            """);
        ReliefDatabase.Add(command, "programme", programmeId.ToString());
        ReliefDatabase.Add(command, "version", definitionVersion);
        // In the primary key's order: a case's grain id is "case/" and its id, so the walk needs no index of its own.
        ReliefDatabase.Add(command, "after", after is { } last ? GrainId.Create(CaseGrainType, GrainIdKeyExtensions.CreateGuidKey(last)).ToString() : null);
        ReliefDatabase.Add(command, "limit", limit);
        return await Rows(command, cancellationToken);
    }

    public async Task<int> CountRunning(Guid programmeId, int definitionVersion, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.Open(cancellationToken);
        await using var command = database.Command(connection, """
            SELECT count(*) FROM relief_case_state
            WHERE service_id = @service AND programme_id = @programme AND definition_version = @version AND waiting_nodes <> '';
            """);
        ReliefDatabase.Add(command, "programme", programmeId.ToString());
        ReliefDatabase.Add(command, "version", definitionVersion);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    public async Task<IReadOnlyList<IncidentCount>> OpenIncidents(CancellationToken cancellationToken = default)
    {
        // relief_case_state has no index but its key (every index costs each step's write), and a scan of a season's
        // states is too dear every few seconds. A case with an open incident always holds a wake-up due at once (its
        // retry, written with its state): the few rows at the epoch, joined by key, find all such cases.
        await using var connection = await database.Open(cancellationToken);
        await using var command = database.Command(connection, """
            SELECT c.programme_id, substr(c.branch_code, 1, 5), count(*)
            FROM relief_wakeup w
            JOIN relief_case_state c ON c.service_id = w.service_id AND c.grain_id = w.grain_id
            WHERE w.service_id = @service AND w.due_at_ms <= 0 AND c.open_incidents > 0 AND c.programme_id IS NOT NULL
            GROUP BY c.programme_id, substr(c.branch_code, 1, 5);
            """);
        var counts = new List<IncidentCount>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts.Add(new IncidentCount(Guid.Parse(reader.GetString(0)), reader.GetString(1), Convert.ToInt32(reader.GetValue(2), CultureInfo.InvariantCulture)));
        }
        return counts;
    }

    private static void Bind(DbCommand command, InstanceQuery query)
    {
        ReliefDatabase.Add(command, "programme", query.ProgrammeId.ToString());
        ReliefDatabase.Add(command, "node", query.Node is null ? null : $"%|{Escaped(query.Node)}|%");
        ReliefDatabase.Add(command, "status", query.Status);
        ReliefDatabase.Add(command, "subtree", query.Subtree);
        ReliefDatabase.Add(command, "below", query.Subtree is null ? null : $"{Escaped(query.Subtree)}-%");
        ReliefDatabase.AddTyped(command, "version", query.DefinitionVersion, System.Data.DbType.Int32);
        ReliefDatabase.AddTyped(command, "overdue", query.OverdueOnly ? query.Now.ToUnixTimeMilliseconds() : null, System.Data.DbType.Int64);
        ReliefDatabase.AddTyped(command, "incident", query.IncidentOnly ? 1 : null, System.Data.DbType.Int32);
        ReliefDatabase.AddTyped(command, "running", query.RunningOnly ? 1 : null, System.Data.DbType.Int32);
    }

    /// <summary>A LIKE pattern's wildcards taken literally: a node id or a unit code may hold an underscore.</summary>
    private static string Escaped(string text) => text.Replace(@"\", @"\\", StringComparison.Ordinal)
        .Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);

    private static async Task<IReadOnlyList<InstanceRow>> Rows(DbCommand command, CancellationToken cancellationToken)
    {
        var rows = new List<InstanceRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new InstanceRow(
                Guid.Parse(reader.GetString(0)),
                reader.GetString(1),
                reader.GetString(2),
                Convert.ToInt32(reader.GetValue(3), CultureInfo.InvariantCulture),
                reader.GetString(4).Split('|', StringSplitOptions.RemoveEmptyEntries),
                reader.IsDBNull(5) ? null : DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(reader.GetValue(5), CultureInfo.InvariantCulture)),
                Convert.ToInt32(reader.GetValue(6), CultureInfo.InvariantCulture),
                Convert.ToInt32(reader.GetValue(7), CultureInfo.InvariantCulture),
                DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(reader.GetValue(8), CultureInfo.InvariantCulture))));
        }
        return rows;
    }
}
