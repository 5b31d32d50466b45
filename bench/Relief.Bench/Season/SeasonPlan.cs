using Relief.Workflows.Funds;
using Relief.Workflows.Hierarchy;

namespace Relief.Bench.Season;

/// <summary>A case the season filed: its number (which names the applicant and the branch), its id and branch.</summary>
public sealed record FiledCase(int Number, Guid Id, string Branch);

/// <summary>
/// Who files what: case <c>n</c> is filed at branch <c>n mod branches</c>, for the standard amount, and every unit
/// receives the quota places and the money its subtree's cases need, no more.
/// </summary>
public sealed class SeasonPlan(SyntheticHierarchy hierarchy, int cases)
{
    /// <summary>The standard of the one category the programme has: every case is for this amount.</summary>
    public static readonly Money Standard = Money.FromYuan(1500);

    private readonly IReadOnlyList<string> _branches = hierarchy.Branches;

    public SyntheticHierarchy Hierarchy { get; } = hierarchy;

    public int Cases { get; } = cases;

    public Guid ProgrammeId { get; set; }

    public string BranchOf(int caseNumber) => _branches[caseNumber % _branches.Count];

    /// <summary>How many cases the unit's subtree files.</summary>
    public int CasesBelow(string unit)
    {
        var branches = _branches.Count;
        var count = 0;
        for (var i = 0; i < branches; i++)
        {
            var branch = _branches[i];
            if (branch == unit || branch.StartsWith(unit + "-", StringComparison.Ordinal))
            {
                count += Cases / branches + (i < Cases % branches ? 1 : 0);
            }
        }
        return count;
    }

    /// <summary>The unit at <paramref name="level"/> above a branch (the approver a case waits for there).</summary>
    public static string UnitAt(string branch, OrgLevel level) => OrgCode.Parse(branch).AncestorAt(level)!.Value.Value;
}
