using System.Data.Common;
using Orleans.Storage;
using Relief.Workflows.Queues;

namespace Relief.Silo.Storage;

/// <summary>
/// The case grains' state in <c>relief_case_state</c>, each write one transaction with the records that follow the
/// state (ADR 18): the case's inbox lines and its wake-up. The write goes through the <see cref="GroupCommit"/>
/// (ADR 24), so the steps of many cases share one commit. No crash can leave the inbox or the wake-ups saying
/// something the stored case does not. A case stored before schema 8 is read from Orleans' table
/// (<paramref name="earlier"/>) until its first write here.
/// </summary>
public sealed class CaseGrainStorage(ReliefDatabase database, GroupCommit commits, IGrainStorage earlier, IGrainStorageSerializer serializer) : IGrainStorage
{
    private readonly OwnStateTable _table = new(database, earlier, serializer, "relief_case_state");

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => _table.Read(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        // The state and what the case is found by (ADR 19) in one statement; its records follow in the same commit.
        var state = _table.Guard(grainId, grainState, InsertState, UpdateState);
        BindIndex(state, grainId, (grainState.State as ICaseRecords)?.Index);
        var follow = grainState.State is ICaseRecords records ? Records(grainId, records) : null;
        using var write = follow is null ? GroupedWrite.Guarded(grainId.ToString(), state) : GroupedWrite.Guarded(grainId.ToString(), state, follow);
        await OwnStateTable.Commit(commits, write, grainId, grainState);
    }

    // The plain statements with the columns of what the case is found by (ADR 19).
    private const string InsertState = """
        INSERT INTO relief_case_state (service_id, grain_id, version, payload, modified_at, case_id, programme_id, branch_code, status,
                                       definition_version, waiting_nodes, due_at_ms, open_incidents, pending_effects, filed_at_ms)
        VALUES (@service, @grain, 1, @payload, @at, @case_id, @programme, @branch, @status, @definition, @waiting, @due, @incidents, @effects, @filed)
        ON CONFLICT (service_id, grain_id) DO NOTHING;
        """;

    private const string UpdateState = """
        UPDATE relief_case_state SET version = @expected + 1, payload = @payload, modified_at = @at, case_id = @case_id,
               programme_id = @programme, branch_code = @branch, status = @status, definition_version = @definition,
               waiting_nodes = @waiting, due_at_ms = @due, open_incidents = @incidents, pending_effects = @effects, filed_at_ms = @filed
        WHERE service_id = @service AND grain_id = @grain AND version = @expected;
        """;

    private static void BindIndex(DbCommand command, GrainId grainId, CaseIndex? index)
    {
        ReliefDatabase.Add(command, "case_id", index is null ? null : grainId.GetGuidKey().ToString());
        ReliefDatabase.Add(command, "programme", index?.ProgrammeId.ToString());
        ReliefDatabase.Add(command, "branch", index?.BranchCode);
        ReliefDatabase.Add(command, "status", index?.Status);
        ReliefDatabase.AddTyped(command, "definition", index?.DefinitionVersion, System.Data.DbType.Int32);
        ReliefDatabase.Add(command, "waiting", index?.WaitingNodesColumn);
        ReliefDatabase.AddInstant(command, "due", index?.DueAt);
        ReliefDatabase.AddTyped(command, "incidents", index?.OpenIncidents, System.Data.DbType.Int32);
        ReliefDatabase.AddTyped(command, "effects", index?.PendingEffects, System.Data.DbType.Int32);
        ReliefDatabase.AddInstant(command, "filed", index?.FiledAt);
    }

    /// <summary>A case ends closed, rejected or paid and keeps its journal for the finance staff and the auditors: it is never cleared.</summary>
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        throw new NotSupportedException($"Case state is never cleared ({grainId}).");

    /// <summary>
    /// The records as the state says, in one command: what changed since the case last wrote them, or the whole
    /// lines (unless the state predates them) and the wake-up; null when nothing changed.
    /// </summary>
    private DbCommand? Records(GrainId grainId, ICaseRecords records)
    {
        var changes = records.Changes;
        if (changes is { None: true })
        {
            return null;
        }
        var lines = changes is null ? records.InboxLines : null;
        var wake = changes is { WakeChanged: false } ? "" : records.WakeAt is null ? WakeupRows.Clear : WakeupRows.Set;
        var inbox = changes is not null ? InboxRows.Changed(changes) : lines is not null ? InboxRows.Whole(lines.Count) : "";
        var command = database.Detached(inbox + wake);
        if (changes is not null)
        {
            InboxRows.BindChanged(command, changes);
        }
        else if (lines is not null)
        {
            InboxRows.BindWhole(command, grainId.GetGuidKey(), lines);
        }
        ReliefDatabase.Add(command, "grain", grainId.ToString());
        if (wake.Length > 0 && records.WakeAt is not null)
        {
            ReliefDatabase.Add(command, "shard", Workflows.Engine.Timers.IWakeups.ShardOf(grainId));
            ReliefDatabase.AddInstant(command, "due", records.WakeAt);
            ReliefDatabase.Add(command, "set_by", records.Version);
        }
        return command;
    }
}
