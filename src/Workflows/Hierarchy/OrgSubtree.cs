namespace Relief.Workflows.Hierarchy;

/// <summary>Walks a unit and every unit below it, level by level, through the org-unit grains.</summary>
public static class OrgSubtree
{
    public static async IAsyncEnumerable<OrgCode> Walk(IGrainFactory grains, OrgCode root)
    {
        var pending = new Queue<OrgCode>([root]);
        while (pending.TryDequeue(out var unit))
        {
            yield return unit;
            foreach (var child in (await grains.GetGrain<IOrgUnitGrain>(unit.Value).Describe())?.Children ?? [])
            {
                pending.Enqueue(OrgCode.Parse(child.Code));
            }
        }
    }
}
