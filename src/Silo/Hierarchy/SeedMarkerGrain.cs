using Relief.Workflows;

namespace Relief.Silo.Hierarchy;

/// <summary>How far a one-time start-up load got.</summary>
public enum SeedProgress
{
    NotStarted,
    Started,
    Done,
}

/// <summary>Remembers, across restarts, how far a one-time start-up load (the demo hierarchy) got.</summary>
[Alias("Relief.ISeedMarkerGrain")]
public interface ISeedMarkerGrain : IGrainWithStringKey
{
    [Alias("Progress")]
    Task<SeedProgress> Progress();

    [Alias("Advance")]
    Task Advance(SeedProgress progress);
}

[GenerateSerializer, Alias("Relief.SeedMarkerState")]
public sealed class SeedMarkerState
{
    [Id(0)] public SeedProgress Progress { get; set; }
}

public sealed class SeedMarkerGrain(
    [PersistentState("seed-marker", StorageNames.Relief)] IPersistentState<SeedMarkerState> marker) : Grain, ISeedMarkerGrain
{
    public Task<SeedProgress> Progress() => Task.FromResult(marker.State.Progress);

    public async Task Advance(SeedProgress progress)
    {
        marker.State.Progress = progress;
        await marker.WriteStateAsync();
    }
}
