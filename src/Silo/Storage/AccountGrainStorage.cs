using Orleans.Storage;
using Relief.Workflows.Funds;

namespace Relief.Silo.Storage;

/// <summary>
/// The account grains' state in <c>relief_account_state</c>, each write one transaction with the ledger entries the
/// account appended since its last write, as rows of <c>relief_ledger_entry</c> (ADR 21). The state holds balances
/// and what the account decides by; the rows hold every movement, for the statements, the trail and the roll-up.
/// The write goes through the <see cref="GroupCommit"/> (ADR 24) with the writes of every other grain in flight.
/// An account stored before schema 10 is read from Orleans' table (<paramref name="earlier"/>) until its first write here.
/// </summary>
public sealed class AccountGrainStorage(ReliefDatabase database, GroupCommit commits, IGrainStorage earlier, IGrainStorageSerializer serializer) : IGrainStorage
{
    private readonly OwnStateTable _table = new(database, earlier, serializer, "relief_account_state");

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => _table.Read(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        // The entries appended since the last write and their totals follow the state in its commit.
        var entries = (grainState.State as ILedgerRecords)?.UnstoredEntries ?? [];
        var rows = new List<System.Data.Common.DbCommand>();
        if (entries.Count > 0)
        {
            var (programme, unit) = AccountKeys.Parse(grainId.Key.ToString()!);
            foreach (var chunk in entries.Chunk(LedgerRows.MostPerStatement))
            {
                rows.Add(LedgerRows.Insert(database, programme, unit, chunk));
                rows.Add(LedgerRows.AddToTotals(database, programme, unit, chunk));
            }
        }
        using var write = GroupedWrite.Guarded(grainId.ToString(), _table.Guard(grainId, grainState), rows);
        await OwnStateTable.Commit(commits, write, grainId, grainState);
    }

    /// <summary>An account's ledger is the trail of public money: it is never cleared.</summary>
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        throw new NotSupportedException($"Account state is never cleared ({grainId}).");
}
