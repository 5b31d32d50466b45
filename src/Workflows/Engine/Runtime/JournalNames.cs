using Relief.Workflows.Engine.Activities;
using Relief.Workflows.Engine.Definitions;

namespace Relief.Workflows.Engine.Runtime;

/// <summary>
/// The name a step of the runtime's journal goes by in a case's journal (<c>approve@District</c>, <c>done@visit</c>,
/// <c>notice-closed</c>), or null for a step the journal leaves out (a token passing through a node). The case and
/// the simulator name steps the same way, so a simulated path reads like a real one.
/// </summary>
public static class JournalNames
{
    public static string? Of(JournalStep step, NodeDefinition? node) => (step.Kind, step.Outcome) switch
    {
        ("approve", { } outcome) => $"{outcome}@{Settings.LevelOf(node!.Settings, "at")}",
        ("vote", _) => $"vote@{Settings.LevelOf(node!.Settings, "at")}",
        ("task", "resubmit") => "amend",
        ("task", "withdraw") => "withdraw",
        ("task", { } outcome) => $"{outcome}@{step.Node}",
        ("decide", _) => $"decide@{step.Node}",
        ("join", "done") => $"join@{step.Node}",
        ("timer", _) => $"timer@{step.Node}",
        ("followUps", { } outcome) => $"{outcome}@{step.Node}",
        ("followUps", null) => $"follow-up@{step.Node}",
        ("notice", "closed") => "notice-closed",
        ("notice", "upheld") => "objection-upheld",
        ("pay", _) => "pay",
        ("closed", _) => $"closed@{step.Node}",
        ("reassign", _) => $"reassign@{step.Node}",
        ("move", _) => $"move@{step.Node}",
        ("migrate", _) => $"migrate@{step.Node}",
        _ => null,
    };
}
