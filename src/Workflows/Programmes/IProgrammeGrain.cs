using Orleans.Concurrency;
using Relief.Workflows.Common;

namespace Relief.Workflows.Programmes;

/// <summary>One campaign (e.g. 2027年两节送温暖): its terms, its versioned approval route, draft or published.</summary>
[Alias("Relief.IProgrammeGrain")]
public interface IProgrammeGrain : IGrainWithGuidKey
{
    [Alias("Create")]
    Task<CommandResult> Create(ProgrammeTerms terms, Actor actor);

    /// <summary>Replaces the terms of a draft; a published programme's terms do not change.</summary>
    [Alias("Revise")]
    Task<CommandResult> Revise(ProgrammeTerms terms, Actor actor);

    /// <summary>Saves a route definition (JSON). In a draft it replaces the route; once published it adds a version for new cases.</summary>
    [Alias("SaveWorkflow")]
    Task<CommandResult> SaveWorkflow(string json, Actor actor);

    [Alias("Publish")]
    Task<CommandResult> Publish(Actor actor);

    [Alias("Describe")]
    Task<ProgrammeView?> Describe();

    /// <summary>Whether the programme was created: asked on every request about it, so it interleaves.</summary>
    [Alias("Exists"), AlwaysInterleave]
    Task<bool> Exists();

    /// <summary>A saved version of the route, or the current one when no version is named.</summary>
    [Alias("Workflow")]
    Task<WorkflowVersion?> Workflow(int? version);

    [Alias("FilingTerms")]
    Task<FilingTerms?> FilingTerms();

    /// <summary>Keeps a workflow being designed as a draft, problems and all (it must be a JSON object); no case runs it.</summary>
    [Alias("SaveWorkflowDraft")]
    Task<CommandResult> SaveWorkflowDraft(string json, Actor actor);

    /// <summary>The draft being designed; null for none.</summary>
    [Alias("WorkflowDraft")]
    Task<WorkflowDraft?> WorkflowDraft();

    /// <summary>Publishes the draft as the next version (checked as any saved workflow); the draft is then gone.</summary>
    [Alias("PublishWorkflowDraft")]
    Task<CommandResult> PublishWorkflowDraft(Actor actor);
}
