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

/// <summary>Ended from outside, whatever it waits for (a spot check's veto): rejected, every open branch closed.</summary>
public sealed record Cancelled(Actor Actor, string Reason) : RuntimeEvent(Actor);

/// <summary>An effect the grain carries out on another grain: recorded first, sent by id, retried until acknowledged.</summary>
[GenerateSerializer, Immutable, Alias("Relief.Engine.Effect")]
public sealed record Effect([property: Id(0)] Guid Id, [property: Id(1)] string Kind, [property: Id(2)] string Node);

/// <summary>
/// The effects the runtime asks for. The first three may be refused by the grain that carries them out (no quota
/// place left, not enough money, the ledger refuses the payment): the step they belong to is then refused as a whole.
/// </summary>
public static class EffectKinds
{
    public const string TakePlace = "take-place";
    public const string Reserve = "reserve";
    public const string Disburse = "disburse";
    public const string ReleasePlaces = "release-places";
    public const string Release = "release";
    public const string Notice = "notice";
    public const string WithdrawNotice = "withdraw-notice";
    public const string IssueGoods = "issue-goods";

    /// <summary>An allocation plan's money and quota to every child at once (refused whole when the unit cannot cover it).</summary>
    public const string AllocatePlan = "allocate-plan";

    /// <summary>Whether the step waits for this effect's answer before it is recorded.</summary>
    public static bool MayRefuse(string kind) => kind is TakePlace or Reserve or Disburse or AllocatePlan;
}

/// <summary>One step of the journal: the node, what happened, from and to where, who, and why.</summary>
public sealed record JournalStep(string Node, string Kind, string? Outcome, string From, string To, Actor Actor, string? Detail);

/// <summary>What an event did: the instance after it, the effects asked for, the journal written; or why it was refused (nothing changed).</summary>
public sealed record Transition(InstanceState State, IReadOnlyList<Effect> Effects, IReadOnlyList<JournalStep> Journal, CommandResult Result)
{
    public static Transition Refused(InstanceState state, CommandResult result) => new(state, [], [], result);
}
