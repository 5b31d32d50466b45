using Relief.Workflows.Common;
namespace Relief.Workflows.Hierarchy;

/// <summary>
/// Holds one org unit. The code (grain key) fixes level and parent; the state holds the name and
/// the direct children. Writes happen only when something changed, so re-imports are free.
/// </summary>
public sealed class OrgUnitGrain(
    [PersistentState("orgunit", StorageNames.Relief)] IPersistentState<OrgUnitState> unit,
    ReliefClock clock) : Grain, IOrgUnitGrain
{
    private OrgCode Code => OrgCode.Parse(this.GetPrimaryKeyString());

    public Task<bool> Exists() => Task.FromResult(unit.RecordExists);

    public Task<OrgUnitView?> Describe()
    {
        if (!unit.RecordExists)
        {
            return Task.FromResult<OrgUnitView?>(null);
        }
        var code = Code;
        return Task.FromResult<OrgUnitView?>(new OrgUnitView(
            code.Value, unit.State.Name, code.Level, code.Parent?.Value, [.. unit.State.Children], unit.State.Members));
    }

    public async Task<RegistrationOutcome> Register(string name)
    {
        var checkedName = OrgUnitName.Check(name);
        if (unit.RecordExists && unit.State.Name == checkedName)
        {
            return RegistrationOutcome.Unchanged;
        }
        var outcome = unit.RecordExists ? RegistrationOutcome.Renamed : RegistrationOutcome.Added;
        if (!unit.RecordExists)
        {
            unit.State.RegisteredAt = clock.GetUtcNow();
        }
        unit.State.Name = checkedName;
        await Persist();
        return outcome;
    }

    public async Task<bool> SetMembers(int members)
    {
        if (!unit.RecordExists)
        {
            throw new InvalidOperationException($"Org unit {Code} is not registered; register it before its members.");
        }
        if (unit.State.Members == members)
        {
            return false;
        }
        unit.State.Members = members;
        await Persist();
        return true;
    }

    public async Task<int> RecordChildren(IReadOnlyList<OrgUnitSummary> children)
    {
        if (!unit.RecordExists)
        {
            throw new InvalidOperationException($"Org unit {Code} is not registered; register it before its children.");
        }
        var code = Code;
        foreach (var child in children)
        {
            if (OrgCode.Parse(child.Code).Parent != code)
            {
                throw new ArgumentException($"{child.Code} is not a direct child of {code}.", nameof(children));
            }
        }
        var changed = OrgUnitChildren.Merge(unit.State.Children, children);
        if (changed > 0)
        {
            await Persist();
        }
        return changed;
    }

    /// <summary>Writes the state; a failed write drops the activation so memory never runs ahead of storage.</summary>
    private Task Persist() => unit.WriteOrDeactivate(DeactivateOnIdle);
}
