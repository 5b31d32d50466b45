namespace Relief.Workflows.Common;

/// <summary>Who does something and at which org unit: named in every journal entry.</summary>
[GenerateSerializer, Immutable, Alias("Relief.Actor")]
public sealed record Actor([property: Id(0)] string UserId, [property: Id(1)] string UnitCode)
{
    public override string ToString() => $"{UserId}@{UnitCode}";
}
