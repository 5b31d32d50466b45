using Orleans.Concurrency;

namespace Relief.Workflows.Hierarchy;

/// <summary>One org unit of the five-level hierarchy, keyed by its <see cref="OrgCode"/>.</summary>
[Alias("Relief.IOrgUnitGrain")]
public interface IOrgUnitGrain : IGrainWithStringKey
{
    /// <summary>The unit, or null when no unit with this code was ever registered.</summary>
    [Alias("Describe")]
    Task<OrgUnitView?> Describe();

    /// <summary>Whether a unit with this code was registered: asked on every request about a unit, so it interleaves.</summary>
    [Alias("Exists"), AlwaysInterleave]
    Task<bool> Exists();

    /// <summary>Creates the unit or renames it; registering the same name again changes nothing.</summary>
    [Alias("Register")]
    Task<RegistrationOutcome> Register(string name);

    /// <summary>The unit's members as the hierarchy file gives them; true when that changed them.</summary>
    [Alias("SetMembers")]
    Task<bool> SetMembers(int members);

    /// <summary>Records direct children (added or renamed); one storage write for the whole batch.</summary>
    [Alias("RecordChildren")]
    Task<int> RecordChildren(IReadOnlyList<OrgUnitSummary> children);
}
