using Relief.Silo.Configuration;

namespace Relief.Silo.Storage;

/// <summary>
/// One writer at a time on the embedded SQLite file, waited for asynchronously. SQLite admits one writer anyway;
/// without the gate a second writer's statement fails busy and Microsoft.Data.Sqlite retries it after a sleep that
/// blocks its thread (at the peak, Orleans' scheduler threads), so a write that could wait a millisecond waited
/// 150. The same transactions commit in the same order of arrival, durably as before. PostgreSQL is not gated.
/// </summary>
public sealed class EmbeddedWriteGate(StorageSettings settings) : IDisposable
{
    private readonly SemaphoreSlim _writer = new(1, 1);

    public bool Gates => settings.Mode == StorageMode.Embedded;

    /// <summary>Waits for the writer's turn (at once in PostgreSQL mode); disposing the answer ends the turn.</summary>
    public async ValueTask<IDisposable> Enter(CancellationToken cancellationToken = default)
    {
        if (!Gates)
        {
            return NoTurn.Instance;
        }
        await _writer.WaitAsync(cancellationToken);
        return new Turn(_writer);
    }

    public void Dispose() => _writer.Dispose();

    private sealed class Turn(SemaphoreSlim writer) : IDisposable
    {
        private int _ended;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _ended, 1) == 0)
            {
                writer.Release();
            }
        }
    }

    private sealed class NoTurn : IDisposable
    {
        public static readonly NoTurn Instance = new();

        public void Dispose()
        {
        }
    }
}
