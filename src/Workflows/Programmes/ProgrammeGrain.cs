using Relief.Workflows.Common;
using Relief.Workflows.Definitions;
using Relief.Workflows.Hierarchy;

namespace Relief.Workflows.Programmes;

/// <summary>Holds one programme. Only the national unit creates and changes programmes.</summary>
public sealed class ProgrammeGrain(
    [PersistentState("programme", StorageNames.Relief)] IPersistentState<ProgrammeState> programme,
    ReliefClock clock) : Grain, IProgrammeGrain
{
    private ProgrammeState State => programme.State;

    public async Task<CommandResult> Create(ProgrammeTerms terms, Actor actor)
    {
        if (NotNational(actor) is { } refused)
        {
            return refused;
        }
        if (State.Terms is not null)
        {
            return CommandResult.Conflict($"Programme {this.GetPrimaryKey()} already exists.");
        }
        if (Invalid(terms) is { } invalid)
        {
            return invalid;
        }
        State.Terms = terms;
        State.Status = ProgrammeStatus.Draft;
        await Record(actor, $"created the draft \"{terms.Name}\"");
        return CommandResult.Done;
    }

    public async Task<CommandResult> Revise(ProgrammeTerms terms, Actor actor)
    {
        if (Editable(actor) is { } refused)
        {
            return refused;
        }
        if (State.Status == ProgrammeStatus.Published)
        {
            return CommandResult.Conflict("The programme is published: its terms no longer change.");
        }
        if (Invalid(terms) is { } invalid)
        {
            return invalid;
        }
        var categories = terms.Categories.Select(c => c.Code).ToHashSet();
        if (State.Workflows.LastOrDefault() is { } current)
        {
            var stale = current.Definition?.Rules.SelectMany(r => r.When.Categories ?? []).FirstOrDefault(c => !categories.Contains(c));
            if (stale is not null)
            {
                return CommandResult.Invalid("categories", $"the approval route refers to category '{stale}'; change the route first");
            }
            if (current.Definition is null && ProgrammeWorkflowReader.From(current.Json, categories).Problems is [var problem, ..])
            {
                return CommandResult.Invalid("categories", $"the workflow no longer reads with these categories ({problem.Path}: {problem.Reason}); change the workflow first");
            }
        }
        State.Terms = terms;
        await Record(actor, "revised the draft terms");
        return CommandResult.Done;
    }

    public async Task<CommandResult> SaveWorkflow(string json, Actor actor)
    {
        if (Editable(actor) is { } refused)
        {
            return refused;
        }
        var read = ProgrammeWorkflowReader.From(json, State.Terms!.Categories.Select(c => c.Code).ToList());
        if (read.Graph is null)
        {
            return CommandResult.Invalid(read.Problems.Select(p => new FieldProblem("definition" + p.Path, p.Reason)));
        }
        // A draft has no cases yet, so its route is simply replaced; a published one keeps every version.
        if (State.Status == ProgrammeStatus.Draft)
        {
            State.Workflows.Clear();
        }
        var version = State.Workflows.Count + 1;
        State.Workflows.Add(new WorkflowVersion(version, json, read.Compact, clock.GetUtcNow(), actor.ToString(), read.Graph));
        await Record(actor, $"saved approval route version {version}");
        return CommandResult.Done;
    }

    public async Task<CommandResult> Publish(Actor actor)
    {
        if (Editable(actor) is { } refused)
        {
            return refused;
        }
        if (State.Status == ProgrammeStatus.Published)
        {
            return CommandResult.Conflict("The programme is already published.");
        }
        if (State.Workflows.Count == 0)
        {
            return CommandResult.Invalid("workflow", "save an approval route before publishing");
        }
        State.Status = ProgrammeStatus.Published;
        await Record(actor, "published the programme");
        return CommandResult.Done;
    }

    public Task<bool> Exists() => Task.FromResult(State.Terms is not null);

    public Task<ProgrammeView?> Describe() => Task.FromResult(State.Terms is null
        ? null
        : new ProgrammeView(this.GetPrimaryKey(), State.Status, State.Terms, State.Workflows.LastOrDefault()?.Version, [.. State.Journal]));

    public Task<WorkflowVersion?> Workflow(int? version) => Task.FromResult(version is { } wanted
        ? State.Workflows.FirstOrDefault(w => w.Version == wanted)
        : State.Workflows.LastOrDefault());

    public Task<FilingTerms?> FilingTerms() => Task.FromResult(State.Terms is null
        ? null
        : new FilingTerms(State.Status, State.Terms, State.Workflows.LastOrDefault()));

    public const int MaxDraftLength = 1_000_000;

    public async Task<CommandResult> SaveWorkflowDraft(string json, Actor actor)
    {
        if (Editable(actor) is { } refused)
        {
            return refused;
        }
        if (json.Length > MaxDraftLength || !IsObject(json))
        {
            return CommandResult.Invalid("definition", $"a draft is a JSON object of at most {MaxDraftLength:N0} characters");
        }
        State.Draft = new WorkflowDraft(json, clock.GetUtcNow(), actor.ToString());
        await Record(actor, "saved a workflow draft");
        return CommandResult.Done;
    }

    public Task<WorkflowDraft?> WorkflowDraft() => Task.FromResult(State.Draft);

    public async Task<CommandResult> PublishWorkflowDraft(Actor actor)
    {
        if (Editable(actor) is { } refused)
        {
            return refused;
        }
        if (State.Draft is not { } draft)
        {
            return CommandResult.Conflict("There is no workflow draft to publish.");
        }
        // Saving checks the draft as any workflow and records the version; the draft goes with that same write.
        State.Draft = null;
        var saved = await SaveWorkflow(draft.Json, actor);
        if (!saved.Succeeded)
        {
            State.Draft = draft;
        }
        return saved;
    }

    private static bool IsObject(string json)
    {
        try
        {
            return System.Text.Json.Nodes.JsonNode.Parse(json) is System.Text.Json.Nodes.JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    private CommandResult? Editable(Actor actor) =>
        State.Terms is null ? CommandResult.NotFound($"No programme has the id {this.GetPrimaryKey()}.") : NotNational(actor);

    private static CommandResult? NotNational(Actor actor) => actor.UnitCode == OrgCode.NationalCode
        ? null
        : CommandResult.Forbidden("Programmes are created and changed by the national federation (CN) only.");

    private static CommandResult? Invalid(ProgrammeTerms terms) =>
        terms.Problems() is { Count: > 0 } problems
            ? CommandResult.Invalid(problems.Select(p => new FieldProblem(p.Field, p.Reason)))
            : null;

    private async Task Record(Actor actor, string what)
    {
        State.Journal.Add(new ProgrammeJournalEntry(clock.GetUtcNow(), actor.ToString(), what));
        await programme.WriteOrDeactivate(DeactivateOnIdle);
        // The catalogue follows the programme (written after it, so it never lists what does not exist).
        await GrainFactory.GetGrain<IProgrammeCatalogueGrain>(IProgrammeCatalogueGrain.Key)
            .Upsert(new ProgrammeEntry(this.GetPrimaryKey(), State.Terms!.Name, State.Status, State.Terms.Opens));
    }
}
