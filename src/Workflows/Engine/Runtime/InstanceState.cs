using Relief.Workflows.Engine.Expressions;
using Relief.Workflows.Hierarchy;

namespace Relief.Workflows.Engine.Runtime;

/// <summary>The fork a token is inside of, and which entry of it (a fork entered twice, after a return, is two scopes).</summary>
[GenerateSerializer, Immutable, Alias("Relief.Engine.ForkFrame")]
public sealed record ForkFrame([property: Id(0)] string Fork, [property: Id(1)] Guid Scope);

/// <summary>A position in the graph: the node a path of the case stands at, and the forks it is inside of (innermost last).</summary>
[GenerateSerializer, Immutable, Alias("Relief.Engine.Token")]
public sealed record Token([property: Id(0)] Guid Id, [property: Id(1)] string Node, [property: Id(2)] IReadOnlyList<ForkFrame> Frames);

/// <summary>One committee member's vote on an <c>approve</c> node with a quorum.</summary>
[GenerateSerializer, Immutable, Alias("Relief.Engine.Vote")]
public sealed record Vote([property: Id(0)] string Member, [property: Id(1)] string Decision);

/// <summary>
/// Where the case waits for someone or something: a person's task or decision in a unit's inbox (by level and
/// role), a timer, the notice window, the payment, one need of a <c>followUps</c> node (its <see cref="Item"/>).
/// Its id is the task id people complete it by.
/// </summary>
[GenerateSerializer, Immutable, Alias("Relief.Engine.Bookmark")]
public sealed record Bookmark(
    [property: Id(0)] Guid Id,
    [property: Id(1)] Guid Token,
    [property: Id(2)] string Node,
    [property: Id(3)] string Kind,
    [property: Id(4)] OrgLevel? At,
    [property: Id(5)] IReadOnlyList<string> Roles,
    [property: Id(6)] DateTimeOffset? DueAt,
    [property: Id(7)] IReadOnlyList<Vote> Votes,
    [property: Id(8)] string? Item = null);

/// <summary>
/// A workflow instance: what the case grain keeps of its run (ADR 15). Tokens and bookmarks go together: every
/// token stands at a node that waits, with exactly one bookmark, until the instance ends.
/// </summary>
[GenerateSerializer, Immutable, Alias("Relief.Engine.InstanceState")]
public sealed record InstanceState(
    [property: Id(0)] int DefinitionVersion,
    [property: Id(1)] IReadOnlyList<Token> Tokens,
    [property: Id(2)] IReadOnlyList<Bookmark> Bookmarks,
    [property: Id(3)] IReadOnlyDictionary<string, ExpressionValue> Variables,
    [property: Id(4)] IReadOnlyDictionary<Guid, IReadOnlyList<Guid>> JoinArrivals,
    [property: Id(5)] string? EndedAs)
{
    public static InstanceState New(int definitionVersion) => new(definitionVersion, [], [], new Dictionary<string, ExpressionValue>(), new Dictionary<Guid, IReadOnlyList<Guid>>(), null);

    public bool Ended => EndedAs is not null;
}
