namespace Relief.Workflows.Hierarchy;

/// <summary>What an org-unit grain persists. Code, level and parent follow from the grain key.</summary>
[GenerateSerializer, Alias("Relief.OrgUnitState")]
public sealed class OrgUnitState
{
    [Id(0)] public string Name { get; set; } = "";

    /// <summary>Direct children, sorted by code, with their names so a listing needs no fan-out.</summary>
    [Id(1)] public List<OrgUnitSummary> Children { get; set; } = [];

    [Id(2)] public DateTimeOffset RegisteredAt { get; set; }

    /// <summary>The unit's trade-union members (its subtree's), when the hierarchy file gives them.</summary>
    [Id(3)] public int? Members { get; set; }
}
