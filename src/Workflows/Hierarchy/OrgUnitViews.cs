namespace Relief.Workflows.Hierarchy;

/// <summary>A unit named in a listing: enough to show it and to follow the link.</summary>
[GenerateSerializer, Immutable, Alias("Relief.OrgUnitSummary")]
public sealed record OrgUnitSummary([property: Id(0)] string Code, [property: Id(1)] string Name, [property: Id(2)] OrgLevel Level);

/// <summary>One unit as the API shows it.</summary>
[GenerateSerializer, Immutable, Alias("Relief.OrgUnitView")]
public sealed record OrgUnitView(
    [property: Id(0)] string Code,
    [property: Id(1)] string Name,
    [property: Id(2)] OrgLevel Level,
    [property: Id(3)] string? ParentCode,
    [property: Id(4)] IReadOnlyList<OrgUnitSummary> Children,
    [property: Id(5)] int? Members = null);

/// <summary>What registering a unit did, so an import can report and re-imports can prove they changed nothing.</summary>
public enum RegistrationOutcome
{
    Added,
    Renamed,
    Unchanged,

    /// <summary>Same name, another member count.</summary>
    Updated,
}
