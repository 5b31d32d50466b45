using System.Data.Common;

namespace Relief.Silo.Storage;

/// <summary>
/// One caller's write through the <see cref="GroupCommit"/>: a guard (a grain's state at the version it read, which
/// must change exactly one row) and the statements that follow it (its inbox lines, wake-up, ledger rows), or
/// statements with no guard. The commands are built by the caller, before it waits, from what its state says then;
/// the group commit gives them its connection and transaction.
/// </summary>
public sealed class GroupedWrite : IDisposable
{
    private GroupedWrite(string what, DbCommand? guard, IReadOnlyList<DbCommand> following)
    {
        What = what;
        Guard = guard;
        Following = following;
    }

    /// <summary>What is written, for errors and logs: a grain id, never a value.</summary>
    public string What { get; }

    /// <summary>One statement that must change exactly one row, or the write is refused (another activation wrote first).</summary>
    public DbCommand? Guard { get; }

    /// <summary>Run in the same transaction after the guard, and only if it changed its row.</summary>
    public IReadOnlyList<DbCommand> Following { get; }

    internal TaskCompletionSource<bool> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>A state written at the version it was read at, with the rows that follow it.</summary>
    public static GroupedWrite Guarded(string what, DbCommand state, params IReadOnlyList<DbCommand> following) => new(what, state, following);

    /// <summary>Statements that hold whatever is stored (a wake-up held or lowered).</summary>
    public static GroupedWrite Unguarded(string what, params IReadOnlyList<DbCommand> statements) => new(what, null, statements);

    internal int Statements => (Guard is null ? 0 : 1) + Following.Count;

    public void Dispose()
    {
        Guard?.Dispose();
        foreach (var command in Following)
        {
            command.Dispose();
        }
    }
}
