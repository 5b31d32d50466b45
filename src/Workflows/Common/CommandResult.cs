namespace Relief.Workflows.Common;

/// <summary>How a command to a grain ended; the API maps each to its HTTP status.</summary>
public enum CommandOutcome
{
    Done,
    Invalid,
    NotFound,
    Conflict,
    Forbidden,
}

/// <summary>A field of a request and what is wrong with it (field names as the API spells them).</summary>
[GenerateSerializer, Immutable, Alias("Relief.FieldProblem")]
public sealed record FieldProblem([property: Id(0)] string Field, [property: Id(1)] string Reason);

/// <summary>The answer to a command: done, or why not. Grains return it instead of throwing for expected refusals.</summary>
[GenerateSerializer, Immutable, Alias("Relief.CommandResult")]
public sealed record CommandResult(
    [property: Id(0)] CommandOutcome Outcome,
    [property: Id(1)] string? Message = null,
    [property: Id(2)] IReadOnlyList<FieldProblem>? Problems = null,
    [property: Id(3)] IReadOnlyDictionary<string, string>? Details = null)
{
    public static CommandResult Done { get; } = new(CommandOutcome.Done);

    public bool Succeeded => Outcome == CommandOutcome.Done;

    public static CommandResult Invalid(IEnumerable<FieldProblem> problems) =>
        new(CommandOutcome.Invalid, "One or more fields are invalid.", problems.ToList());

    public static CommandResult Invalid(string field, string reason) => Invalid([new FieldProblem(field, reason)]);

    public static CommandResult NotFound(string message) => new(CommandOutcome.NotFound, message);

    public static CommandResult Conflict(string message) => new(CommandOutcome.Conflict, message);

    public static CommandResult Forbidden(string message) => new(CommandOutcome.Forbidden, message);
}
