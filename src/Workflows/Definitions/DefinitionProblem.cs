namespace Relief.Workflows.Definitions;

/// <summary>What is wrong in a definition: where (a JSON pointer such as <c>/rules/0/add/1</c>) and why.</summary>
[GenerateSerializer, Immutable, Alias("Relief.DefinitionProblem")]
public sealed record DefinitionProblem([property: Id(0)] string Path, [property: Id(1)] string Reason)
{
    public override string ToString() => $"{(Path.Length == 0 ? "/" : Path)}: {Reason}";
}
