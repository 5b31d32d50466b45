using Relief.Workflows.Engine.Expressions;
using Relief.Workflows.Hierarchy;

namespace Relief.Workflows.Engine.Runtime;

/// <summary>The fork a token is inside of, and which entry of it (a fork entered twice, after a return, is two scopes).</summary>
public sealed record ForkFrame(string Fork, Guid Scope);

/// <summary>A position in the graph: the node a path of the case stands at, and the forks it is inside of (innermost last).</summary>
public sealed record Token(Guid Id, string Node, IReadOnlyList<ForkFrame> Frames);

/// <summary>One committee member's vote on an <c>approve</c> node with a quorum.</summary>
public sealed record Vote(string Member, string Decision);

/// <summary>
/// Where the case waits for someone or something: a person's task or decision in a unit's inbox (by level and
/// role), a timer, the notice window, the payment. Its id is the task id people complete it by.
/// </summary>
public sealed record Bookmark(
    Guid Id, Guid Token, string Node, string Kind, OrgLevel? At, IReadOnlyList<string> Roles, DateTimeOffset? DueAt, IReadOnlyList<Vote> Votes);

/// <summary>
/// A workflow instance: what the case grain keeps of its run (ADR 15). Tokens and bookmarks go together: every
/// token stands at a node that waits, with exactly one bookmark, until the instance ends.
/// </summary>
public sealed record InstanceState(
    int DefinitionVersion,
    IReadOnlyList<Token> Tokens,
    IReadOnlyList<Bookmark> Bookmarks,
    IReadOnlyDictionary<string, ExpressionValue> Variables,
    IReadOnlyDictionary<Guid, IReadOnlyList<Guid>> JoinArrivals,
    string? EndedAs)
{
    public static InstanceState New(int definitionVersion) => new(definitionVersion, [], [], new Dictionary<string, ExpressionValue>(), new Dictionary<Guid, IReadOnlyList<Guid>>(), null);

    public bool Ended => EndedAs is not null;
}
