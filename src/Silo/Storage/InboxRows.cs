using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;
using Relief.Workflows.Hierarchy;
using Relief.Workflows.Queues;

namespace Relief.Silo.Storage;

/// <summary>
/// The statements that make a case's rows of <c>relief_inbox</c> what its state says (ADR 18): every other line of
/// the case removed, each open task's line put (updated in place when it is there already), and where each task
/// belongs recorded in <c>relief_task</c> for good.
/// </summary>
internal static partial class InboxRows
{
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
        """;

    private const string RecordTask = """
        INSERT INTO relief_task (service_id, task_id, case_id) VALUES (@service, @task, @case)
        ON CONFLICT (service_id, task_id) DO NOTHING;
        """;

    // The statements for a number of lines, built once per number (a case has one or two open tasks, a handful in a fork).
    private static readonly ConcurrentDictionary<int, string> WholeFor = new();
    private static readonly ConcurrentDictionary<int, string> PutFor = new();
    private static readonly ConcurrentDictionary<int, string> RecordFor = new();

    /// <summary>
    /// The statements that make the case's lines exactly <paramref name="lines"/> open lines: every other line of the
    /// case removed, each put and its task recorded. Parameters: <c>@case_id</c> and those <see cref="BindWhole"/> adds.
    /// </summary>
    public static string Whole(int lines) => WholeFor.GetOrAdd(lines, count =>
    {
        var keep = Enumerable.Range(0, count).Select(i => $"@task{i}").ToList();
        var remove = $"DELETE FROM relief_inbox WHERE service_id = @service AND case_id = @case_id{(count == 0 ? "" : $" AND task_id NOT IN ({string.Join(", ", keep)})")};\n";
        return remove + string.Concat(Enumerable.Range(0, count).Select(i => Put(i) + Record(i)));
    });

    public static void BindWhole(DbCommand command, Guid caseId, IReadOnlyList<QueueEntry> lines)
    {
        ReliefDatabase.Add(command, "case_id", caseId.ToString());
        for (var i = 0; i < lines.Count; i++)
        {
            BindLine(command, lines[i], i.ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>The statements of <paramref name="changes"/> alone: the lines that go by their task ids, the lines put, the new tasks recorded.</summary>
    public static string Changed(CaseRecordChanges changes)
    {
        var sql = new System.Text.StringBuilder();
        if (changes.Removed.Count > 0)
        {
            sql.Append("DELETE FROM relief_inbox WHERE service_id = @service AND task_id IN (")
                .AppendJoin(", ", changes.Removed.Select((_, i) => $"@gone{i}")).Append(");\n");
        }
        for (var i = 0; i < changes.Put.Count; i++)
        {
            sql.Append(Put(i));
            if (changes.NewTasks.Contains(changes.Put[i].TaskId))
            {
                sql.Append(Record(i));
            }
        }
        return sql.ToString();
    }

    public static void BindChanged(DbCommand command, CaseRecordChanges changes)
    {
        for (var i = 0; i < changes.Removed.Count; i++)
        {
            ReliefDatabase.Add(command, $"gone{i}", changes.Removed[i].ToString());
        }
        for (var i = 0; i < changes.Put.Count; i++)
        {
            BindLine(command, changes.Put[i], i.ToString(CultureInfo.InvariantCulture));
        }
    }

    private static string Put(int i) => PutFor.GetOrAdd(i, n => Numbered(PutLine, n));

    private static string Record(int i) => RecordFor.GetOrAdd(i, n => Numbered(RecordTask, n));

    /// <summary>One line's statements with its parameters numbered (<c>@task</c> → <c>@task0</c>), so that several lines share a command.</summary>
    private static string Numbered(string statements, int i) => Parameter().Replace(statements, match => $"@{match.Groups[1].Value}{i}");

    [GeneratedRegex(@"@(?!service\b)([a-z_]+)")]
    private static partial Regex Parameter();

    private static void BindLine(DbCommand command, QueueEntry line, string n)
    {
        ReliefDatabase.Add(command, "task" + n, line.TaskId.ToString());
        ReliefDatabase.Add(command, "case" + n, line.CaseId.ToString());
        ReliefDatabase.Add(command, "unit" + n, line.UnitCode);
        ReliefDatabase.Add(command, "parent" + n, OrgCode.Parse(line.UnitCode).Parent?.Value);
        ReliefDatabase.Add(command, "node" + n, line.Node);
        ReliefDatabase.Add(command, "title" + n, line.Title);
        ReliefDatabase.Add(command, "roles" + n, string.Join(',', line.Roles ?? []));
        ReliefDatabase.Add(command, "programme" + n, line.ProgrammeId.ToString());
        ReliefDatabase.Add(command, "waiting_for" + n, line.WaitingFor.ToString());
        ReliefDatabase.Add(command, "branch" + n, line.BranchCode);
        ReliefDatabase.Add(command, "category" + n, line.Category);
        ReliefDatabase.Add(command, "amount" + n, line.Amount.Fen);
        ReliefDatabase.Add(command, "name" + n, line.MaskedName);
        ReliefDatabase.Add(command, "since" + n, line.WaitingSince.ToUnixTimeMilliseconds());
        ReliefDatabase.Add(command, "version" + n, line.CaseVersion);
        ReliefDatabase.AddInstant(command, "due" + n, line.DueAt);
        ReliefDatabase.AddInstant(command, "escalates" + n, line.EscalatesAt);
    }
}
