namespace Relief.Workflows.Definitions.Examples;

/// <summary>The graph definitions shipped with Relief (this folder's JSON files), by name: loadable as they are, or as a start.</summary>
public static class ShippedDefinitions
{
    public static IReadOnlyList<string> Names { get; } =
    [
        .. typeof(ShippedDefinitions).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
            .Select(n => n[Prefix.Length..^".json".Length])
            .Order(StringComparer.Ordinal),
    ];

    private const string Prefix = "Relief.Workflows.Definitions.Examples.";

    /// <summary>The JSON text of a shipped definition (<c>standard-ladder</c>, <c>hardship-grant</c>, …); null when there is none.</summary>
    public static string? Text(string name)
    {
        using var stream = typeof(ShippedDefinitions).Assembly.GetManifestResourceStream($"{Prefix}{name}.json");
        if (stream is null)
        {
            return null;
        }
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
