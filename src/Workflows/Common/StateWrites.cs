namespace Relief.Workflows.Common;

/// <summary>Grain-state writes that never leave memory ahead of storage.</summary>
public static class StateWrites
{
    /// <summary>
    /// Writes the state; if the write fails, the activation is dropped (<paramref name="deactivateOnIdle"/>) so the
    /// next call reloads what is stored, and the failure goes to the caller.
    /// </summary>
    public static async Task WriteOrDeactivate<T>(this IPersistentState<T> state, Action deactivateOnIdle)
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            deactivateOnIdle();
            throw;
        }
    }
}
