using Relief.Workflows.Engine.Activities;
using Relief.Workflows.Engine.Definitions;
using Relief.Workflows.Engine.Expressions;
using Relief.Workflows.Engine.Runtime;

namespace Relief.Workflows.Cases;

/// <summary>The case as its page shows it: where it stands, its route of approvals, its open tasks.</summary>
public sealed partial class CaseGrain
{
    public async Task<CaseView?> Describe()
    {
        if (State.Application is not { } application)
        {
            return null;
        }
        var runtime = await Runtime();
        var instance = State.Instance!;
        // Copies of the state's lists: a view is sent after this turn ends, while the next turn may append to them.
        return new CaseView(Id, application.ProgrammeId, application.BranchCode, application.Applicant,
            State.Amount, [.. State.Goods], State.Status, State.Version, State.DefinitionVersion, Route(runtime, instance), WaitingUnit(),
            [.. State.Journal], [.. State.Incidents], State.Recovery, [.. instance.Bookmarks.Select(b => TaskOf(b, runtime))],
            [.. instance.Bookmarks.Select(b => b.Node).Distinct()]);
    }

    public Task<CaseWhereabouts?> Whereabouts() => Task.FromResult(
        State.Application is { } application ? new CaseWhereabouts(application.BranchCode, WaitingUnit(), application.ProgrammeId) : null);

    private CaseTask TaskOf(Bookmark bookmark, WorkflowRuntime runtime)
    {
        var node = runtime.Definition.Node(bookmark.Node);
        var quorum = node.Settings["quorum"];
        return new CaseTask(bookmark.Id, node.Id, node.Kind, TitleOf(bookmark, node), bookmark.At is null ? null : TaskUnit(bookmark), bookmark.Roles,
            bookmark.DueAt, OutcomesOf(bookmark, node), [.. bookmark.Votes.Select(v => v.Member)],
            (int?)quorum?["members"], (int?)quorum?["needed"], bookmark.Item is not null ? Engine.Forms.TaskForms.FollowUpFormJson : node.Settings["form"]?.ToJsonString());
    }

    /// <summary>
    /// The approvals the case passes, in order: the path from the start as far as it can be known now (conditions
    /// worked out on the case's data — both ways while they wait for answers —, every branch of a fork, a task's
    /// forward outcome), each marked approved
    /// (since the case was last filed or amended), waiting, rejected or not reached.
    /// </summary>
    private List<RouteStep> Route(WorkflowRuntime runtime, InstanceState instance)
    {
        var lastStart = State.Journal.FindLastIndex(e => e.Step is "file" or "amend");
        var since = State.Journal.Skip(Math.Max(lastStart, 0)).ToList();
        var finished = State.Status is CaseStatus.Approved or CaseStatus.Noticed or CaseStatus.Suspended or CaseStatus.Payable or CaseStatus.Paid;
        return ApprovalsOnPath(runtime.Definition, instance).Select(node =>
        {
            var level = Settings.LevelOf(node.Settings, "at");
            var state = instance.Bookmarks.Any(b => b.Node == node.Id) ? "waiting"
                : finished || since.Any(e => e.Node == node.Id && e.Outcome == "approve") ? "approved"
                : State.Status == CaseStatus.Rejected && since.Any(e => e.Node == node.Id && e.Outcome == "reject") ? "rejected"
                : "not reached";
            return new RouteStep(level, UnitAt(level), state);
        }).ToList();
    }

    private static List<NodeDefinition> ApprovalsOnPath(EngineDefinition definition, InstanceState instance)
    {
        var approvals = new List<NodeDefinition>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var next = new Queue<string>([definition.Start]);
        while (next.TryDequeue(out var id))
        {
            if (!seen.Add(id))
            {
                continue;
            }
            var node = definition.Node(id);
            if (node.Kind == "approve")
            {
                approvals.Add(node);
            }
            foreach (var target in Onward(node, instance))
            {
                next.Enqueue(target);
            }
        }
        return approvals;
    }

    private static readonly string[] ForwardOutcomes = ["approve", "done", "closed"];

    private static IEnumerable<string> Onward(NodeDefinition node, InstanceState instance)
    {
        switch (node.Kind)
        {
            case "end":
                return [];
            case "fork":
                return node.Next.Values;
            case "decide":
                var (value, problem) = ExpressionEvaluator.Evaluate(ExpressionParser.ParseSaved(Settings.TextOf(node.Settings, "condition")!), instance.Variables);
                // A condition on answers not given yet: both ways, so the approvals either way are shown as not reached.
                return problem is null ? [node.Next[value!.Bool ? "yes" : "no"]] : [node.Next["yes"], node.Next["no"]];
            default:
                var outcome = ForwardOutcomes.FirstOrDefault(node.Next.ContainsKey)
                    ?? node.Next.Keys.FirstOrDefault(o => o is not ("timeout" or "return" or "reject" or "withdraw" or "upheld"));
                return outcome is null ? [] : [node.Next[outcome]];
        }
    }
}
