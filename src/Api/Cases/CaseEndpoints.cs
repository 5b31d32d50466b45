using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Relief.Api.Acting;
using Relief.Api.Common;
using Relief.Workflows.Cases;
using Relief.Workflows.Common;

namespace Relief.Api.Cases;

/// <summary>Filing, reading, amending and deciding cases.</summary>
public static class CaseEndpoints
{
    public const string IdempotencyHeader = "Idempotency-Key";

    public static RouteGroupBuilder MapCaseFilingEndpoints(this RouteGroupBuilder programmes)
    {
        programmes.MapPost("/{id:guid}/cases", File).ActsAs(ReliefRole.Clerk)
            .WithSummary("File a case at the caller's branch. An Idempotency-Key header makes retries safe.");
        programmes.MapPost("/{id:guid}/cases/batch", CaseBatchEndpoint.FileBatch).ActsAs(ReliefRole.Clerk)
            .Accepts<string>("text/csv")
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(ApiRegistration.CsvBodyLimit))
            .WithSummary("File many cases from a CSV; good rows are filed, bad rows come back with their row number and reasons.");
        return programmes;
    }

    public static RouteGroupBuilder MapCaseEndpoints(this RouteGroupBuilder cases)
    {
        cases.MapGet("/{id:guid}", Get).ReadsCase().WithSummary("A case: where it stands in its route, its open tasks, and its journal.");
        cases.MapGet("/{id:guid}/diagram", Diagram).ReadsCase()
            .WithSummary("The case's workflow as a Mermaid flowchart, the nodes it stands at highlighted (parallel branches included); lang=en for English.");
        cases.MapPut("/{id:guid}", Amend).ActsAtCaseBranch(ReliefRole.Clerk)
            .WithSummary("Amend a returned case and send it up its route again.");
        cases.MapPost("/{id:guid}/decisions", Decide).ActsAtCaseStep(ReliefRole.Approver)
            .WithSummary("Approve, return or reject a case waiting at the caller's unit.");
        cases.MapPost("/decisions", CaseBulkDecisionEndpoint.DecideMany).ActsAs(ReliefRole.Approver)
            .Produces<BulkDecisionResponse>()
            .WithSummary("One decision for many cases (at most 500, oldest first as listed), with a result per case in the order listed.");
        cases.MapPost("/{id:guid}/cancel", Cancel).ActsNationally(ReliefRole.Admin)
            .WithSummary("Cancel a running case with a reason (national admin): it ends rejected, its quota places and reserved money are given back, the journal says who and why.");
        cases.MapPost("/{id:guid}/move", Move).ActsNationally(ReliefRole.Admin)
            .WithSummary("Move a waiting case to another node of its workflow that waits (national admin, with a reason).");
        cases.MapPost("/{id:guid}/incidents/retry", RetryIncidents).ActsOnCase(ReliefRole.Approver, ReliefRole.Clerk, ReliefRole.Admin, ReliefRole.Ops)
            .WithSummary("Run again the steps of a case that faulted.");
        return cases;
    }

    private static async Task<IResult> File(Guid id, HttpContext http, IGrainFactory grains, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
    {
        // This route reads its body itself (the idempotency key hashes the bytes), so it checks what the
        // framework checks for the other JSON routes: a body declared as JSON.
        if (!http.Request.HasJsonContentType())
        {
            return CommandResults.UnsupportedMediaType();
        }
        var body = await ReadBody(http);
        var (request, unreadable) = Deserialize<CaseRequest>(body, json.Value.SerializerOptions);
        if (request is null)
        {
            return CommandResults.Invalid(new() { [unreadable.Field] = [unreadable.Reason] });
        }
        var actor = http.Actor();
        var errors = new FieldErrors();
        var application = request.ToApplication(id, actor.UnitCode, errors);
        if (errors.Any)
        {
            return CommandResults.Invalid(errors.ByField);
        }

        var caseId = Guid.NewGuid();
        if (http.Request.Headers[IdempotencyHeader].ToString() is { Length: > 0 } key)
        {
            if (key.Length > 100)
            {
                return CommandResults.Invalid(new() { [IdempotencyHeader] = ["at most 100 characters"] });
            }
            var reserved = await grains.GetGrain<IFilingKeyGrain>($"filing-key/{actor.UnitCode}/{key}")
                .Reserve(Convert.ToHexString(SHA256.HashData([.. id.ToByteArray(), .. body])));
            if (reserved.BodyDiffers)
            {
                return CommandResults.Problem(StatusCodes.Status422UnprocessableEntity, "Idempotency key reused",
                    $"The {IdempotencyHeader} '{key}' was first used with another request; use a new key for a new filing.");
            }
            caseId = reserved.CaseId;
        }
        var result = (await grains.GetGrain<ICaseGrain>(caseId).File(application, actor)).ForCaller(http.User());
        return await Answer(result, caseId, grains, created: true);
    }

    private static async Task<IResult> Get(Guid id, HttpContext http, IGrainFactory grains) =>
        await grains.GetGrain<ICaseGrain>(id).Describe() is { } view
            ? TypedResults.Ok(CaseResponses.For(view, http.User()))
            : CommandResults.Problem(StatusCodes.Status404NotFound, "Case not found", $"No case has the id {id}.");

    private static async Task<IResult> Diagram(Guid id, string? lang, IGrainFactory grains)
    {
        if (await grains.GetGrain<ICaseGrain>(id).Describe() is not { } view)
        {
            return CommandResults.Problem(StatusCodes.Status404NotFound, "Case not found", $"No case has the id {id}.");
        }
        var workflow = (await grains.GetGrain<Relief.Workflows.Programmes.IProgrammeGrain>(view.ProgrammeId).Workflow(view.DefinitionVersion))!;
        var graph = Relief.Workflows.Engine.Definitions.EngineDefinitionReader.Load(workflow.GraphJson);
        return Results.Text(Relief.Workflows.Engine.Definitions.EngineDiagram.Mermaid(graph, lang == "en" ? "en" : "zh", view.CurrentNodes ?? []), "text/plain; charset=utf-8");
    }

    private static async Task<IResult> Amend(Guid id, CaseRequest request, HttpContext http, IGrainFactory grains)
    {
        var grain = grains.GetGrain<ICaseGrain>(id);
        if (await grain.Describe() is not { } current)
        {
            return CommandResults.Problem(StatusCodes.Status404NotFound, "Case not found", $"No case has the id {id}.");
        }
        var errors = new FieldErrors();
        var application = request.ToApplication(current.ProgrammeId, http.Actor().UnitCode, errors);
        return errors.Any ? CommandResults.Invalid(errors.ByField) : await Answer(await grain.Amend(application, http.Actor()), id, grains);
    }

    private static async Task<IResult> Decide(Guid id, DecisionRequest request, HttpContext http, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        var decision = request.ToDecision(errors);
        if (decision is null || errors.Any)
        {
            return CommandResults.Invalid(errors.ByField);
        }
        return await Answer(await grains.GetGrain<ICaseGrain>(id).Decide(decision, http.Actor()), id, grains);
    }

    private static async Task<IResult> Cancel(Guid id, CancelRequest request, HttpContext http, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        var reason = request.ToReason(errors);
        if (reason is null || errors.Any)
        {
            return CommandResults.Invalid(errors.ByField);
        }
        return await Answer(await grains.GetGrain<ICaseGrain>(id).Cancel(reason, http.Actor()), id, grains);
    }

    private static async Task<IResult> Move(Guid id, MoveRequest request, HttpContext http, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        var to = errors.Text("to", request.To?.Trim(), 100);
        var reason = errors.Text("reason", request.Reason?.Trim(), 1000, multiline: true);
        if (errors.Any)
        {
            return CommandResults.Invalid(errors.ByField);
        }
        return await Answer(await grains.GetGrain<ICaseGrain>(id).MoveTo(to, reason, http.Actor()), id, grains);
    }

    private static async Task<IResult> RetryIncidents(Guid id, HttpContext http, IGrainFactory grains) =>
        await Answer(await grains.GetGrain<ICaseGrain>(id).RetryIncidents(http.Actor()), id, grains);

    private static async Task<IResult> Answer(CommandResult result, Guid caseId, IGrainFactory grains, bool created = false)
    {
        if (!result.Succeeded)
        {
            var answer = result.ToHttp(TypedResults.NoContent);
            return result.Details is { } details && answer is Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult problem
                ? TypedResults.Problem(statusCode: problem.StatusCode, title: problem.ProblemDetails.Title,
                    detail: problem.ProblemDetails.Detail, extensions: details.ToDictionary(d => d.Key, d => (object?)d.Value))
                : answer;
        }
        var view = CaseResponses.Masked((await grains.GetGrain<ICaseGrain>(caseId).Describe())!);
        return created ? TypedResults.Created($"/api/cases/{caseId}", view) : TypedResults.Ok(view);
    }

    internal static int StatusOf(CommandResult result) => result.Outcome switch
    {
        CommandOutcome.Done => StatusCodes.Status200OK,
        CommandOutcome.Invalid => StatusCodes.Status400BadRequest,
        CommandOutcome.NotFound => StatusCodes.Status404NotFound,
        CommandOutcome.Forbidden => StatusCodes.Status403Forbidden,
        _ => StatusCodes.Status409Conflict,
    };

    private static async Task<byte[]> ReadBody(HttpContext http)
    {
        using var copy = new MemoryStream();
        await http.Request.Body.CopyToAsync(copy, http.RequestAborted);
        return copy.ToArray();
    }

    private static (T? Value, (string Field, string Reason) Unreadable) Deserialize<T>(byte[] body, JsonSerializerOptions options) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(body, options) is { } value ? (value, default) : (null, ("body", "the body is missing or empty"));
        }
        catch (JsonException ex)
        {
            return (null, RequestBindingProblems.Describe(ex));
        }
        catch (InvalidOperationException)
        {
            // Thrown for text that is not valid UTF-16 once decoded (a lone surrogate escape).
            return (null, ("body", "not valid JSON (holds an invalid escape sequence)"));
        }
    }
}
