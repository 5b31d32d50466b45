using Orleans.Storage;
using Relief.Workflows.Funds;

namespace Relief.Silo.Storage;

/// <summary>
/// The account grains' state in <c>relief_account_state</c>, each write one transaction with the ledger entries the
/// account appended since its last write, as rows of <c>relief_ledger_entry</c> (ADR 21). The state holds balances
/// and what the account decides by; the rows hold every movement, for the statements, the trail and the roll-up.
/// An account stored before schema 10 is read from Orleans' table (<paramref name="earlier"/>) until its first write here.
/// </summary>
public sealed class AccountGrainStorage(ReliefDatabase database, IGrainStorage earlier, IGrainStorageSerializer serializer) : IGrainStorage
{
    private readonly OwnStateTable _table = new(database, earlier, serializer, "relief_account_state");

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => _table.Read(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var payload = serializer.Serialize(grainState.State).ToArray();
        var expected = OwnStateTable.Expected(grainState);
        var entries = (grainState.State as ILedgerRecords)?.UnstoredEntries ?? [];
        using var turn = await database.Writing(CancellationToken.None);
        await using var connection = await database.Open(CancellationToken.None);
        // A write with no new entry (a delivery acknowledged, a reminder armed) is its one statement.
        await using var transaction = entries.Count == 0 ? null : await connection.BeginTransactionAsync();
        await using (var write = database.Command(connection, expected is null ? InsertState : UpdateState))
        {
            write.Transaction = transaction;
            ReliefDatabase.Add(write, "grain", grainId.ToString());
            ReliefDatabase.Add(write, "payload", payload);
            ReliefDatabase.Add(write, "at", DateTime.UtcNow);
            if (expected is not null)
            {
                ReliefDatabase.Add(write, "expected", expected.Value);
            }
            if (await write.ExecuteNonQueryAsync() != 1)
            {
                if (transaction is not null)
                {
                    await transaction.RollbackAsync();
                }
                throw OwnStateTable.Conflict(grainId, grainState);
            }
        }
        if (transaction is not null)
        {
            var (programme, unit) = AccountKeys.Parse(grainId.Key.ToString()!);
            foreach (var chunk in entries.Chunk(LedgerRows.MostPerStatement))
            {
                await using var insert = LedgerRows.Insert(database, connection, programme, unit, chunk);
                insert.Transaction = transaction;
                await insert.ExecuteNonQueryAsync();
                await using var totals = LedgerRows.AddToTotals(database, connection, programme, unit, chunk);
                totals.Transaction = transaction;
                await totals.ExecuteNonQueryAsync();
            }
            await transaction.CommitAsync();
        }
        OwnStateTable.Written(grainState, expected);
    }

    private const string InsertState = """
        INSERT INTO relief_account_state (service_id, grain_id, version, payload, modified_at)
        VALUES (@service, @grain, 1, @payload, @at)
        ON CONFLICT (service_id, grain_id) DO NOTHING;
        """;

    private const string UpdateState = """
        UPDATE relief_account_state SET version = @expected + 1, payload = @payload, modified_at = @at
        WHERE service_id = @service AND grain_id = @grain AND version = @expected;
        """;

    /// <summary>An account's ledger is the trail of public money: it is never cleared.</summary>
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        throw new NotSupportedException($"Account state is never cleared ({grainId}).");
}
