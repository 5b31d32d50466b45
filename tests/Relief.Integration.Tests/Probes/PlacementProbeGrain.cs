using Orleans.Placement;

namespace Relief.Integration.Tests.Probes;

/// <summary>Says which silo it lives on; placed at random so many of them spread over every silo.</summary>
[Alias("Relief.Tests.IPlacementProbeGrain")]
public interface IPlacementProbeGrain : IGrainWithIntegerKey
{
    [Alias("WhereAmI")]
    Task<string> WhereAmI();
}

[RandomPlacement]
public sealed class PlacementProbeGrain(ILocalSiloDetails silo) : Grain, IPlacementProbeGrain
{
    public Task<string> WhereAmI() => Task.FromResult(silo.SiloAddress.ToString());
}
