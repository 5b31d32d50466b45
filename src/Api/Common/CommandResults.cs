using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Relief.Workflows.Common;

namespace Relief.Api.Common;

/// <summary>Turns a grain's <see cref="CommandResult"/> into the HTTP answer: problem details for every refusal.</summary>
public static class CommandResults
{
    public static IResult ToHttp(this CommandResult result, Func<IResult> onDone) => result.Outcome switch
    {
        CommandOutcome.Done => onDone(),
        CommandOutcome.Invalid => TypedResults.ValidationProblem(
            (result.Problems ?? []).GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Reason).ToArray())),
        CommandOutcome.NotFound => Problem(StatusCodes.Status404NotFound, "Not found", result.Message),
        CommandOutcome.Forbidden => Problem(StatusCodes.Status403Forbidden, "Not allowed", result.Message),
        _ => Problem(StatusCodes.Status409Conflict, "Conflict", result.Message),
    };

    /// <summary>415 for a body not declared as the route reads it, naming the header as the framework's own refusal does.</summary>
    public static ProblemHttpResult UnsupportedMediaType(string expected = "application/json") =>
        TypedResults.Problem(new Microsoft.AspNetCore.Mvc.ValidationProblemDetails(
            new Dictionary<string, string[]> { ["Content-Type"] = [$"send {expected}"] })
        {
            Status = StatusCodes.Status415UnsupportedMediaType,
            Title = "The request was refused.",
            Detail = $"Content-Type: send {expected}",
        });

    public static ProblemHttpResult Problem(int status, string title, string? detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail);

    public static ValidationProblem Invalid(Dictionary<string, List<string>> errors) =>
        TypedResults.ValidationProblem(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
}
