using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Relief.Api.Acting;
using Relief.Api.Common;
using Relief.Workflows.Definitions;
using Relief.Workflows.Definitions.Examples;
using Relief.Workflows.Engine.Definitions;
using Relief.Workflows.Programmes;

namespace Relief.Api.Programmes;

/// <summary>Routes under <c>/api/programmes</c>: drafting, routing and publishing a campaign.</summary>
public static class ProgrammeEndpoints
{
    public static RouteGroupBuilder MapProgrammeEndpoints(this RouteGroupBuilder group)
    {
        group.MapPost("/", Create).ActsNationally(ReliefRole.Admin)
            .WithSummary("Create a programme as a draft (national level only).");
        group.MapPut("/{id:guid}", Revise).ActsNationally(ReliefRole.Admin)
            .WithSummary("Replace a draft's terms.");
        group.MapPut("/{id:guid}/workflow", SaveWorkflow).ActsNationally(ReliefRole.Admin)
            .Accepts<string>("application/json")
            .WithSummary("Save the approval route (a JSON definition); a published programme gets a new version for new cases.");
        group.MapPost("/{id:guid}/workflow/simulate", WorkflowSimulationEndpoint.Simulate).ActsNationally(ReliefRole.Admin)
            .WithSummary("Try a case: a version of the workflow run on an application and a script of outcomes, nothing written.");
        group.MapGet("/{id:guid}/workflow/draft", GetDraft).ActsNationally(ReliefRole.Admin)
            .WithSummary("The workflow draft being designed (as written, problems and all); 404 for none.");
        group.MapPut("/{id:guid}/workflow/draft", SaveDraft).ActsNationally(ReliefRole.Admin)
            .Accepts<string>("application/json")
            .WithSummary("Keep a workflow being designed as a draft, problems and all; no case runs it.");
        group.MapPost("/{id:guid}/workflow/draft/publish", PublishDraft).ActsNationally(ReliefRole.Admin)
            .WithSummary("Publish the draft as the next workflow version, checked as any saved workflow; the draft is then gone.");
        group.MapPost("/{id:guid}/publish", Publish).ActsNationally(ReliefRole.Admin)
            .WithSummary("Publish a draft: its terms freeze and clerks may file cases.");
        group.MapGet("/", List).SignedIn().WithSummary("Every programme, newest first: id, name, status, opening day.");
        group.MapGet("/{id:guid}", Get).SignedIn().WithSummary("A programme with its terms and journal.");
        group.MapGet("/{id:guid}/workflow", GetWorkflow).SignedIn()
            .WithSummary("A version of the approval route (the current one by default) with its Mermaid diagram.");
        group.MapGet("/workflow-schema", () => Results.Text(GeneratedSchema.Value, "application/schema+json")).SignedIn()
            .WithSummary("The JSON schema of workflow definitions, generated from the registered activity kinds.");
        // A programme's workflow runs its cases: the kinds of allocation plans are not offered here.
        group.MapGet("/workflow-kinds", () => TypedResults.Ok(Relief.Workflows.Engine.Activities.ActivityRegistry.Default.KindsFor(Relief.Workflows.Engine.Definitions.WorkflowSubject.Case)
            .Select(k => new { name = k.Name, summary = k.Summary, waits = k.Waits, required = k.RequiredSettings, settings = k.Settings }))).SignedIn()
            .WithSummary("The kinds of node a case's workflow is built of: what each does, whether it waits, its settings (JSON schema) and which are required.");
        group.MapPost("/{id:guid}/workflow/check", CheckWorkflow).ActsNationally(ReliefRole.Admin)
            .Accepts<string>("application/json")
            .WithSummary("Check a definition being designed, as saving would, without saving it: the problems by node, each node's outcomes, the diagram.");
        group.MapGet("/workflow-examples", () => TypedResults.Ok(ShippedDefinitions.Names.Select(name => new
        {
            name,
            title = System.Text.Json.JsonDocument.Parse(ShippedDefinitions.Text(name)!).RootElement.GetProperty("name").GetString(),
        }))).SignedIn().WithSummary("The workflow definitions shipped with Relief, by name and title: a start for a new programme.");
        group.MapGet("/workflow-examples/{name}", (string name) => ShippedDefinitions.Text(name) is { } text
            ? Results.Text(text, "application/json")
            : CommandResults.Problem(StatusCodes.Status404NotFound, "No such example", $"Relief ships no workflow named '{name}'; see /api/programmes/workflow-examples."))
            .SignedIn().WithSummary("A shipped workflow definition, ready to save as a programme's workflow.");
        return group;
    }

    private static readonly Lazy<string> GeneratedSchema =
        new(() => EngineSchema.Generate(Relief.Workflows.Engine.Activities.ActivityRegistry.Default).ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));

    private static async Task<IResult> Create(ProgrammeRequest request, HttpContext http, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        var terms = request.ToTerms(errors);
        if (errors.Any)
        {
            return CommandResults.Invalid(errors.ByField);
        }
        var id = Guid.NewGuid();
        var result = await grains.GetGrain<IProgrammeGrain>(id).Create(terms, http.Actor());
        return result.ToHttp(() => TypedResults.Created($"/api/programmes/{id}", new { id }));
    }

    private static async Task<IResult> Revise(Guid id, ProgrammeRequest request, HttpContext http, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        var terms = request.ToTerms(errors);
        if (errors.Any)
        {
            return CommandResults.Invalid(errors.ByField);
        }
        var result = await grains.GetGrain<IProgrammeGrain>(id).Revise(terms, http.Actor());
        return result.ToHttp(TypedResults.NoContent);
    }

    private static async Task<IResult> SaveWorkflow(Guid id, HttpContext http, IGrainFactory grains)
    {
        if (!http.Request.HasJsonContentType())
        {
            return CommandResults.UnsupportedMediaType();
        }
        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        var json = await reader.ReadToEndAsync(http.RequestAborted);
        var programme = grains.GetGrain<IProgrammeGrain>(id);
        var result = await programme.SaveWorkflow(json, http.Actor());
        return result.Succeeded
            ? TypedResults.Ok(new { version = (await programme.Workflow(null))!.Version })
            : result.ToHttp(TypedResults.NoContent);
    }

    private static async Task<IResult> CheckWorkflow(Guid id, string? lang, HttpContext http, IGrainFactory grains)
    {
        if (!http.Request.HasJsonContentType())
        {
            return CommandResults.UnsupportedMediaType();
        }
        if (await grains.GetGrain<IProgrammeGrain>(id).Describe() is not { } programme)
        {
            return CommandResults.Problem(StatusCodes.Status404NotFound, "Programme not found", $"No programme has the id {id}.");
        }
        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        var json = await reader.ReadToEndAsync(http.RequestAborted);
        var check = DraftCheck.Of(json, [.. programme.Terms.Categories.Select(c => c.Code)], Relief.Workflows.Engine.Activities.ActivityRegistry.Default, lang == "en" ? "en" : "zh");
        return TypedResults.Ok(new
        {
            valid = check.Problems.Count == 0,
            problems = check.Problems.Select(p => new { path = p.Path, node = NodeOf(p.Path), reason = p.Reason }),
            outcomes = check.Outcomes,
            mermaid = check.Mermaid,
        });
    }

    /// <summary>The node a problem's JSON pointer is in (<c>/nodes/vote/quorum</c> → <c>vote</c>); null for the definition as a whole.</summary>
    private static string? NodeOf(string path) => path.StartsWith("/nodes/", StringComparison.Ordinal) ? path["/nodes/".Length..].Split('/')[0] : null;

    private static async Task<IResult> GetDraft(Guid id, IGrainFactory grains) =>
        await grains.GetGrain<IProgrammeGrain>(id).WorkflowDraft() is { } draft
            ? TypedResults.Ok(new { savedAt = draft.SavedAt, savedBy = draft.SavedBy, definition = System.Text.Json.JsonDocument.Parse(draft.Json).RootElement })
            : CommandResults.Problem(StatusCodes.Status404NotFound, "No draft", $"Programme {id} does not exist or has no workflow draft.");

    private static async Task<IResult> SaveDraft(Guid id, HttpContext http, IGrainFactory grains)
    {
        if (!http.Request.HasJsonContentType())
        {
            return CommandResults.UnsupportedMediaType();
        }
        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        var json = await reader.ReadToEndAsync(http.RequestAborted);
        return (await grains.GetGrain<IProgrammeGrain>(id).SaveWorkflowDraft(json, http.Actor())).ToHttp(TypedResults.NoContent);
    }

    private static async Task<IResult> PublishDraft(Guid id, HttpContext http, IGrainFactory grains)
    {
        var programme = grains.GetGrain<IProgrammeGrain>(id);
        var result = await programme.PublishWorkflowDraft(http.Actor());
        return result.Succeeded
            ? TypedResults.Ok(new { version = (await programme.Workflow(null))!.Version })
            : result.ToHttp(TypedResults.NoContent);
    }

    private static async Task<IResult> Publish(Guid id, HttpContext http, IGrainFactory grains) =>
        (await grains.GetGrain<IProgrammeGrain>(id).Publish(http.Actor())).ToHttp(TypedResults.NoContent);

    private static async Task<IResult> List(int? offset, int? limit, IGrainFactory grains)
    {
        var errors = new Dictionary<string, string[]>();
        var page = PageRequest.Read(offset, limit, errors);
        return errors.Count > 0
            ? TypedResults.ValidationProblem(errors)
            : TypedResults.Ok(Page.Of(await grains.GetGrain<IProgrammeCatalogueGrain>(IProgrammeCatalogueGrain.Key).List(), page));
    }

    private static async Task<IResult> Get(Guid id, IGrainFactory grains) =>
        await grains.GetGrain<IProgrammeGrain>(id).Describe() is { } programme
            ? TypedResults.Ok(programme)
            : CommandResults.Problem(StatusCodes.Status404NotFound, "Programme not found", $"No programme has the id {id}.");

    private static async Task<IResult> GetWorkflow(Guid id, int? version, string? lang, IGrainFactory grains)
    {
        if (version is < 1)
        {
            return CommandResults.Invalid(new() { ["version"] = ["versions start at 1"] });
        }
        if (await grains.GetGrain<IProgrammeGrain>(id).Workflow(version) is not { } workflow)
        {
            return CommandResults.Problem(StatusCodes.Status404NotFound, "Approval route not found",
                version is null ? $"Programme {id} does not exist or has no approval route yet." : $"Programme {id} has no route version {version}.");
        }
        return TypedResults.Ok(new
        {
            version = workflow.Version,
            savedAt = workflow.SavedAt,
            savedBy = workflow.SavedBy,
            definition = System.Text.Json.JsonDocument.Parse(workflow.Json).RootElement,
            graph = System.Text.Json.JsonDocument.Parse(workflow.GraphJson).RootElement,
            mermaid = workflow.Definition is { } compact
                ? WorkflowDiagram.Mermaid(compact, lang == "en" ? "en" : "zh")
                : EngineDiagram.Mermaid(EngineDefinitionReader.Load(workflow.GraphJson), lang == "en" ? "en" : "zh"),
        });
    }
}
