using Relief.Workflows.Definitions;
using Relief.Workflows.Engine.Activities;
using Relief.Workflows.Hierarchy;

namespace Relief.Workflows.Engine.Definitions;

/// <summary>
/// What a definition's graph must mean before it is saved: one start; every outcome wired to a node that exists;
/// every node reachable and every path able to end; no loop that never waits for anyone; each fork closed by
/// one join, which no path reaches around its fork; on every path to a payment, the money reserved and (when the
/// definition notices cases) the notice closed; and approvals that only ever go up the hierarchy.
/// </summary>
public sealed class GraphCheck(ActivityRegistry registry, EngineDefinition definition)
{
    // Outcomes that go back (a return for amendment), out (a rejection) or up by escalation: not the forward path.
    private static readonly HashSet<string> BackwardOutcomes = ["return", "reject", "timeout"];

    private enum Fact
    {
        Reserved,
        Noticed,
    }

    public IEnumerable<DefinitionProblem> Problems()
    {
        if (!definition.Nodes.ContainsKey(definition.Start))
        {
            return [new DefinitionProblem("/start", $"no node '{definition.Start}' to start at")];
        }
        var wiring = Wiring().ToList();
        if (wiring.Count > 0)
        {
            return wiring; // the rest would only repeat what an unwired graph cannot mean
        }
        var reachable = Reach(definition.Start, _ => true);
        return Unreachable(reachable)
            .Concat(Unending(reachable))
            .Concat(LoopsThatNeverWait(reachable))
            .Concat(ForksAndJoins(reachable))
            .Concat(Payments(reachable))
            .Concat(Levels(reachable));
    }

    private IEnumerable<(NodeDefinition From, string Outcome, NodeDefinition To)> Edges(NodeDefinition node) =>
        node.Next.Where(n => definition.Nodes.ContainsKey(n.Value)).Select(n => (node, n.Key, definition.Nodes[n.Value]));

    private IEnumerable<DefinitionProblem> Wiring()
    {
        foreach (var node in definition.Nodes.Values)
        {
            var outcomes = registry.Find(node.Kind)!.Outcomes(node);
            foreach (var missing in outcomes.Where(o => !node.Next.ContainsKey(o)))
            {
                yield return new DefinitionProblem(node.PathOf("next"), $"the outcome '{missing}' leads nowhere: wire it to a node");
            }
            foreach (var (outcome, target) in node.Next)
            {
                if (!outcomes.Contains(outcome))
                {
                    yield return new DefinitionProblem(node.PathOf($"next/{outcome}"),
                        $"'{outcome}' is not an outcome of a {node.Kind} node (it has: {(outcomes.Count == 0 ? "none" : string.Join(", ", outcomes))})");
                }
                else if (!definition.Nodes.ContainsKey(target))
                {
                    yield return new DefinitionProblem(node.PathOf($"next/{outcome}"), $"no node '{target}'");
                }
            }
        }
    }

    private HashSet<string> Reach(string from, Func<(NodeDefinition From, string Outcome, NodeDefinition To), bool> follow)
    {
        var seen = new HashSet<string> { from };
        var work = new Stack<string>([from]);
        while (work.TryPop(out var id))
        {
            foreach (var edge in Edges(definition.Nodes[id]).Where(follow))
            {
                if (seen.Add(edge.To.Id))
                {
                    work.Push(edge.To.Id);
                }
            }
        }
        return seen;
    }

    private IEnumerable<DefinitionProblem> Unreachable(HashSet<string> reachable) =>
        definition.Nodes.Values.Where(n => !reachable.Contains(n.Id))
            .Select(n => new DefinitionProblem(n.PathOf(), "no path from the start reaches this node"));

    private IEnumerable<DefinitionProblem> Unending(HashSet<string> reachable)
    {
        var ending = definition.Nodes.Values.Where(n => n.Kind == "end").Select(n => n.Id).ToHashSet();
        bool changed;
        do
        {
            changed = false;
            foreach (var node in definition.Nodes.Values.Where(n => !ending.Contains(n.Id) && n.Next.Values.Any(ending.Contains)))
            {
                changed |= ending.Add(node.Id);
            }
        }
        while (changed);
        return reachable.Where(id => !ending.Contains(id)).Order(StringComparer.Ordinal)
            .Select(id => new DefinitionProblem(definition.Nodes[id].PathOf(), "no path from here reaches an end"));
    }

    /// <summary>A cycle of nodes none of which waits would run for ever in one turn of the case.</summary>
    private IEnumerable<DefinitionProblem> LoopsThatNeverWait(HashSet<string> reachable)
    {
        var passing = reachable.Where(id => !registry.Find(definition.Nodes[id].Kind)!.Waits).ToHashSet();
        var done = new HashSet<string>();
        foreach (var start in passing.Order(StringComparer.Ordinal))
        {
            var onPath = new HashSet<string>();
            if (Cycle(start, passing, onPath, done) is { } looped)
            {
                yield return new DefinitionProblem(definition.Nodes[looped].PathOf(), "a loop through this node has no step that waits (a person, a timer, a notice): it would run for ever");
                yield break;
            }
        }
    }

    private string? Cycle(string id, HashSet<string> passing, HashSet<string> onPath, HashSet<string> done)
    {
        if (onPath.Contains(id))
        {
            return id;
        }
        if (!done.Add(id))
        {
            return null;
        }
        onPath.Add(id);
        foreach (var next in definition.Nodes[id].Next.Values.Where(passing.Contains))
        {
            if (Cycle(next, passing, onPath, done) is { } looped)
            {
                return looped;
            }
        }
        onPath.Remove(id);
        return null;
    }

    private IEnumerable<DefinitionProblem> ForksAndJoins(HashSet<string> reachable)
    {
        var joins = definition.Nodes.Values.Where(n => n.Kind == "join").ToList();
        foreach (var fork in definition.Nodes.Values.Where(n => n.Kind == "fork" && reachable.Contains(n.Id)))
        {
            var closing = joins.Where(j => Settings.TextOf(j.Settings, "fork") == fork.Id).ToList();
            if (closing.Count == 0)
            {
                yield return new DefinitionProblem(fork.PathOf(), "no join names this fork: its branches never meet");
            }
            else if (closing.Count > 1)
            {
                yield return new DefinitionProblem(fork.PathOf(), $"{closing.Count} joins name this fork; one closes it");
            }
        }
        foreach (var join in joins.Where(j => reachable.Contains(j.Id)))
        {
            var forkId = Settings.TextOf(join.Settings, "fork");
            if (forkId is not null && definition.Nodes.ContainsKey(forkId) && Reach(definition.Start, edge => edge.From.Id != forkId).Contains(join.Id) && definition.Start != forkId)
            {
                yield return new DefinitionProblem(join.PathOf(), $"a path reaches this join without passing its fork '{forkId}'");
            }
        }
    }

    /// <summary>Facts true on every path into each node (reserved, noticed), worked out to a fixed point.</summary>
    private IEnumerable<DefinitionProblem> Payments(HashSet<string> reachable)
    {
        var all = new HashSet<Fact> { Fact.Reserved, Fact.Noticed };
        var into = reachable.ToDictionary(id => id, id => id == definition.Start ? new HashSet<Fact>() : new HashSet<Fact>(all));
        bool changed;
        do
        {
            changed = false;
            foreach (var id in reachable)
            {
                foreach (var (from, outcome, to) in Edges(definition.Nodes[id]))
                {
                    var carried = After(from, outcome, into[id]);
                    var before = into[to.Id].Count;
                    into[to.Id].IntersectWith(carried);
                    changed |= into[to.Id].Count != before;
                }
            }
        }
        while (changed);
        var noticing = reachable.Any(id => definition.Nodes[id].Kind == "notice");
        foreach (var pay in reachable.Select(id => definition.Nodes[id]).Where(n => n.Kind == "pay"))
        {
            if (!into[pay.Id].Contains(Fact.Reserved))
            {
                yield return new DefinitionProblem(pay.PathOf(), "pay before reserve: a path reaches this payment without a reserve before it (and no release since)");
            }
            if (noticing && !into[pay.Id].Contains(Fact.Noticed))
            {
                yield return new DefinitionProblem(pay.PathOf(), "a path reaches this payment before a notice has closed: the list is noticed before it is paid");
            }
        }
    }

    private static HashSet<Fact> After(NodeDefinition node, string outcome, HashSet<Fact> before)
    {
        var after = new HashSet<Fact>(before);
        switch (node.Kind, outcome)
        {
            case ("reserve", "done"):
                after.Add(Fact.Reserved);
                break;
            case ("release", _):
                after.Remove(Fact.Reserved);
                break;
            case ("notice", "closed"):
                after.Add(Fact.Noticed);
                break;
        }
        return after;
    }

    /// <summary>Each approval leads forward only to approvals at its level or above (the national unit is level 1).</summary>
    private IEnumerable<DefinitionProblem> Levels(HashSet<string> reachable)
    {
        foreach (var approval in reachable.Select(id => definition.Nodes[id]).Where(n => n.Kind == "approve").OrderBy(n => n.Id, StringComparer.Ordinal))
        {
            var level = Settings.LevelOf(approval.Settings, "at");
            var forward = Reach(approval.Id, edge => !BackwardOutcomes.Contains(edge.Outcome));
            foreach (var later in forward.Where(id => id != approval.Id).Select(id => definition.Nodes[id]).Where(n => n.Kind == "approve"))
            {
                var laterLevel = Settings.LevelOf(later.Settings, "at");
                if (laterLevel > level)
                {
                    yield return new DefinitionProblem(later.PathOf("at"),
                        $"approvals go up the hierarchy: {later.Id} at {laterLevel} comes after {approval.Id} at {level}");
                }
            }
        }
    }
}
