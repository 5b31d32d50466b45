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
        return tasks;
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
