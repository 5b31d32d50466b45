using System.Text.Json.Nodes;
using Relief.Workflows.Engine.Activities;
using Relief.Workflows.Engine.Definitions;
using Relief.Workflows.Engine.Runtime;

namespace Relief.Workflows.Engine.Forms;

/// <summary>
/// What a waiting task accepts: its outcomes and the form its answers are checked against. One place, so that a
/// case and the simulator refuse the same completions.
/// </summary>
public static class TaskForms
{
    /// <summary>What answering a need of a follow-up asks: what was done about it.</summary>
    public const string FollowUpFormJson =
        """{ "fields": [ { "name": "answer", "label": "办理结果", "type": "longText", "required": true, "maxLength": 2000 } ] }""";

    private static readonly FormDefinition FollowUpAnswer = FormDefinition.Of(JsonNode.Parse(FollowUpFormJson));

    /// <summary>The outcomes a person may choose (a timeout is the clock's, never a person's).</summary>
    public static IReadOnlyList<string> OutcomesOf(Bookmark bookmark, NodeDefinition node) =>
        bookmark.Item is not null ? [FollowUpsActivity.Answered] : [.. node.Next.Keys.Where(o => o != "timeout")];

    public static FormDefinition FormOf(Bookmark bookmark, NodeDefinition node) =>
        bookmark.Item is not null ? FollowUpAnswer : FormDefinition.Of(node.Settings["form"]);
}
