namespace Relief.Silo.Storage;

/// <summary>
/// The statements of <c>relief_wakeup</c> that set a grain's row, in one place for the three writers: a grain's own
/// schedule and the steps' recovery wake-ups (<see cref="DatabaseWakeups"/>), and a case's write
/// (<see cref="CaseGrainStorage"/>). Parameters: <c>@grain</c>, <c>@shard</c>, <c>@due</c>, <c>@set_by</c> (the case
/// version that set the row; null for a grain's own schedule).
/// </summary>
internal static class WakeupRows
{
    /// <summary>The row set to <c>@due</c>, marked as set by <c>@set_by</c>.</summary>
    public const string Set = """
        INSERT INTO relief_wakeup (service_id, grain_id, shard, due_at_ms, set_by_version) VALUES (@service, @grain, @shard, @due, @set_by)
        ON CONFLICT (service_id, grain_id) DO UPDATE
        SET due_at_ms = excluded.due_at_ms, shard = excluded.shard, set_by_version = excluded.set_by_version;

        """;

    /// <summary>The row due at <c>@due</c> unless due earlier already, marked as the step's (<c>@set_by</c>).</summary>
    public const string HoldAtTheLatest = """
        INSERT INTO relief_wakeup (service_id, grain_id, shard, due_at_ms, set_by_version) VALUES (@service, @grain, @shard, @due, @set_by)
        ON CONFLICT (service_id, grain_id) DO UPDATE
        SET due_at_ms = CASE WHEN excluded.due_at_ms < relief_wakeup.due_at_ms THEN excluded.due_at_ms ELSE relief_wakeup.due_at_ms END,
            shard = excluded.shard, set_by_version = excluded.set_by_version;

        """;

    public const string Clear = "DELETE FROM relief_wakeup WHERE service_id = @service AND grain_id = @grain;\n";

    /// <summary>Lowered to <c>@due</c> only while the row is still the one step <c>@set_by</c> set.</summary>
    public const string LowerIfStill = "UPDATE relief_wakeup SET due_at_ms = @due WHERE service_id = @service AND grain_id = @grain AND set_by_version = @set_by;\n";

    public const string ClearIfStill = "DELETE FROM relief_wakeup WHERE service_id = @service AND grain_id = @grain AND set_by_version = @set_by;\n";
}
