using Orleans.Storage;

namespace Relief.Workflows.Common;

/// <summary>
/// A grain state whose growing sets (a quota's holders, a board's waiting cases, a list's lines) are kept as rows, one
/// per member, beside its payload rather than inside it (ADR 24): a write stores only the members that changed, so it
/// costs the same at the season's end as at its start. The storage loads the members after the payload.
/// </summary>
public interface IStateWithMembers
{
    IEnumerable<IMemberRows> MemberSets { get; }

    /// <summary>
    /// Called by the storage once the members are loaded. A state stored before its sets were rows carries them in its
    /// payload: it moves them into its sets here, and the next write stores them as rows.
    /// </summary>
    void Loaded();
}

/// <summary>One set of members as the storage sees it: what to load, what changed since the last write.</summary>
public interface IMemberRows
{
    /// <summary>The set's name within its state, stored with each member.</summary>
    string Name { get; }

    /// <summary>The keys put or removed since the set was last stored.</summary>
    IReadOnlyCollection<string> Changed { get; }

    /// <summary>A changed member as it is now: its place in the set and its value, or null when it was removed.</summary>
    (long Seq, BinaryData Value)? Member(string key, IGrainStorageSerializer serializer);

    void Load(string key, long seq, BinaryData value, IGrainStorageSerializer serializer);

    /// <summary>The changes are durable: the next write starts from here.</summary>
    void Stored();
}

/// <summary>
/// Members by key, in the order they came, each stored as its own row (<see cref="IStateWithMembers"/>). Not part of
/// the state's payload: a state declares it without an <c>[Id]</c>, so Orleans' serializer leaves it out.
/// </summary>
public sealed class MemberSet<T>(string name) : IMemberRows
{
    private readonly Dictionary<string, (long Seq, T Value)> _members = new(StringComparer.Ordinal);
    private readonly HashSet<string> _changed = new(StringComparer.Ordinal);
    private long _lastSeq;

    public string Name => name;

    public int Count => _members.Count;

    public bool Contains(string key) => _members.ContainsKey(key);

    public bool TryGet(string key, out T value)
    {
        var found = _members.TryGetValue(key, out var member);
        value = member.Value;
        return found;
    }

    /// <summary>The values in the order their keys first came in.</summary>
    public IEnumerable<T> Values => _members.Values.OrderBy(m => m.Seq).Select(m => m.Value);

    /// <summary>Adds the member, or replaces its value where it is already a member (it keeps its place).</summary>
    public void Put(string key, T value)
    {
        var seq = _members.TryGetValue(key, out var present) ? present.Seq : ++_lastSeq;
        _members[key] = (seq, value);
        _changed.Add(key);
    }

    public bool Remove(string key)
    {
        if (!_members.Remove(key))
        {
            return false;
        }
        _changed.Add(key);
        return true;
    }

    public void Clear()
    {
        foreach (var key in _members.Keys)
        {
            _changed.Add(key);
        }
        _members.Clear();
    }

    IReadOnlyCollection<string> IMemberRows.Changed => _changed;

    (long Seq, BinaryData Value)? IMemberRows.Member(string key, IGrainStorageSerializer serializer) =>
        _members.TryGetValue(key, out var member) ? (member.Seq, serializer.Serialize(member.Value)) : null;

    void IMemberRows.Load(string key, long seq, BinaryData value, IGrainStorageSerializer serializer)
    {
        _members[key] = (seq, serializer.Deserialize<T>(value)!);
        _lastSeq = Math.Max(_lastSeq, seq);
    }

    void IMemberRows.Stored() => _changed.Clear();
}
