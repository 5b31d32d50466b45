using System.Text;
using Relief.Workflows.Engine.Activities;
using Relief.Workflows.Hierarchy;

namespace Relief.Workflows.Engine.Definitions;

/// <summary>
/// Draws a graph definition as a Mermaid flowchart, top to bottom: each node shaped by what it does (a decision
/// a diamond, a fork and a join hexagons, an end rounded), labelled with its title and what it is, each edge with
/// its outcome. The nodes a case stands at — several, on parallel branches — are highlighted.
/// </summary>
public static class EngineDiagram
{
    public static string Mermaid(EngineDefinition definition, string language = "zh", IReadOnlyCollection<string>? current = null)
    {
        var en = language == "en";
        var text = new StringBuilder("flowchart TD\n");
        foreach (var node in Ordered(definition))
        {
            var label = Escape(node.Title ?? node.Id) + "<br/>" + Escape(What(node, en));
            var (open, close) = node.Kind switch
            {
                "decide" => ("{", "}"),
                "fork" or "join" => ("{{", "}}"),
                "end" => ("([", "])"),
                "timer" => ("[(", ")]"),
                _ => ("[", "]"),
            };
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"    {node.Id}{open}\"{label}\"{close}\n");
        }
        foreach (var node in Ordered(definition))
        {
            foreach (var (outcome, target) in node.Next)
            {
                text.Append(System.Globalization.CultureInfo.InvariantCulture, $"    {node.Id} -- {Outcome(outcome, en)} --> {target}\n");
            }
        }
        var standing = (current ?? []).Where(definition.Nodes.ContainsKey).ToList();
        if (standing.Count > 0)
        {
            text.Append("    classDef current fill:#fde68a,stroke:#b45309,stroke-width:2px\n");
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"    class {string.Join(",", standing)} current\n");
        }
        return text.ToString();
    }

    /// <summary>From the start, breadth first, then whatever is left: the diagram reads in the order a case goes.</summary>
    private static IEnumerable<NodeDefinition> Ordered(EngineDefinition definition)
    {
        var seen = new HashSet<string>();
        var queue = new Queue<string>([definition.Start]);
        while (queue.TryDequeue(out var id))
        {
            if (definition.Nodes.TryGetValue(id, out var node) && seen.Add(id))
            {
                yield return node;
                foreach (var next in node.Next.Values)
                {
                    queue.Enqueue(next);
                }
            }
        }
        foreach (var node in definition.Nodes.Values.Where(n => !seen.Contains(n.Id)).OrderBy(n => n.Id, StringComparer.Ordinal))
        {
            yield return node;
        }
    }

    private static string What(NodeDefinition node, bool en)
    {
        var level = node.Settings["at"] is null ? null : Level(Settings.LevelOf(node.Settings, "at"), en);
        var quorum = node.Settings["quorum"] is { } q ? (en ? $", {q["needed"]} of {q["members"]} members" : $"，{q["members"]}人中{q["needed"]}人同意") : "";
        return node.Kind switch
        {
            "approve" => en ? $"approval by {level}{quorum}" : $"{level}审批{quorum}",
            "task" => en ? $"task at {level ?? "the unit"}" : $"{level ?? "本级"}办理",
            "decide" => (en ? "if " : "判断：") + Settings.TextOf(node.Settings, "condition"),
            "fork" => en ? "in parallel" : "并行",
            "join" => en ? "branches meet" : "汇合",
            "timer" => en ? "wait" : "等待",
            "followUps" => en ? "follow up each need" : "需求跟踪办理",
            "notice" => en ? $"public notice at {level}, {node.Settings["days"]} days" : $"{level}公示{node.Settings["days"]}天",
            "reserve" => en ? "money set aside" : "预留资金",
            "release" => en ? "money given back" : "退回资金",
            "pay" => en ? "payment" : "发放",
            "allocate" => en ? "money and quota to every child" : "资金与名额下拨",
            "receipts" => en ? "each child confirms receipt" : "下级逐一确认收款",
            "end" => (en ? "end: " : "结束：") + Settings.TextOf(node.Settings, "result"),
            var other => other,
        };
    }

    private static string Level(OrgLevel level, bool en) => en ? level.ToString() : level switch
    {
        OrgLevel.National => "全国总工会",
        OrgLevel.Provincial => "省总工会",
        OrgLevel.City => "市总工会",
        OrgLevel.District => "区县总工会",
        _ => "基层工会",
    };

    private static string Outcome(string outcome, bool en) => en ? outcome : outcome switch
    {
        "approve" => "同意",
        "return" => "退回",
        "reject" => "不同意",
        "done" => "完成",
        "yes" => "是",
        "no" => "否",
        "timeout" => "超期",
        "closed" => "公示期满",
        "upheld" => "异议成立",
        _ => outcome,
    };

    /// <summary>Titles and conditions are an administrator's text: nothing in them may close the label or start markup.</summary>
    private static string Escape(string text) => new StringBuilder(text)
        .Replace("&", "#amp;").Replace("\"", "#quot;").Replace("<", "#lt;").Replace(">", "#gt;").Replace("\n", " ").ToString();
}
