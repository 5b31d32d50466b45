using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Relief.Api.Acting;
using Relief.Api.Cases;
using Relief.Api.Common;
using Relief.Workflows.Cases;
using Relief.Workflows.Queues;

namespace Relief.Api.Tasks;

/// <summary>Routes under <c>/api/tasks</c>: a task of a case's workflow, completed from its unit's inbox by its id.</summary>
public static class TaskEndpoints
{
    public static RouteGroupBuilder MapTaskEndpoints(this RouteGroupBuilder tasks)
    {
        tasks.MapPost("/{taskId:guid}/complete", Complete).ActsOnTask()
            .WithSummary("Complete a task: its outcome, the answers to its form, a comment and the case version read. Completing it again returns the first result.");
        tasks.MapPost("/{taskId:guid}/reassign", Reassign).ActsNationally(ReliefRole.Admin)
            .WithSummary("Give an open task to another unit of the case's way up, or other roles (national admin, with a reason).");
        return tasks;
    }

    private static async Task<IResult> Reassign(Guid taskId, ReassignRequest request, HttpContext http, IGrainFactory grains, ICaseQueues queues)
    {
        var errors = new FieldErrors();
        var unit = errors.Text("unitCode", request.UnitCode?.Trim(), 40);
        var reason = errors.Text("reason", request.Reason?.Trim(), 1000, multiline: true);
        var roleNames = Enum.GetValues<ReliefRole>().Where(r => r != ReliefRole.Admin && r != ReliefRole.Ops).Select(r => r.Name()).ToList();
        if (request.Roles is { } roles && (roles.Count == 0 || roles.Any(r => !roleNames.Contains(r))))
        {
            errors.Add("roles", $"one or more of {string.Join(", ", roleNames)}");
        }
        if (errors.Any)
        {
            return CommandResults.Invalid(errors.ByField);
        }
        if (await queues.CaseOfTask(taskId, http.RequestAborted) is not { } caseId)
        {
            return CommandResults.Problem(StatusCodes.Status404NotFound, "Task not found", $"No task has the id {taskId}.");
        }
        var result = await grains.GetGrain<ICaseGrain>(caseId).Reassign(taskId, unit, request.Roles, reason, http.Actor());
        return result.Succeeded ? TypedResults.Ok((await grains.GetGrain<ICaseGrain>(caseId).Instance())!) : result.ToHttp(TypedResults.NoContent);
    }

    private static async Task<IResult> Complete(Guid taskId, TaskCompletionRequest request, HttpContext http, IGrainFactory grains, ICaseQueues queues)
    {
        var errors = new FieldErrors();
        var completion = request.ToCompletion(taskId, errors);
        if (errors.Any)
        {
            return CommandResults.Invalid(errors.ByField);
        }
        // The access filter found the case already; a task it cannot find was answered there with 404.
        var caseId = (await queues.CaseOfTask(taskId, http.RequestAborted))!.Value;
        var user = http.User();
        var result = await grains.GetGrain<ICaseGrain>(caseId).Complete(completion, http.Actor(), [.. user.Roles.Select(r => r.Name())]);
        if (!result.Succeeded)
        {
            return result.ToHttp(TypedResults.NoContent);
        }
        return TypedResults.Ok(CaseResponses.Masked((await grains.GetGrain<ICaseGrain>(caseId).Describe())!));
    }
}

/// <summary>The body of <c>POST /api/tasks/{taskId}/complete</c>: answers are the task form's fields by name.</summary>
public sealed record TaskCompletionRequest(string? Outcome, JsonElement? Answers, string? Comment, int? Version)
{
    public TaskCompletion ToCompletion(Guid taskId, FieldErrors errors)
    {
        var outcome = errors.Text("outcome", Outcome, 50);
        if (Answers is { } answers && answers.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
        {
            errors.Add("answers", "the answers are an object of the form's fields by name");
        }
        if (Version is < 1)
        {
            errors.Add("version", "versions start at 1");
        }
        var comment = Comment?.Trim() is { Length: > 0 } given ? errors.Text("comment", given, 1000, multiline: true) : null;
        var text = Answers is { ValueKind: JsonValueKind.Object } json ? json.GetRawText() : null;
        return new TaskCompletion(taskId, outcome, text, comment, Version);
    }
}

/// <summary>The body of <c>POST /api/tasks/{taskId}/reassign</c>: the unit (on the case's way up), the roles (those of the task when none), why.</summary>
public sealed record ReassignRequest(string? UnitCode, IReadOnlyList<string>? Roles, string? Reason);
