using Relief.Workflows.Common;
using Relief.Workflows.Engine.Expressions;

namespace Relief.Workflows.Engine.Runtime;

/// <summary>What happens to an instance from outside: it starts, a task is completed, a member votes, time passes, a signal comes.</summary>
public abstract record RuntimeEvent(Actor Actor);

public sealed record Started(Actor Actor, IReadOnlyDictionary<string, ExpressionValue> Variables) : RuntimeEvent(Actor);

/// <summary>A bookmark completed by task id with one of its node's outcomes, and the answers (already checked against the form).</summary>
public sealed record Completed(Actor Actor, Guid Bookmark, string Outcome, IReadOnlyDictionary<string, ExpressionValue>? Variables = null) : RuntimeEvent(Actor);

/// <summary>A committee member's vote (approve, return, reject) on an approval with a quorum.</summary>
public sealed record VoteCast(Actor Actor, Guid Bookmark, string Decision) : RuntimeEvent(Actor);

/// <summary>The domain clock now: due bookmarks take their timeout, timers go on. A case woken late works out all that is due.</summary>
public sealed record ClockTicked(Actor Actor, DateTimeOffset Now) : RuntimeEvent(Actor);

/// <summary>Another grain's answer to a node that waits on it (the notice window closed, an objection upheld).</summary>
public sealed record Signalled(Actor Actor, string Kind, string Outcome) : RuntimeEvent(Actor);

/// <summary>An effect the grain carries out on another grain: recorded first, sent by id, retried until acknowledged.</summary>
public sealed record Effect(Guid Id, string Kind, string Node);

/// <summary>One step of the journal: the node, what happened, from and to where, who, and why.</summary>
public sealed record JournalStep(string Node, string Kind, string? Outcome, string From, string To, Actor Actor, string? Detail);

/// <summary>What an event did: the instance after it, the effects asked for, the journal written; or why it was refused (nothing changed).</summary>
public sealed record Transition(InstanceState State, IReadOnlyList<Effect> Effects, IReadOnlyList<JournalStep> Journal, CommandResult Result)
{
    public static Transition Refused(InstanceState state, CommandResult result) => new(state, [], [], result);
}
