namespace Relief.Workflows.Hierarchy;

/// <summary>Keeps a unit's list of children sorted by code and free of duplicates.</summary>
public static class OrgUnitChildren
{
    /// <summary>Adds new children and renames known ones in place; returns how many entries changed.</summary>
    public static int Merge(List<OrgUnitSummary> existing, IEnumerable<OrgUnitSummary> incoming)
    {
        var changed = 0;
        foreach (var child in incoming)
        {
            var index = existing.BinarySearch(child, ByCode.Instance);
            if (index >= 0)
            {
                if (existing[index] != child)
                {
                    existing[index] = child;
                    changed++;
                }
            }
            else
            {
                existing.Insert(~index, child);
                changed++;
            }
        }
        return changed;
    }

    private sealed class ByCode : IComparer<OrgUnitSummary>
    {
        public static readonly ByCode Instance = new();

        public int Compare(OrgUnitSummary? x, OrgUnitSummary? y) =>
            string.CompareOrdinal(x?.Code, y?.Code);
    }
}
