using Orleans.Storage;

namespace Relief.Silo.Storage;

/// <summary>
/// Every failed write or clear of a grain state answered as <see cref="InconsistentStateException"/>, whatever the
/// store threw (ADR 24): Orleans then drops the activation once the failure leaves the grain, so the next call reads
/// what is stored instead of a state the store never took. For every grain, not only those that deactivate themselves.
/// </summary>
public sealed class ReloadOnFailedWrite(IGrainStorage inner) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        try
        {
            await inner.WriteStateAsync(stateName, grainId, grainState);
        }
        catch (Exception ex) when (ex is not InconsistentStateException)
        {
            throw Failed("write", grainId, ex);
        }
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        try
        {
            await inner.ClearStateAsync(stateName, grainId, grainState);
        }
        catch (Exception ex) when (ex is not InconsistentStateException and not NotSupportedException)
        {
            throw Failed("clear", grainId, ex);
        }
    }

    private static InconsistentStateException Failed(string operation, GrainId grainId, Exception cause) =>
        new($"The {operation} of {grainId} was not stored ({cause.GetType().Name}: {cause.Message.Split('\n', 2)[0].Trim()}). The activation reloads what is stored.", cause);
}
