using System.Data.Common;
using System.Globalization;
using System.Text;
using Orleans.Storage;
using Relief.Workflows.Common;

namespace Relief.Silo.Storage;

/// <summary>
/// The states of the grains written on every case's way (<see cref="Workflows.StorageNames.Hot"/>) in
/// <c>relief_own_state</c>, written through the <see cref="GroupCommit"/> with the cases' and the accounts' writes
/// (ADR 24), and the members of their growing sets as rows of <c>relief_state_member</c>, in the same commit: a write
/// puts and removes only the members that changed. A state stored before schema 11 is read from Orleans' table
/// (<paramref name="earlier"/>) until its first write here.
/// </summary>
public sealed class HotGrainStorage(ReliefDatabase database, GroupCommit commits, IGrainStorage earlier, IGrainStorageSerializer serializer) : IGrainStorage
{
    /// <summary>Members per statement: four parameters each, well inside what either database binds quickly.</summary>
    private const int MembersPerStatement = 100;

    private readonly OwnStateTable _table = new(database, earlier, serializer, "relief_own_state");

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await _table.Read(stateName, grainId, grainState);
        if (grainState.State is not IStateWithMembers members)
        {
            return;
        }
        if (grainState.ETag is not null)
        {
            var sets = members.MemberSets.ToDictionary(set => set.Name, StringComparer.Ordinal);
            await using var connection = await database.Open(CancellationToken.None);
            await using var command = database.Command(connection, """
                SELECT set_name, member_key, seq, payload FROM relief_state_member
                WHERE service_id = @service AND grain_id = @grain ORDER BY seq;
                """);
            ReliefDatabase.Add(command, "grain", grainId.ToString());
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                if (sets.TryGetValue(reader.GetString(0), out var set))
                {
                    set.Load(reader.GetString(1), reader.GetInt64(2), new BinaryData((byte[])reader.GetValue(3)), serializer);
                }
            }
        }
        members.Loaded();
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var sets = (grainState.State as IStateWithMembers)?.MemberSets.ToList() ?? [];
        using var write = GroupedWrite.Guarded(grainId.ToString(), _table.Guard(grainId, grainState), [.. sets.SelectMany(set => Changes(grainId, set))]);
        await OwnStateTable.Commit(commits, write, grainId, grainState);
        sets.ForEach(set => set.Stored());
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var expected = OwnStateTable.Expected(grainState);
        if (expected is null)
        {
            // Never written here: nothing of it is stored in this table (a state read from Orleans' stays there, unread).
            grainState.RecordExists = false;
            return;
        }
        var state = database.Detached("DELETE FROM relief_own_state WHERE service_id = @service AND grain_id = @grain AND version = @expected;");
        ReliefDatabase.Add(state, "grain", grainId.ToString());
        ReliefDatabase.Add(state, "expected", expected.Value);
        var members = database.Detached("DELETE FROM relief_state_member WHERE service_id = @service AND grain_id = @grain;");
        ReliefDatabase.Add(members, "grain", grainId.ToString());
        using var write = GroupedWrite.Guarded(grainId.ToString(), state, members);
        if (!await commits.Write(write))
        {
            throw OwnStateTable.Conflict(grainId, grainState);
        }
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    /// <summary>The set's changed members as statements: the present ones put (in place, keeping their order), the others removed.</summary>
    private IEnumerable<DbCommand> Changes(GrainId grainId, IMemberRows set)
    {
        var present = new List<(string Key, long Seq, BinaryData Value)>();
        var removed = new List<string>();
        foreach (var key in set.Changed)
        {
            if (set.Member(key, serializer) is { } member)
            {
                present.Add((key, member.Seq, member.Value));
            }
            else
            {
                removed.Add(key);
            }
        }
        foreach (var chunk in present.Chunk(MembersPerStatement))
        {
            var sql = new StringBuilder("INSERT INTO relief_state_member (service_id, grain_id, set_name, member_key, seq, payload) VALUES ");
            var command = database.Detached("");
            for (var i = 0; i < chunk.Length; i++)
            {
                sql.Append(i == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture, $"(@service, @grain, @set, @k{i}, @s{i}, @p{i})");
                ReliefDatabase.Add(command, $"k{i}", chunk[i].Key);
                ReliefDatabase.Add(command, $"s{i}", chunk[i].Seq);
                ReliefDatabase.Add(command, $"p{i}", chunk[i].Value.ToArray());
            }
            sql.Append(" ON CONFLICT (service_id, grain_id, set_name, member_key) DO UPDATE SET seq = excluded.seq, payload = excluded.payload;");
            command.CommandText = sql.ToString();
            ReliefDatabase.Add(command, "grain", grainId.ToString());
            ReliefDatabase.Add(command, "set", set.Name);
            yield return command;
        }
        foreach (var chunk in removed.Chunk(MembersPerStatement))
        {
            var command = database.Detached("");
            var keys = new StringBuilder();
            for (var i = 0; i < chunk.Length; i++)
            {
                keys.Append(i == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture, $"@k{i}");
                ReliefDatabase.Add(command, $"k{i}", chunk[i]);
            }
            command.CommandText = $"DELETE FROM relief_state_member WHERE service_id = @service AND grain_id = @grain AND set_name = @set AND member_key IN ({keys});";
            ReliefDatabase.Add(command, "grain", grainId.ToString());
            ReliefDatabase.Add(command, "set", set.Name);
            yield return command;
        }
    }
}
