namespace Relief.Workflows.Cases;

/// <summary>
/// An effect on another grain that cannot refuse the step that asked for it (give back a quota place, release the
/// money set aside, put the case on its notice board or take it off): recorded in the case's state with the step,
/// under the id the runtime gave the effect, then sent; sent again (idempotently) until it is acknowledged.
/// <paramref name="Target"/> is the unit it is sent to (a quota place's unit, the branch, the noticing unit).
/// </summary>
[GenerateSerializer, Immutable, Alias("Relief.CaseIntent")]
public sealed record CaseIntent(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Kind,
    [property: Id(2)] string Target,
    [property: Id(3)] string Node);
