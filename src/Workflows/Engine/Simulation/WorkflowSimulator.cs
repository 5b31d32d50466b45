using Relief.Workflows.Common;
using Relief.Workflows.Engine.Expressions;
using Relief.Workflows.Engine.Runtime;
using Relief.Workflows.Hierarchy;
using Relief.Workflows.Notices;

namespace Relief.Workflows.Engine.Simulation;

/// <summary>
/// One line of a "try a case" script: what happens at a node the case waits at — a task's or a decision's outcome
/// (with its answers), a committee member's vote (<see cref="Member"/>), the notice's outcome (<c>closed</c>,
/// <c>upheld</c>), a timer going off or a task's <c>timeout</c> (the clock is moved to its due time).
/// </summary>
public sealed record ScriptStep(string Node, string Outcome, string? Member = null, IReadOnlyDictionary<string, ExpressionValue>? Answers = null);

/// <summary>A task the simulated case would open: where (its level), for whom, when, and when it falls due.</summary>
public sealed record SimulatedTask(string Node, string Kind, OrgLevel? At, IReadOnlyList<string> Roles, DateTimeOffset OpenedAt, DateTimeOffset? DueAt, string? Item);

/// <summary>
/// What a simulated case did: its journal, the tasks it opened, the effects it asked for (quota places, money set
/// aside, the notice, the payment), what it waits for at the end of the script, how it ended, and why the script
/// stopped early (a line naming a node the case does not wait at, a refused answer).
/// </summary>
public sealed record SimulatedRun(
    IReadOnlyList<JournalStep> Path,
    IReadOnlyList<SimulatedTask> Tasks,
    IReadOnlyList<Effect> Effects,
    IReadOnlyList<Bookmark> Waiting,
    string? EndedAs,
    string? StoppedAt);

/// <summary>
/// Runs a definition on an application and a script of outcomes with the engine's own pure core
/// (<see cref="WorkflowRuntime"/>), exactly as a case grain would hand it the same events — and writes nothing.
/// The effects are taken as granted: whether a unit's quota or money would suffice is the season's state, not the
/// definition's.
/// </summary>
public sealed class WorkflowSimulator(WorkflowRuntime runtime, HolidayCalendar calendar)
{
    private static readonly Actor Simulator = new("simulator", "simulation");

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
        return new SimulatedRun(run.Path, run.Tasks, run.Effects, run.State.Bookmarks, run.State.EndedAs, stopped);
    }

    private sealed class Simulation(WorkflowRuntime runtime, HolidayCalendar calendar, DateTimeOffset now)
    {
        private int _ids;

        public InstanceState State { get; private set; } = InstanceState.New(0);

        public List<JournalStep> Path { get; } = [];

        public List<SimulatedTask> Tasks { get; } = [];

        public List<Effect> Effects { get; } = [];

        /// <summary>Carries one script line to the bookmark it names; the reason it could not, or null.</summary>
        public string? Take(ScriptStep step)
        {
            if (State.Bookmarks.FirstOrDefault(b => b.Node == step.Node) is not { } bookmark)
            {
                return $"{step.Node}: the case does not wait there at this point; it waits at {string.Join(", ", State.Bookmarks.Select(b => b.Node))}.";
            }
            var answer = (bookmark.Kind, step) switch
            {
                ("timer", _) or (_, { Outcome: "timeout" }) => Tick(bookmark),
                ("notice", _) => Send(new Signalled(Simulator, "notice", step.Outcome)),
                (_, { Member: { } member }) => Send(new VoteCast(new Actor(member, "simulation"), bookmark.Id, step.Outcome)),
                _ => Send(new Completed(Simulator, bookmark.Id, step.Outcome, step.Answers)),
            };
            return answer.Result.Succeeded ? null : $"{step.Node}: {answer.Result.Message}";
        }

        private Transition Tick(Bookmark bookmark)
        {
            if (bookmark.DueAt is { } due && due > now)
            {
                now = due;
            }
            return Send(new ClockTicked(Simulator, now));
        }

        public Transition Send(RuntimeEvent @event)
        {
            var transition = runtime.Handle(State, @event, new RuntimeContext(now, calendar, () => new Guid(++_ids, 0, 0, new byte[8])));
            if (transition.Result.Succeeded)
            {
                Tasks.AddRange(transition.State.Bookmarks.Where(b => State.Bookmarks.All(open => open.Id != b.Id))
                    .Select(b => new SimulatedTask(b.Node, b.Kind, b.At, b.Roles, now, b.DueAt, b.Item)));
                Path.AddRange(transition.Journal);
                Effects.AddRange(transition.Effects);
                State = transition.State;
            }
            return transition;
        }
    }
}
