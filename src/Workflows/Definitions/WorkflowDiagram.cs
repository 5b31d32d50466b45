using System.Text;
using Relief.Workflows.Hierarchy;

namespace Relief.Workflows.Definitions;

/// <summary>
/// Draws a definition as a Mermaid flowchart, bottom-up as approvals travel: filed at the branch, each level
/// that may approve, approved. Levels that only some cases pass are dashed and say when; the step a case is
/// waiting at can be highlighted.
/// </summary>
public static class WorkflowDiagram
{
    public static string Mermaid(WorkflowDefinition definition, string language = "zh", OrgLevel? current = null)
    {
        var en = language == "en";
        var levels = definition.PossibleLevels();
        var text = new StringBuilder("flowchart BT\n");
        text.Append($"    filed([\"{(en ? "Filed by the branch" : "基层工会填报")}\"])\n");
        foreach (var level in levels)
        {
            var label = LevelLabel(level, en) + ConditionNote(definition, level, en);
            text.Append($"    {level}[\"{label.Replace("\"", "#quot;", StringComparison.Ordinal)}\"]\n");
        }
        text.Append($"    approved([\"{(en ? "Approved" : "审批通过")}\"])\n");
        var chain = levels.Select(l => l.ToString()).Prepend("filed").Append("approved").ToList();
        if (definition.Notice is { } notice)
        {
            var days = notice.Counting == DayCounting.WorkingDays
                ? (en ? $"{notice.Days} working days" : $"{notice.Days}个工作日")
                : (en ? $"{notice.Days} days" : $"{notice.Days}天");
            text.Append($"    notice([\"{(en ? $"Public notice, {days}, at {notice.Level}" : $"公示{days}（{LevelLabel(notice.Level, false)[..^2]}）")}\"])\n");
            text.Append($"    payable([\"{(en ? "Payable" : "可发放")}\"])\n");
            chain.Add("notice");
            chain.Add("payable");
        }
        for (var i = 1; i < chain.Count; i++)
        {
            text.Append($"    {chain[i - 1]} --> {chain[i]}\n");
        }
        var conditional = levels.Where(level => IsConditional(definition, level)).ToList();
        if (conditional.Count > 0)
        {
            text.Append("    classDef conditional stroke-dasharray: 5 5\n");
            text.Append($"    class {string.Join(",", conditional)} conditional\n");
        }
        if (current is { } waitingAt && levels.Contains(waitingAt))
        {
            text.Append("    classDef current fill:#fde68a,stroke:#b45309,stroke-width:2px\n");
            text.Append($"    class {waitingAt} current\n");
        }
        return text.ToString();
    }

    private static bool IsConditional(WorkflowDefinition definition, OrgLevel level) =>
        !definition.Route.Contains(level) || definition.Rules.Any(rule => rule.Skip.Contains(level));

    private static string ConditionNote(WorkflowDefinition definition, OrgLevel level, bool en)
    {
        var notes = new List<string>();
        if (!definition.Route.Contains(level))
        {
            var when = definition.Rules.Where(r => r.Add.Contains(level)).Select(r => r.When.Describe(en ? "en" : "zh"));
            notes.Add((en ? "only when " : "仅当") + string.Join(en ? " or " : "或", when));
        }
        var skippedWhen = definition.Rules.Where(r => r.Skip.Contains(level)).Select(r => r.When.Describe(en ? "en" : "zh")).ToList();
        if (skippedWhen.Count > 0)
        {
            notes.Add((en ? "skipped when " : "以下情形跳过：") + string.Join(en ? " or " : "或", skippedWhen));
        }
        return string.Concat(notes.Select(note => "<br/>" + note));
    }

    private static string LevelLabel(OrgLevel level, bool en) => (level, en) switch
    {
        (OrgLevel.Branch, true) => "Branch approves",
        (OrgLevel.District, true) => "District approves",
        (OrgLevel.City, true) => "City approves",
        (OrgLevel.Provincial, true) => "Province approves",
        (OrgLevel.National, true) => "National federation approves",
        (OrgLevel.Branch, false) => "基层工会审批",
        (OrgLevel.District, false) => "区县总工会审批",
        (OrgLevel.City, false) => "市总工会审批",
        (OrgLevel.Provincial, false) => "省总工会审批",
        _ => "全国总工会审批",
    };
}
