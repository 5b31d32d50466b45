using Relief.Workflows.Engine.Activities;
using Relief.Workflows.Engine.Definitions;
using Relief.Workflows.Hierarchy;

namespace Relief.Workflows.Cases;

/// <summary>Which unit of a case's hierarchy a node concerns: its branch's ancestor at the node's level, or the branch itself.</summary>
public static class CaseUnits
{
    /// <summary>The unit at a node's level — where it acts, or where a follow-up's needs are answered — and the branch when the node names none.</summary>
    public static string Of(NodeDefinition node, string branchCode) =>
        node.Settings["at"] is not null ? At(Settings.LevelOf(node.Settings, "at"), branchCode)
        : node.Settings["assignTo"] is not null ? At(Settings.LevelOf(node.Settings, "assignTo"), branchCode)
        : branchCode;

    public static string At(OrgLevel level, string branchCode) => OrgCode.Parse(branchCode).AncestorAt(level)!.Value.Value;
}
