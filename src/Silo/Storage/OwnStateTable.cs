using System.Data.Common;
using System.Globalization;
using Orleans.Storage;

namespace Relief.Silo.Storage;

/// <summary>
/// A grain state in a table of Relief's own (one row per grain: version, payload in Orleans' own serializer,
/// modified time), so that it can be written in one transaction with the rows that follow it (ADR 18, ADR 21).
/// A grain stored before its table existed is read from Orleans' table (<paramref name="earlier"/>) until its first
/// write here.
/// </summary>
public sealed class OwnStateTable(ReliefDatabase database, IGrainStorage earlier, IGrainStorageSerializer serializer, string table)
{
    // Whether Orleans' table holds any state of that name from before this table, asked until it is answered once: a
    // season begun on this table reads each new grain once, not twice. No silo writes there any more, so the answer
    // holds (an upgrade across the schema stops every silo first).
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _earlierRows = new();

    public IGrainStorageSerializer Serializer => serializer;

    public async Task Read<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await using (var connection = await database.Open(CancellationToken.None))
        await using (var command = database.Command(connection, $"SELECT version, payload FROM {table} WHERE service_id = @service AND grain_id = @grain;"))
        {
            ReliefDatabase.Add(command, "grain", grainId.ToString());
            await using var reader = await command.ExecuteReaderAsync();
            if (await reader.ReadAsync())
            {
                grainState.ETag = Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
                grainState.State = serializer.Deserialize<T>(new BinaryData((byte[])reader.GetValue(1)));
                grainState.RecordExists = true;
                return;
            }
        }
        if (!_earlierRows.TryGetValue(stateName, out var anyEarlier))
        {
            _earlierRows[stateName] = anyEarlier = await AnyEarlierRow(stateName);
        }
        if (anyEarlier)
        {
            await earlier.ReadStateAsync(stateName, grainId, grainState);
        }
        grainState.State ??= Activator.CreateInstance<T>();
        // No row here yet: the first write inserts one (a second activation racing it finds the row and fails).
        grainState.ETag = null;
    }

    /// <summary>
    /// The guard of a write (<see cref="GroupedWrite"/>): the state inserted at version 1 where it has no row yet, or
    /// updated where its version is still the one read. <paramref name="insert"/> and <paramref name="update"/> replace
    /// the plain statements for a table with more columns; they take the same parameters and may add their own.
    /// </summary>
    public DbCommand Guard<T>(GrainId grainId, IGrainState<T> grainState, string? insert = null, string? update = null)
    {
        var expected = Expected(grainState);
        var command = database.Detached(expected is null
            ? insert ?? $"INSERT INTO {table} (service_id, grain_id, version, payload, modified_at) VALUES (@service, @grain, 1, @payload, @at) ON CONFLICT (service_id, grain_id) DO NOTHING;"
            : update ?? $"UPDATE {table} SET version = @expected + 1, payload = @payload, modified_at = @at WHERE service_id = @service AND grain_id = @grain AND version = @expected;");
        ReliefDatabase.Add(command, "grain", grainId.ToString());
        ReliefDatabase.Add(command, "payload", serializer.Serialize(grainState.State).ToArray());
        ReliefDatabase.Add(command, "at", DateTime.UtcNow);
        if (expected is not null)
        {
            ReliefDatabase.Add(command, "expected", expected.Value);
        }
        return command;
    }

    /// <summary>Commits the write; the state is then stored at the next version, or the write was refused (another activation wrote first).</summary>
    public static async Task Commit<T>(GroupCommit commits, GroupedWrite write, GrainId grainId, IGrainState<T> grainState)
    {
        var expected = Expected(grainState);
        if (!await commits.Write(write))
        {
            throw Conflict(grainId, grainState);
        }
        grainState.ETag = ((expected ?? 0) + 1).ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    /// <summary>The version the state was read at, or null when it has no row here yet (the write inserts it).</summary>
    public static int? Expected<T>(IGrainState<T> grainState) =>
        grainState.ETag is null ? null : int.Parse(grainState.ETag, CultureInfo.InvariantCulture);

    /// <summary>What Orleans' ADO.NET provider answers when another activation wrote the state first.</summary>
    public static InconsistentStateException Conflict<T>(GrainId grainId, IGrainState<T> grainState) =>
        new($"The stored state of {grainId} is not version {grainState.ETag ?? "none"}: another activation wrote it.", "unknown", grainState.ETag ?? "none");

    private async Task<bool> AnyEarlierRow(string stateName)
    {
        await using var connection = await database.Open(CancellationToken.None);
        // Orleans' ADO.NET provider stores the state's name as the grain type.
        await using var command = database.Command(connection, "SELECT 1 FROM relief_grain_state WHERE service_id = @service AND grain_type = @state LIMIT 1;");
        ReliefDatabase.Add(command, "state", stateName);
        return await command.ExecuteScalarAsync() is not null;
    }
}
