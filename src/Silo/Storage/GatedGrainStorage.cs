using Orleans.Storage;

namespace Relief.Silo.Storage;

/// <summary>Grain-state writes and clears taken one at a time through the <see cref="EmbeddedWriteGate"/>; reads pass.</summary>
public sealed class GatedGrainStorage(IGrainStorage inner, EmbeddedWriteGate gate) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        using var turn = await gate.Enter();
        await inner.WriteStateAsync(stateName, grainId, grainState);
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        using var turn = await gate.Enter();
        await inner.ClearStateAsync(stateName, grainId, grainState);
    }
}
