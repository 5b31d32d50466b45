using Relief.Workflows.Common;
using Relief.Workflows.Engine.Definitions;
using Relief.Workflows.Hierarchy;

namespace Relief.Workflows.Engine.Runtime;

/// <summary>Where one token of an instance lands on another version of its definition, and who acts there.</summary>
[GenerateSerializer, Immutable, Alias("Relief.Engine.Landing")]
public sealed record Landing(
    [property: Id(0)] Guid Token,
    [property: Id(1)] string From,
    [property: Id(2)] string To,
    [property: Id(3)] OrgLevel? At,
    [property: Id(4)] IReadOnlyList<string> Roles,
    [property: Id(5)] IReadOnlyDictionary<string, string> Forks);

/// <summary>A waiting task given to another level of the case's own hierarchy, or to other roles (the administrator, with a reason).</summary>
public sealed record Reassigned(Actor Actor, Guid Bookmark, OrgLevel? At, IReadOnlyList<string> Roles, string Reason) : RuntimeEvent(Actor);

/// <summary>The case's one position moved from where it waits to another node that waits (the administrator, with a reason).</summary>
public sealed record Moved(Actor Actor, string To, string Reason) : RuntimeEvent(Actor);

/// <summary>The instance carried to another version of its definition, each token as <see cref="WorkflowRuntime.Land"/> worked out; handled by the new version's runtime.</summary>
public sealed record Migrated(Actor Actor, int ToVersion, IReadOnlyList<Landing> Landings, string Reason) : RuntimeEvent(Actor);

/// <summary>Alterations of a running instance from outside its definition: reassigning a task, moving the case, migrating it.</summary>
public sealed partial class WorkflowRuntime
{
    private static readonly string[] InboxKinds = ["approve", "task", "followUps"];

    private Transition Reassign(InstanceState instance, Reassigned reassigned, RuntimeContext context)
    {
        if (instance.Bookmarks.FirstOrDefault(b => b.Id == reassigned.Bookmark) is not { } bookmark)
        {
            return Transition.Refused(instance, CommandResult.NotFound($"No open task {reassigned.Bookmark} on this case."));
        }
        if (!InboxKinds.Contains(bookmark.Kind))
        {
            return Transition.Refused(instance, CommandResult.Conflict($"The case waits at '{bookmark.Node}' for its {bookmark.Kind}, which nobody's inbox holds."));
        }
        if (reassigned.Roles.Count == 0)
        {
            return Transition.Refused(instance, CommandResult.Invalid("roles", "name at least one role"));
        }
        if (bookmark.At == reassigned.At && bookmark.Roles.SequenceEqual(reassigned.Roles))
        {
            return Transition.Refused(instance, CommandResult.Conflict("The task is done there and by those roles already."));
        }
        var run = new Run(this, instance, context, reassigned.Actor);
        run.Reassign(bookmark, bookmark with { At = reassigned.At, Roles = reassigned.Roles },
            $"{Where(bookmark.At, bookmark.Roles)} → {Where(reassigned.At, reassigned.Roles)}: {reassigned.Reason}");
        return run.Finish();
    }

    private static string Where(OrgLevel? at, IReadOnlyList<string> roles) => $"{at?.ToString() ?? "Branch"} {string.Join("/", roles)}";

    private Transition MoveCase(InstanceState instance, Moved moved, RuntimeContext context)
    {
        if (instance.Tokens is not [{ Frames.Count: 0 } token])
        {
            return Transition.Refused(instance, CommandResult.Conflict(
                "The case waits at several places at once (a countersign, needs followed up): it is moved once they have met."));
        }
        if (!definition.Nodes.TryGetValue(moved.To, out var target))
        {
            return Transition.Refused(instance, CommandResult.Invalid("to", $"the workflow has no node '{moved.To}'"));
        }
        if (registry.Find(target.Kind) is not { Waits: true } || target.Kind == "followUps")
        {
            return Transition.Refused(instance, CommandResult.Invalid("to", $"'{moved.To}' is a {target.Kind}, where a case does not wait"));
        }
        if (ForkInterior().Contains(moved.To))
        {
            return Transition.Refused(instance, CommandResult.Invalid("to", $"'{moved.To}' lies between a fork and its join: a case reaches it through the fork"));
        }
        if (token.Node == moved.To)
        {
            return Transition.Refused(instance, CommandResult.Conflict($"The case waits at '{moved.To}' already."));
        }
        var run = new Run(this, instance, context, moved.Actor);
        run.MoveTo(token, moved.To, moved.Reason);
        return run.Finish();
    }

    private Transition Migrate(InstanceState instance, Migrated migrated, RuntimeContext context)
    {
        if (migrated.Landings.Count != instance.Tokens.Count || instance.Tokens.Any(t => migrated.Landings.All(l => l.Token != t.Id)))
        {
            return Transition.Refused(instance, CommandResult.Conflict("The case has moved since its landing was worked out."));
        }
        var run = new Run(this, instance, context, migrated.Actor);
        run.Migrate(migrated.ToVersion, migrated.Landings, migrated.Reason);
        return run.Finish();
    }

    /// <summary>
    /// Where each token of <paramref name="instance"/> lands on <paramref name="to"/>: the node the map names for
    /// the one it waits at, else the node of the same id. A case lands only on a node of the kind it waits at, so
    /// that what it waits for stays what it was (a task keeps its id, a vote its votes, a deadline its time) and no
    /// step is run again; the reason it cannot, or null.
    /// </summary>
    public static (IReadOnlyList<Landing> Landings, string? Refusal) Land(
        InstanceState instance, EngineDefinition from, EngineDefinition to, IReadOnlyDictionary<string, string> map)
    {
        if (instance.Ended)
        {
            return ([], $"the case has ended ({instance.EndedAs})");
        }
        var landings = new List<Landing>();
        foreach (var token in instance.Tokens)
        {
            var target = map.TryGetValue(token.Node, out var mapped) ? mapped : to.Nodes.ContainsKey(token.Node) ? token.Node : null;
            if (target is null)
            {
                return ([], $"it waits at '{token.Node}', which the new version does not have and the node map does not name");
            }
            if (!to.Nodes.TryGetValue(target, out var node))
            {
                return ([], $"the node map sends '{token.Node}' to '{target}', which the new version does not have");
            }
            var kind = from.Nodes.TryGetValue(token.Node, out var before) ? before.Kind : "?";
            if (node.Kind != kind)
            {
                return ([], $"it waits at '{token.Node}' (a {kind}), and '{target}' is a {node.Kind}: a case lands only on a node of the kind it waits at");
            }
            var forks = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var frame in token.Frames)
            {
                var fork = map.TryGetValue(frame.Fork, out var f) ? f : frame.Fork;
                if (!to.Nodes.TryGetValue(fork, out var forkNode) || forkNode.Kind != from.Node(frame.Fork).Kind)
                {
                    return ([], $"it is inside '{frame.Fork}', which the new version does not have as a {from.Node(frame.Fork).Kind}");
                }
                forks[frame.Fork] = fork;
            }
            var (at, roles) = WhoActs(node);
            landings.Add(new Landing(token.Id, token.Node, target, at, roles, forks));
        }
        return (landings, null);
    }

    /// <summary>
    /// The nodes between a fork and its join: reached from the fork's branches, and reaching its join without passing
    /// the fork again (a branch's return path, which goes round through the fork, is outside).
    /// </summary>
    private HashSet<string> ForkInterior()
    {
        var inside = new HashSet<string>(StringComparer.Ordinal);
        foreach (var fork in definition.Nodes.Values.Where(n => n.Kind == "fork"))
        {
            var join = definition.Nodes.Values.FirstOrDefault(n => n.Kind == "join" && Activities.Settings.TextOf(n.Settings, "fork") == fork.Id)?.Id;
            if (join is null)
            {
                continue;
            }
            inside.UnionWith(Reached(fork.Next.Values, fork.Id, join).Where(id => Reached([id], fork.Id, join).Contains(join)));
        }
        return inside;
    }

    /// <summary>The nodes reached from <paramref name="starts"/> without entering <paramref name="avoid"/> or going past <paramref name="stop"/>.</summary>
    private HashSet<string> Reached(IEnumerable<string> starts, string avoid, string stop)
    {
        var reached = new HashSet<string>(StringComparer.Ordinal);
        var frontier = new Queue<string>(starts);
        while (frontier.TryDequeue(out var id))
        {
            if (id == avoid || !reached.Add(id) || id == stop)
            {
                continue;
            }
            foreach (var next in definition.Node(id).Next.Values)
            {
                frontier.Enqueue(next);
            }
        }
        return reached;
    }
}
