using Relief.Workflows.Common;
using Relief.Workflows.Hierarchy;

namespace Relief.Api.Acting;

/// <summary>A signed-in user: one unit, roles held there, and the subtree below it that they may read.</summary>
public sealed record ReliefUser(string Id, OrgCode Unit, IReadOnlySet<ReliefRole> Roles)
{
    public Actor Actor => new(Id, Unit.Value);

    public bool Holds(ReliefRole role) => Roles.Contains(role);

    /// <summary>Whether <paramref name="unitCode"/> is the user's unit or below it (org codes spell their path).</summary>
    public bool Sees(string unitCode) =>
        unitCode == Unit.Value || unitCode.StartsWith(Unit.Value + "-", StringComparison.Ordinal);

    /// <summary>Whether <paramref name="unitCode"/> is above the user's unit: the federations their unit reports to.</summary>
    public bool IsBelow(string unitCode) => Unit.Value.StartsWith(unitCode + "-", StringComparison.Ordinal);
}
