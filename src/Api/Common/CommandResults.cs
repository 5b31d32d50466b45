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

    public static ProblemHttpResult Problem(int status, string title, string? detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail);

    public static ValidationProblem Invalid(Dictionary<string, List<string>> errors) =>
        TypedResults.ValidationProblem(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
}
