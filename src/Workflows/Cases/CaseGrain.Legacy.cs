using Relief.Workflows.Engine.Activities;
using Relief.Workflows.Engine.Runtime;

namespace Relief.Workflows.Cases;

/// <summary>
/// A case written before the engine (schema 6 and earlier) read as a workflow instance: its programme's version
/// expands its compact route into the graph (<see cref="Engine.Definitions.CompactRoute"/>), whose node ids are the
/// levels, <c>amend</c>, <c>notice</c> and <c>pay</c>, so the case's status and step say which node it stands at.
/// Nothing is written until the case's next step; schema 7 wakes every case that was queued so that its inbox
/// lines are written anew.
/// </summary>
public sealed partial class CaseGrain
{
    private void ConvertLegacy(WorkflowRuntime runtime)
    {
        var node = State.Status switch
        {
            CaseStatus.Waiting => State.Route[State.Step].ToString().ToLowerInvariant(),
            CaseStatus.Returned => "amend",
            CaseStatus.Approved when State.Notice is not null => "notice",
            CaseStatus.Noticed or CaseStatus.Suspended => "notice",
            CaseStatus.Approved or CaseStatus.Payable => "pay",
            _ => null,
        };
        var tokens = new List<Token>();
        var bookmarks = new List<Bookmark>();
        if (node is not null && runtime.Definition.Nodes.TryGetValue(node, out var definition))
        {
            var token = new Token(Guid.NewGuid(), node, []);
            tokens.Add(token);
            var at = definition.Settings["at"] is null ? (Hierarchy.OrgLevel?)null : Settings.LevelOf(definition.Settings, "at");
            var roles = Settings.NamesOf(definition.Settings, "roles", definition.Kind switch { "approve" => "approver", "pay" => "finance", _ => "clerk" });
            bookmarks.Add(new Bookmark(Guid.NewGuid(), token.Id, node, definition.Kind, at, roles, null, []));
        }
        var ended = State.Status switch
        {
            CaseStatus.Rejected => "rejected",
            CaseStatus.Paid => "paid",
            _ => node is null ? "closed" : null,
        };
        State.Instance = new InstanceState(State.DefinitionVersion, tokens, bookmarks, CaseVariables.Of(State.Application!, State.Amount),
            new Dictionary<Guid, IReadOnlyList<Guid>>(), ended);
        State.TaskSince = bookmarks.ToDictionary(b => b.Id, _ => State.WaitingSince);
        State.MoneyReserved = State.Status is CaseStatus.Approved or CaseStatus.Noticed or CaseStatus.Suspended or CaseStatus.Payable;
        State.Paid = State.Status == CaseStatus.Paid;
        State.NoticeClosed = State.Status == CaseStatus.Payable;
        State.Suspended = State.Status == CaseStatus.Suspended;
    }
}
