namespace Relief.Workflows.Queues;

/// <summary>What happened in one province in one hour (Beijing or not: hours are UTC instants).</summary>
public sealed record ActivityHour(string ProvinceCode, DateTimeOffset Hour, long Filed, long Decided);

/// <summary>Queue depth of a province's units (the national unit counts as its own "province" CN).</summary>
public sealed record ProvinceDepth(string ProvinceCode, int Waiting);

/// <summary>
/// Filings and decisions counted per province and hour in the database (gathered per silo and written once a
/// second), so the ops page shows the peak across every silo and across restarts, which per-process meters cannot.
/// </summary>
public interface IActivityLog
{
    Task Filed(Guid programmeId, string unitCode, DateTimeOffset at, CancellationToken cancellationToken = default);

    Task Decided(Guid programmeId, string unitCode, DateTimeOffset at, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ActivityHour>> Since(Guid programmeId, DateTimeOffset since, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ProvinceDepth>> Depths(Guid programmeId, CancellationToken cancellationToken = default);
}
