namespace Relief.Workflows.Cases;

/// <summary>The case as a workflow instance, for ops and the administrator (<see cref="CaseInstanceView"/>).</summary>
public sealed partial class CaseGrain
{
    public Task<CaseInstanceView?> Instance()
    {
        if (State.Application is not { } application || State.Instance is not { } instance)
        {
            return Task.FromResult<CaseInstanceView?>(null);
        }
        // The answers are among the variables already; the journal here is the steps and their traces.
        return Task.FromResult<CaseInstanceView?>(new CaseInstanceView(Id, application.ProgrammeId, application.BranchCode, State.Status, State.Version,
            State.DefinitionVersion,
            [.. instance.Tokens.Select(t => new InstanceToken(t.Id, t.Node, [.. t.Frames.Select(f => f.Fork)]))],
            [.. instance.Bookmarks.Select(b => new InstanceWait(b.Id, b.Token, b.Node, b.Kind, b.At, b.At is { } level ? UnitAt(level) : null, b.Roles, b.DueAt,
                [.. b.Votes.Select(v => v.Member)], b.Item))],
            instance.Variables.ToDictionary(v => v.Key, v => v.Value.ToString(), StringComparer.Ordinal),
            [.. State.Intents],
            [.. State.Incidents],
            [.. State.Journal.Select(e => e with { Answers = null })],
            instance.EndedAs));
    }
}
