using System.Text.Json.Nodes;
using Relief.Workflows.Common;
using Relief.Workflows.Engine.Activities;
using Relief.Workflows.Engine.Expressions;
using Relief.Workflows.Engine.Forms;
using Relief.Workflows.Engine.Runtime;
using Relief.Workflows.Hierarchy;
using Relief.Workflows.Notices;

namespace Relief.Workflows.Engine.Simulation;

/// <summary>
/// One line of a "try a case" script: what happens at a node the case waits at — a task's or a decision's outcome
/// (with the task's answers, checked against its form as a case checks them), a committee member's vote
/// (<see cref="Member"/>), the notice's outcome (<c>closed</c>: the window ran out; <c>upheld</c>: an objection was),
/// a timer going off or a task's <c>timeout</c> (the clock is moved to the time it falls due).
/// </summary>
public sealed record ScriptStep(string Node, string Outcome, string? Member = null, JsonObject? Answers = null);

/// <summary>One step of the simulated journal, named as a case's journal would name it (null: a step it leaves out).</summary>
public sealed record SimulatedStep(DateTimeOffset At, string? Name, JournalStep Step);

/// <summary>A task the simulated case would open: where (its level), for whom, when, and when it falls due (a timer: when it fires).</summary>
public sealed record SimulatedTask(string Node, string Kind, OrgLevel? At, IReadOnlyList<string> Roles, DateTimeOffset OpenedAt, DateTimeOffset? DueAt, string? Item);

/// <summary>An effect the case would ask another part of Relief for, and when.</summary>
public sealed record SimulatedEffect(DateTimeOffset At, Effect Effect);

/// <summary>
/// The public notice the case would get: the level whose unit posts it, when the list would be published (by itself
/// at the rule's time of day, else by hand — taken as at once) and its window on the holiday calendar.
/// </summary>
public sealed record SimulatedNotice(string Node, OrgLevel Level, DateTimeOffset PublishedAt, bool PublishedByItself, NoticeWindow Window);

/// <summary>
/// What a simulated case did: its journal, the tasks it opened, the effects it asked for (quota places, money set
/// aside, the notice, the payment), its notices, what it waits for at the end of the script, how it ended, and why
/// the script stopped early (a line naming a node the case does not wait at, a refused outcome or answer).
/// </summary>
public sealed record SimulatedRun(
    IReadOnlyList<SimulatedStep> Path,
    IReadOnlyList<SimulatedTask> Tasks,
    IReadOnlyList<SimulatedEffect> Effects,
    IReadOnlyList<SimulatedNotice> Notices,
    IReadOnlyList<Bookmark> Waiting,
    string? EndedAs,
    string? StoppedAt,
    DateTimeOffset EndsAt);

/// <summary>
/// Runs a definition on an application and a script of outcomes with the engine's own pure core
/// (<see cref="WorkflowRuntime"/>), exactly as a case grain would hand it the same events — and writes nothing.
/// The effects are taken as granted: whether a unit's quota or money would suffice is the season's state, not the
/// definition's.
/// </summary>
public sealed class WorkflowSimulator(WorkflowRuntime runtime, HolidayCalendar calendar)
{
    private static readonly Actor Simulator = new("simulator", "simulation");

    public WorkflowRuntime Runtime => runtime;

    public SimulatedRun Run(IReadOnlyDictionary<string, ExpressionValue> application, IReadOnlyList<ScriptStep> script, DateTimeOffset filedAt)
    {
        var run = new Simulation(runtime, calendar, filedAt);
        var started = run.Send(new Started(Simulator, application));
        string? stopped = started.Result.Succeeded ? null : started.Result.Message;
        foreach (var step in script)
        {
            if (stopped is not null || run.State.Ended)
            {
                break;
            }
            stopped = run.Take(step);
        }
        return new SimulatedRun(run.Path, run.Tasks, run.Effects, run.Notices, run.State.Bookmarks, run.State.EndedAs, stopped, run.Now);
    }

    private sealed class Simulation(WorkflowRuntime runtime, HolidayCalendar calendar, DateTimeOffset now)
    {
        private int _ids;

        public DateTimeOffset Now => now;

        public InstanceState State { get; private set; } = InstanceState.New(0);

        public List<SimulatedStep> Path { get; } = [];

        public List<SimulatedTask> Tasks { get; } = [];

        public List<SimulatedEffect> Effects { get; } = [];

        public List<SimulatedNotice> Notices { get; } = [];

        /// <summary>Carries one script line to the bookmark it names; the reason it could not, or null.</summary>
        public string? Take(ScriptStep step)
        {
            if (State.Bookmarks.FirstOrDefault(b => b.Node == step.Node) is not { } bookmark)
            {
                return $"{step.Node}: the case does not wait there at this point; it waits at {string.Join(", ", State.Bookmarks.Select(b => b.Node))}.";
            }
            if (Refusal(bookmark, step) is { } refused)
            {
                return $"{step.Node}: {refused}";
            }
            var answer = (bookmark.Kind, step) switch
            {
                ("timer", _) or (_, { Outcome: "timeout" }) => Tick(bookmark.DueAt),
                ("notice", _) => Notice(step.Outcome),
                (_, { Member: { } member }) => Send(new VoteCast(new Actor(member, "simulation"), bookmark.Id, step.Outcome)),
                _ => Send(new Completed(Simulator, bookmark.Id, step.Outcome,
                    bookmark.Kind == "approve" ? null : FormAnswers.Check(bookmark.Node, TaskForms.FormOf(bookmark, runtime.Definition.Node(bookmark.Node)), step.Answers).Variables)),
            };
            return answer.Result.Succeeded ? null : $"{step.Node}: {answer.Result.Message}";
        }

        /// <summary>What a case would refuse of this line before the engine sees it: an outcome the task does not offer, answers its form does not accept.</summary>
        private string? Refusal(Bookmark bookmark, ScriptStep step)
        {
            var node = runtime.Definition.Node(bookmark.Node);
            if (bookmark.Kind is "timer" or "notice" or "approve" || step.Outcome == "timeout")
            {
                return step.Outcome == "timeout" && bookmark.DueAt is null ? "this task has no deadline, so it cannot time out"
                    : bookmark.Kind == "approve" && step.Answers is not null ? "a decision takes a comment, not answers"
                    : bookmark.Kind == "approve" && node.Settings["quorum"] is not null && step.Member is null && step.Outcome != "timeout"
                        ? "a committee decides by its members' votes: give the member who casts each one"
                    : null;
            }
            var outcomes = TaskForms.OutcomesOf(bookmark, node);
            if (!outcomes.Contains(step.Outcome))
            {
                return $"the outcome '{step.Outcome}' is not one of {string.Join(", ", outcomes)}";
            }
            var problems = FormAnswers.Check(node.Id, TaskForms.FormOf(bookmark, node), step.Answers).Problems;
            return problems.Count == 0 ? null : string.Join("; ", problems.Select(p => $"{p.Field}: {p.Reason}"));
        }

        private Transition Tick(DateTimeOffset? due)
        {
            if (due is { } at && at > now)
            {
                now = at;
            }
            return Send(new ClockTicked(Simulator, now));
        }

        /// <summary>The window runs out (the clock moves to its close) or an objection is upheld while it is open.</summary>
        private Transition Notice(string outcome)
        {
            if (Notices.LastOrDefault() is { } notice)
            {
                var at = outcome == "closed" ? notice.Window.ClosesAt : notice.PublishedAt;
                now = at > now ? at : now;
            }
            return Send(new Signalled(Simulator, "notice", outcome));
        }

        public Transition Send(RuntimeEvent @event)
        {
            var transition = runtime.Handle(State, @event, new RuntimeContext(now, calendar, () => new Guid(++_ids, 0, 0, new byte[8])));
            if (transition.Result.Succeeded)
            {
                Tasks.AddRange(transition.State.Bookmarks.Where(b => State.Bookmarks.All(open => open.Id != b.Id))
                    .Select(b => new SimulatedTask(b.Node, b.Kind, b.At, b.Roles, now, b.DueAt, b.Item)));
                Path.AddRange(transition.Journal.Select(j => new SimulatedStep(now, JournalNames.Of(j, j.Node.Length == 0 ? null : runtime.Definition.Node(j.Node)), j)));
                Effects.AddRange(transition.Effects.Select(e => new SimulatedEffect(now, e)));
                foreach (var effect in transition.Effects.Where(e => e.Kind == EffectKinds.Notice))
                {
                    var rule = NoticeActivity.RuleOf(runtime.Definition.Node(effect.Node));
                    var publishedAt = rule.PublishAt is { } at ? NoticeSchedule.NextPublication(now, at) : now;
                    Notices.Add(new SimulatedNotice(effect.Node, rule.Level, publishedAt, rule.PublishAt is not null, NoticeWindow.For(publishedAt, rule, calendar)));
                }
                State = transition.State;
            }
            return transition;
        }
    }
}
