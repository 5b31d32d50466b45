using System.Globalization;
using System.Text.Json.Nodes;
using Relief.Workflows.Definitions;
using Relief.Workflows.Hierarchy;

namespace Relief.Workflows.Engine.Definitions;

/// <summary>
/// Today's compact form (<c>route</c>, <c>rules</c>, <c>notice</c>, <c>deadlines</c>) as a graph, so programmes
/// written in it keep their behaviour: for each level a case may pass, bottom-up, an approval — behind a decide
/// node when rules add or skip the level, its condition the rules folded in their order — then the money set
/// aside, the notice (when there is one) and the payment. A return goes to the branch to amend and resubmit.
/// </summary>
public static class CompactRoute
{
    public static JsonObject Expand(WorkflowDefinition compact)
    {
        var nodes = new JsonObject();
        var levels = compact.PossibleLevels();
        var next = "reserve";
        // Built top-down, so each node knows the one after it.
        foreach (var level in levels.Reverse())
        {
            var approval = Id(level);
            var approve = new JsonObject
            {
                ["kind"] = "approve", ["title"] = $"{level} approval", ["at"] = level.ToString(),
                ["next"] = new JsonObject { ["approve"] = next, ["return"] = "amend", ["reject"] = "rejected" },
            };
            if (compact.DeadlineAt(level) is { } deadline)
            {
                approve["deadline"] = new JsonObject { [deadline.Counting == DayCounting.WorkingDays ? "workingDays" : "calendarDays"] = deadline.Days };
            }
            nodes[approval] = approve;
            var included = Included(level, compact);
            if (included == "false")
            {
                nodes.Remove(approval);
                continue;
            }
            if (included != "true")
            {
                nodes[$"has{level}"] = new JsonObject
                {
                    ["kind"] = "decide", ["title"] = $"does {level} approve this case?", ["condition"] = included,
                    ["next"] = new JsonObject { ["yes"] = approval, ["no"] = next },
                };
                next = $"has{level}";
            }
            else
            {
                next = approval;
            }
        }
        var start = next;
        nodes["amend"] = new JsonObject
        {
            ["kind"] = "task", ["title"] = "amend and resubmit", ["at"] = "Branch", ["roles"] = new JsonArray("clerk"), ["outcomes"] = new JsonArray("resubmit", "withdraw"),
            ["next"] = new JsonObject { ["resubmit"] = start, ["withdraw"] = "closed" },
        };
        nodes["reserve"] = new JsonObject { ["kind"] = "reserve", ["next"] = new JsonObject { ["done"] = compact.Notice is null ? "pay" : "notice" } };
        if (compact.Notice is { } notice)
        {
            var noticeNode = new JsonObject
            {
                ["kind"] = "notice", ["at"] = notice.Level.ToString(), ["days"] = notice.Days, ["counting"] = notice.Counting.ToString(),
                ["next"] = new JsonObject { ["closed"] = "pay", ["upheld"] = "release" },
            };
            if (notice.PublishAt is { } publishAt)
            {
                noticeNode["publishAt"] = publishAt.ToString("HH:mm", CultureInfo.InvariantCulture);
            }
            nodes["notice"] = noticeNode;
            nodes["release"] = new JsonObject { ["kind"] = "release", ["next"] = new JsonObject { ["done"] = "rejected" } };
        }
        nodes["pay"] = new JsonObject { ["kind"] = "pay", ["next"] = new JsonObject { ["done"] = "paid" } };
        nodes["paid"] = new JsonObject { ["kind"] = "end", ["result"] = "paid" };
        nodes["rejected"] = new JsonObject { ["kind"] = "end", ["result"] = "rejected" };
        nodes["closed"] = new JsonObject { ["kind"] = "end", ["result"] = "closed" };
        return new JsonObject { ["start"] = start, ["nodes"] = nodes };
    }

    private static string Id(OrgLevel level) => level.ToString().ToLowerInvariant();

    /// <summary>
    /// Whether <paramref name="level"/> approves a case, as a condition: in the route or not, then each rule in
    /// order adds it (when its condition holds) or skips it, as <see cref="WorkflowDefinition.RouteFor"/> does.
    /// "true" and "false" stand for conditions that do not depend on the case.
    /// </summary>
    internal static string Included(OrgLevel level, WorkflowDefinition compact)
    {
        var included = compact.Route.Contains(level) ? "true" : "false";
        foreach (var rule in compact.Rules)
        {
            var holds = Condition(rule.When);
            if (rule.Skip.Contains(level))
            {
                included = (included, holds) switch
                {
                    ("false", _) => "false",
                    (_, "true") => "false",
                    ("true", _) => $"not ({holds})",
                    _ => $"({included}) and not ({holds})",
                };
            }
            else if (rule.Add.Contains(level))
            {
                included = (included, holds) switch
                {
                    ("true", _) => "true",
                    (_, "true") => "true",
                    ("false", _) => holds,
                    _ => $"({included}) or ({holds})",
                };
            }
        }
        return included;
    }

    private static string Condition(RuleCondition when)
    {
        var parts = new List<string>();
        if (when.AmountAbove is { } threshold)
        {
            parts.Add($"amount > {threshold}");
        }
        if (when.Categories is { } categories)
        {
            parts.Add($"category in [{string.Join(", ", categories.Select(c => $"\"{c.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\""))}]");
        }
        return parts.Count == 0 ? "true" : string.Join(" and ", parts);
    }
}
