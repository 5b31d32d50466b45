using Relief.Workflows.Common;
using Relief.Workflows.Engine.Activities;
using Relief.Workflows.Engine.Definitions;
using Relief.Workflows.Engine.Expressions;
using Relief.Workflows.Hierarchy;

namespace Relief.Workflows.Engine.Runtime;

/// <summary>
/// The rules of the engine as a pure function (as <c>AccountBook</c> is for money): given a definition, an
/// instance and an event, what happens next — which tokens move, which bookmarks open or close, which effects
/// are asked for, what the journal says. One event runs until every token waits or the instance ends. The case
/// grain only loads, asks this, records, and carries out the effects in order. Nothing here reads a clock,
/// a store or another grain.
/// </summary>
public sealed partial class WorkflowRuntime(ActivityRegistry registry, EngineDefinition definition)
{
    // The definition check forbids loops that never wait; this only bounds a definition saved before that check.
    private const int MaxStepsPerEvent = 10_000;

    public EngineDefinition Definition => definition;

    public Transition Handle(InstanceState instance, RuntimeEvent @event, RuntimeContext context) => @event switch
    {
        _ when instance.Ended => Transition.Refused(instance, CommandResult.Conflict($"The workflow has ended ({instance.EndedAs}).")),
        Started started => Start(instance, started, context),
        Completed completed => Complete(instance, completed, context),
        VoteCast vote => CastVote(instance, vote, context),
        ClockTicked tick => Tick(instance, tick, context),
        Signalled signal => Signal(instance, signal, context),
        Cancelled cancelled => Cancel(instance, cancelled, context),
        Reassigned reassigned => Reassign(instance, reassigned, context),
        Moved moved => MoveCase(instance, moved, context),
        Migrated migrated => Migrate(instance, migrated, context),
        _ => Transition.Refused(instance, CommandResult.Invalid("event", "not an event of the workflow")),
    };

    private Transition Start(InstanceState instance, Started started, RuntimeContext context)
    {
        if (instance.Tokens.Count > 0)
        {
            return Transition.Refused(instance, CommandResult.Conflict("The workflow has started already."));
        }
        var run = new Run(this, instance, context, started.Actor);
        run.Merge(started.Variables);
        run.Enter(new Token(context.NewId(), definition.Start, []), from: "start");
        return run.Finish();
    }

    private Transition Complete(InstanceState instance, Completed completed, RuntimeContext context)
    {
        if (instance.Bookmarks.FirstOrDefault(b => b.Id == completed.Bookmark) is not { } bookmark)
        {
            return Transition.Refused(instance, CommandResult.NotFound($"No open task {completed.Bookmark} on this case."));
        }
        var node = definition.Node(bookmark.Node);
        if (node.Kind == "approve" && node.Settings["quorum"] is not null)
        {
            return Transition.Refused(instance, CommandResult.Invalid("outcome", "a committee decides by its members' votes"));
        }
        if (bookmark.Item is not null)
        {
            var closing = node.Kind == "receipts" ? ReceiptsActivity.Received : FollowUpsActivity.Answered;
            if (completed.Outcome != closing)
            {
                return Transition.Refused(instance, CommandResult.Invalid("outcome",
                    node.Kind == "receipts" ? $"a receipt is confirmed with '{closing}'" : $"a need is closed with '{closing}'"));
            }
            var answering = new Run(this, instance, context, completed.Actor);
            answering.Answer(bookmark);
            return answering.Finish();
        }
        var outcomes = Kind(node).Outcomes(node).Where(o => o != "timeout").ToList();
        if (!outcomes.Contains(completed.Outcome))
        {
            return Transition.Refused(instance, CommandResult.Invalid("outcome", $"one of {string.Join(", ", outcomes)}"));
        }
        var run = new Run(this, instance, context, completed.Actor);
        run.Merge(completed.Variables ?? new Dictionary<string, ExpressionValue>());
        run.Resume(bookmark, completed.Outcome, detail: null);
        return run.Finish();
    }

    private Transition CastVote(InstanceState instance, VoteCast vote, RuntimeContext context)
    {
        if (instance.Bookmarks.FirstOrDefault(b => b.Id == vote.Bookmark) is not { } bookmark)
        {
            return Transition.Refused(instance, CommandResult.NotFound($"No open vote {vote.Bookmark} on this case."));
        }
        var node = definition.Node(bookmark.Node);
        if (node.Settings["quorum"] is not { } quorum)
        {
            return Transition.Refused(instance, CommandResult.Invalid("decision", "this step is decided by one approver, not by votes"));
        }
        if (vote.Decision is not ("approve" or "return" or "reject"))
        {
            return Transition.Refused(instance, CommandResult.Invalid("decision", "approve, return or reject"));
        }
        if (bookmark.Votes.Any(v => v.Member == vote.Actor.UserId))
        {
            return Transition.Refused(instance, CommandResult.Conflict($"{vote.Actor.UserId} has voted on this already."));
        }
        var votes = bookmark.Votes.Append(new Vote(vote.Actor.UserId, vote.Decision)).ToList();
        var run = new Run(this, instance, context, vote.Actor);
        var outcome = QuorumOutcome(votes, quorum["members"]!.GetValue<int>(), quorum["needed"]!.GetValue<int>());
        var tally = $"{votes.Count(v => v.Decision == "approve")} of {quorum["needed"]} approvals needed, {votes.Count} of {quorum["members"]} voted";
        if (outcome is null)
        {
            run.Replace(bookmark, bookmark with { Votes = votes }, $"vote {vote.Decision}: {tally}");
        }
        else
        {
            run.Resume(bookmark with { Votes = votes }, outcome, $"vote {vote.Decision}: {tally}, decided {outcome}");
        }
        return run.Finish();
    }

    /// <summary>The outcome the moment it is certain: enough approvals, or too few members left to reach them.</summary>
    internal static string? QuorumOutcome(IReadOnlyList<Vote> votes, int members, int needed)
    {
        var approvals = votes.Count(v => v.Decision == "approve");
        if (approvals >= needed)
        {
            return "approve";
        }
        if (approvals + (members - votes.Count) >= needed)
        {
            return null;
        }
        return votes.Count(v => v.Decision == "return") > votes.Count(v => v.Decision == "reject") ? "return" : "reject";
    }

    private Transition Tick(InstanceState instance, ClockTicked tick, RuntimeContext context)
    {
        var run = new Run(this, instance, context, tick.Actor);
        foreach (var due in instance.Bookmarks.Where(b => b.DueAt <= tick.Now).OrderBy(b => b.DueAt).ThenBy(b => b.Node, StringComparer.Ordinal))
        {
            var node = definition.Node(due.Node);
            var outcome = node.Kind == "timer" ? "done" : Kind(node).Outcomes(node).Contains("timeout") ? "timeout" : null;
            if (outcome is not null && run.IsOpen(due.Id))
            {
                run.Resume(due, outcome, $"due {due.DueAt:yyyy-MM-dd HH:mm}");
            }
        }
        return run.Finish();
    }

    private Transition Signal(InstanceState instance, Signalled signal, RuntimeContext context)
    {
        if (instance.Bookmarks.FirstOrDefault(b => b.Kind == signal.Kind) is not { } bookmark)
        {
            return Transition.Refused(instance, CommandResult.Conflict($"The case is not waiting on a {signal.Kind}."));
        }
        var run = new Run(this, instance, context, signal.Actor);
        run.Resume(bookmark, signal.Outcome, detail: null);
        return run.Finish();
    }

    private Transition Cancel(InstanceState instance, Cancelled cancelled, RuntimeContext context)
    {
        var run = new Run(this, instance, context, cancelled.Actor);
        run.Cancel(cancelled.Reason);
        return run.Finish();
    }

    private ActivityKind Kind(NodeDefinition node) => registry.Find(node.Kind)!;

    /// <summary>Where a waiting node's task is done and by whom: its level (none: the branch, or nobody's inbox) and roles.</summary>
    internal static (OrgLevel? At, IReadOnlyList<string> Roles) WhoActs(NodeDefinition node) => node.Kind == "followUps"
        ? (Settings.LevelOf(node.Settings, "assignTo"), Settings.NamesOf(node.Settings, "roles", "approver"))
        : (node.Settings["at"] is null ? null : Settings.LevelOf(node.Settings, "at"),
            Settings.NamesOf(node.Settings, "roles", node.Kind switch { "approve" => "approver", "pay" => "finance", _ => "clerk" }));

    /// <summary>One event's work on a copy of the instance: tokens moved until every one waits, or the instance ends.</summary>
    private sealed class Run(WorkflowRuntime runtime, InstanceState instance, RuntimeContext context, Actor actor)
    {
        private readonly List<Token> _tokens = [.. instance.Tokens];
        private readonly List<Bookmark> _bookmarks = [.. instance.Bookmarks];
        private readonly Dictionary<string, ExpressionValue> _variables = new(instance.Variables);
        private readonly Dictionary<Guid, IReadOnlyList<Guid>> _arrivals = new(instance.JoinArrivals);
        private readonly List<Effect> _effects = [];
        private readonly List<JournalStep> _journal = [];
        private readonly Queue<(Token Token, string From)> _moving = new();
        private string? _ended = instance.EndedAs;
        private int _version = instance.DefinitionVersion;
        private CommandResult _result = CommandResult.Done;

        private EngineDefinition Definition => runtime.Definition;

        public bool IsOpen(Guid bookmark) => _bookmarks.Any(b => b.Id == bookmark);

        public void Merge(IReadOnlyDictionary<string, ExpressionValue> variables)
        {
            foreach (var (name, value) in variables)
            {
                _variables[name] = value;
            }
        }

        public void Enter(Token token, string from)
        {
            _tokens.Add(token);
            _moving.Enqueue((token, from));
            Drain();
        }

        public void Replace(Bookmark before, Bookmark after, string detail)
        {
            _bookmarks[_bookmarks.IndexOf(before)] = after;
            Journal(before.Node, "vote", null, before.Node, before.Node, detail);
        }

        public void Resume(Bookmark bookmark, string outcome, string? detail)
        {
            _bookmarks.RemoveAll(b => b.Id == bookmark.Id);
            var token = _tokens.Single(t => t.Id == bookmark.Token);
            Move(token, outcome, detail);
            Drain();
        }

        public Transition Finish() => _result.Succeeded
            ? new Transition(new InstanceState(_version, _tokens, _bookmarks, _variables, _arrivals, _ended), _effects, _journal, CommandResult.Done)
            : Transition.Refused(instance, _result);

        private void Move(Token token, string outcome, string? detail)
        {
            var node = Definition.Node(token.Node);
            var target = node.Next[outcome];
            Journal(node.Id, node.Kind, outcome, node.Id, target, detail);
            AskEffectsOfLeaving(node, outcome);
            var moved = token with { Node = target };
            _tokens[_tokens.FindIndex(t => t.Id == token.Id)] = moved;
            _moving.Enqueue((moved, node.Id));
        }

        /// <summary>
        /// What leaving a node asks of other grains: an approval takes the unit's quota place (and may be refused),
        /// a return gives back every place the case holds, as the case goes back to the branch; a payment disburses.
        /// </summary>
        private void AskEffectsOfLeaving(NodeDefinition node, string outcome)
        {
            var effect = (node.Kind, outcome) switch
            {
                ("approve", "approve") => EffectKinds.TakePlace,
                ("approve", "return") => EffectKinds.ReleasePlaces,
                ("pay", "done") => EffectKinds.Disburse,
                ("task", not "timeout") when Settings.FlagOf(node.Settings, TaskActivity.HandsOverGoods) => EffectKinds.IssueGoods,
                _ => null,
            };
            if (effect is not null)
            {
                _effects.Add(new Effect(context.NewId(), effect, node.Id));
            }
        }

        /// <summary>
        /// One item of a node that waits per item closed (a need answered, a child's receipt confirmed): its path
        /// closes, and the last one closed takes the node on.
        /// </summary>
        public void Answer(Bookmark bookmark)
        {
            _bookmarks.Remove(bookmark);
            var token = _tokens.Single(t => t.Id == bookmark.Token);
            _tokens.Remove(token);
            var receipts = bookmark.Kind == "receipts";
            Journal(bookmark.Node, bookmark.Kind, receipts ? ReceiptsActivity.Received : FollowUpsActivity.Answered, bookmark.Node, bookmark.Node, bookmark.Item);
            var scope = token.Frames[^1].Scope;
            if (!_tokens.Any(t => t.Frames.Any(f => f.Scope == scope)))
            {
                var onward = new Token(context.NewId(), bookmark.Node, [.. token.Frames.Take(token.Frames.Count - 1)]);
                _tokens.Add(onward);
                Move(onward, "done", receipts ? "every child confirmed receipt" : "every need answered");
                Drain();
            }
        }

        /// <summary>A waiting task given to another level or other roles: the same task (its id, votes and deadline kept).</summary>
        public void Reassign(Bookmark before, Bookmark after, string detail)
        {
            _bookmarks[_bookmarks.IndexOf(before)] = after;
            Journal(before.Node, "reassign", null, before.Node, before.Node, detail);
        }

        /// <summary>The token leaves what it waits for (a notice line withdrawn) and arrives at <paramref name="target"/> as if sent there.</summary>
        public void MoveTo(Token token, string target, string reason)
        {
            foreach (var bookmark in _bookmarks.Where(b => b.Token == token.Id).ToList())
            {
                _bookmarks.Remove(bookmark);
                if (bookmark.Kind == "notice")
                {
                    _effects.Add(new Effect(context.NewId(), EffectKinds.WithdrawNotice, bookmark.Node));
                }
            }
            Journal(token.Node, "move", null, token.Node, target, reason);
            var moved = token with { Node = target };
            _tokens[_tokens.FindIndex(t => t.Id == token.Id)] = moved;
            _moving.Enqueue((moved, token.Node));
            Drain();
        }

        /// <summary>
        /// The instance on another version of its definition: each token and what it waits for renamed to the node
        /// it lands at, nothing entered again (no task reopened, no effect asked), at and roles as the new node says.
        /// </summary>
        public void Migrate(int version, IReadOnlyList<Landing> landings, string reason)
        {
            _version = version;
            foreach (var landing in landings)
            {
                var index = _tokens.FindIndex(t => t.Id == landing.Token);
                _tokens[index] = _tokens[index] with { Node = landing.To, Frames = [.. _tokens[index].Frames.Select(f => f with { Fork = landing.Forks.GetValueOrDefault(f.Fork, f.Fork) })] };
                for (var b = 0; b < _bookmarks.Count; b++)
                {
                    if (_bookmarks[b].Token == landing.Token)
                    {
                        _bookmarks[b] = _bookmarks[b] with { Node = landing.To, At = landing.At, Roles = landing.Roles };
                    }
                }
                Journal(landing.To, "migrate", null, landing.From, landing.To, reason);
            }
        }

        public void Cancel(string reason)
        {
            Journal("", "cancelled", null, "", "", reason);
            EndAs("rejected", "", reason);
        }

        private void Drain()
        {
            var steps = 0;
            while (_result.Succeeded && _ended is null && _moving.TryDequeue(out var moving))
            {
                if (++steps > MaxStepsPerEvent)
                {
                    _result = CommandResult.Conflict($"The workflow ran {MaxStepsPerEvent} steps without waiting: its definition loops.");
                    return;
                }
                if (_tokens.Any(t => t.Id == moving.Token.Id && t.Node == moving.Token.Node))
                {
                    Arrive(moving.Token);
                }
            }
        }

        private void Arrive(Token token)
        {
            var node = Definition.Node(token.Node);
            switch (node.Kind)
            {
                case "end":
                    End(node);
                    break;
                case "decide":
                    Decide(token, node);
                    break;
                case "fork":
                    Fork(token, node);
                    break;
                case "join":
                    Join(token, node);
                    break;
                case "followUps":
                    FollowUps(token, node);
                    break;
                case "reserve" or "release":
                    _effects.Add(new Effect(context.NewId(), node.Kind == "reserve" ? EffectKinds.Reserve : EffectKinds.Release, node.Id));
                    Move(token, "done", null);
                    break;
                case "allocate":
                    _effects.Add(new Effect(context.NewId(), EffectKinds.AllocatePlan, node.Id));
                    Move(token, "done", null);
                    break;
                case "receipts":
                    Receipts(token, node);
                    break;
                default:
                    Wait(token, node);
                    break;
            }
        }

        private void Wait(Token token, NodeDefinition node)
        {
            var (at, roles) = WhoActs(node);
            var due = context.DueAt(node.Kind == "timer" ? node.Settings["wait"] : node.Settings["due"] ?? node.Settings["deadline"]);
            _bookmarks.Add(new Bookmark(context.NewId(), token.Id, node.Id, node.Kind, at, roles, due, []));
            if (node.Kind == "notice")
            {
                _effects.Add(new Effect(context.NewId(), EffectKinds.Notice, node.Id));
            }
        }

        /// <summary>
        /// Each need the earlier task listed becomes a path of its own, waiting at the unit that answers it (as a
        /// fork whose branches are the needs); with none listed the node is done at once.
        /// </summary>
        private void FollowUps(Token token, NodeDefinition node)
        {
            var listed = _variables.GetValueOrDefault(Forms.FormAnswers.ItemsOf(Settings.TextOf(node.Settings, "from")!, Settings.TextOf(node.Settings, "field")!));
            var needs = listed is { Type: Expressions.ValueType.TextList } ? listed.Texts : [];
            if (needs.Count == 0)
            {
                Move(token, "done", "no needs were raised");
                return;
            }
            _tokens.RemoveAll(t => t.Id == token.Id);
            var frame = new ForkFrame(node.Id, context.NewId());
            var at = Settings.LevelOf(node.Settings, "assignTo");
            var roles = Settings.NamesOf(node.Settings, "roles", "approver");
            var due = context.DueAt(node.Settings["due"]);
            foreach (var need in needs)
            {
                var path = new Token(context.NewId(), node.Id, [.. token.Frames, frame]);
                _tokens.Add(path);
                _bookmarks.Add(new Bookmark(context.NewId(), path.Id, node.Id, node.Kind, at, roles, due, [], need));
            }
            Journal(node.Id, "followUps", null, node.Id, node.Id, $"{needs.Count} needs to follow up");
        }

        /// <summary>
        /// One receipt per child the plan allocates to (its <see cref="ReceiptsActivity.ChildrenVariable"/>), each a path
        /// of its own waiting at that child until it confirms; the node is done at once when the plan names no child.
        /// </summary>
        private void Receipts(Token token, NodeDefinition node)
        {
            var listed = _variables.GetValueOrDefault(ReceiptsActivity.ChildrenVariable);
            var children = listed is { Type: Expressions.ValueType.TextList } ? listed.Texts : [];
            if (children.Count == 0)
            {
                Move(token, "done", "no child to confirm a receipt");
                return;
            }
            _tokens.RemoveAll(t => t.Id == token.Id);
            var frame = new ForkFrame(node.Id, context.NewId());
            var roles = Settings.NamesOf(node.Settings, "roles", "finance");
            var due = context.DueAt(node.Settings["deadline"]);
            foreach (var child in children)
            {
                var path = new Token(context.NewId(), node.Id, [.. token.Frames, frame]);
                _tokens.Add(path);
                _bookmarks.Add(new Bookmark(context.NewId(), path.Id, node.Id, node.Kind, null, roles, due, [], child));
            }
            Journal(node.Id, "receipts", null, node.Id, node.Id, $"{children.Count} receipts to confirm");
        }

        private void Decide(Token token, NodeDefinition node)
        {
            var (value, problem) = ExpressionEvaluator.Evaluate(ExpressionParser.ParseSaved(Settings.TextOf(node.Settings, "condition")!), _variables);
            if (problem is not null)
            {
                _result = CommandResult.Conflict($"The condition of '{node.Id}' could not be worked out: {problem}.");
                return;
            }
            Move(token, value!.Bool ? "yes" : "no", Settings.TextOf(node.Settings, "condition"));
        }

        private void Fork(Token token, NodeDefinition node)
        {
            _tokens.RemoveAll(t => t.Id == token.Id);
            var frame = new ForkFrame(node.Id, context.NewId());
            foreach (var (branch, target) in node.Next)
            {
                var child = new Token(context.NewId(), target, [.. token.Frames, frame]);
                _tokens.Add(child);
                Journal(node.Id, "fork", branch, node.Id, target, null);
                _moving.Enqueue((child, node.Id));
            }
        }

        private void Join(Token token, NodeDefinition node)
        {
            var forkId = Settings.TextOf(node.Settings, "fork")!;
            if (token.Frames.Count == 0 || token.Frames[^1].Fork != forkId)
            {
                _result = CommandResult.Conflict($"A path reached the join '{node.Id}' without passing its fork '{forkId}'.");
                return;
            }
            var scope = token.Frames[^1].Scope;
            var arrived = _arrivals.GetValueOrDefault(scope, []).Append(token.Id).ToList();
            var wait = Settings.WholeNumberOf(node.Settings, "wait") ?? Definition.Node(forkId).Next.Count;
            _tokens.RemoveAll(t => t.Id == token.Id);
            if (arrived.Count < wait)
            {
                _arrivals[scope] = arrived;
                Journal(node.Id, "join", null, node.Id, node.Id, $"{arrived.Count} of {wait} branches arrived");
                return;
            }
            _arrivals.Remove(scope);
            Close(t => t.Frames.Any(f => f.Scope == scope), $"the branches met at {node.Id}");
            var onward = new Token(context.NewId(), node.Id, [.. token.Frames.Take(token.Frames.Count - 1)]);
            _tokens.Add(onward);
            Move(onward, "done", $"{arrived.Count} of {wait} branches arrived");
        }

        private void End(NodeDefinition node) =>
            EndAs(Settings.TextOf(node.Settings, "result")!, node.Id, $"the case ended at {node.Id} ({Settings.TextOf(node.Settings, "result")})");

        /// <summary>Ends the instance: every open branch closed with the reason; a rejected case gives back its places and its money.</summary>
        private void EndAs(string result, string node, string why)
        {
            _ended = result;
            Close(_ => true, why);
            _arrivals.Clear();
            Journal(node, "end", null, node, node, result);
            if (result == "rejected" && Definition.Subject == WorkflowSubject.Case)
            {
                _effects.Add(new Effect(context.NewId(), EffectKinds.ReleasePlaces, node));
                _effects.Add(new Effect(context.NewId(), EffectKinds.Release, node));
            }
        }

        /// <summary>Removes the tokens <paramref name="which"/> selects, and their bookmarks, saying why in the journal.</summary>
        private void Close(Func<Token, bool> which, string why)
        {
            foreach (var token in _tokens.Where(which).ToList())
            {
                foreach (var bookmark in _bookmarks.Where(b => b.Token == token.Id).ToList())
                {
                    _bookmarks.Remove(bookmark);
                    if (bookmark.Kind == "notice")
                    {
                        _effects.Add(new Effect(context.NewId(), EffectKinds.WithdrawNotice, bookmark.Node));
                    }
                    Journal(bookmark.Node, "closed", null, bookmark.Node, bookmark.Node, why);
                }
                _tokens.Remove(token);
            }
        }

        private void Journal(string node, string kind, string? outcome, string from, string to, string? detail) =>
            _journal.Add(new JournalStep(node, kind, outcome, from, to, actor, detail));
    }
}
