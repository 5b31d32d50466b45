namespace Relief.Workflows.Hierarchy;

/// <summary>The rule for a unit's display name (usually Chinese, e.g. 广东省总工会).</summary>
public static class OrgUnitName
{
    public const int MaxLength = 100;

    /// <summary>Null when the name is acceptable, else the reason.</summary>
    public static string? Problem(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "the name is empty";
        }
        if (name.Trim().Length > MaxLength)
        {
            return $"the name is longer than {MaxLength} characters";
        }
        if (name.Any(char.IsControl))
        {
            return "the name contains a control character";
        }
        return null;
    }

    /// <summary>The trimmed name, or an <see cref="ArgumentException"/> saying why it is refused.</summary>
    public static string Check(string? name) =>
        Problem(name) is { } problem ? throw new ArgumentException(problem, nameof(name)) : name!.Trim();
}
