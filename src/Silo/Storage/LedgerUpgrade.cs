using Relief.Workflows.Funds;

namespace Relief.Silo.Storage;

/// <summary>
/// Accounts stored before schema 10 carry their whole ledger in their state, and each moves it into rows when it is
/// next activated (ADR 21). The reports read only rows, so once the silo is up this activates every such account
/// that has no state of its own table yet — last season's accounts too, which nobody may call again. In the
/// background: the silo serves meanwhile, and a repeat (a second silo, a restart) finds nothing left to move.
/// </summary>
public sealed class LedgerUpgrade(ReliefDatabase database, IGrainFactory grains, ILogger<LedgerUpgrade> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe<LedgerUpgrade>(ServiceLifecycleStage.Active, started =>
        {
            _ = Task.Run(async () =>
            {
                try
                {
                    if (await Run() is > 0 and var moved)
                    {
                        logger.LogInformation("Moved the ledgers of {Accounts} accounts stored before schema 10 into rows", moved);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Could not move the ledgers of accounts stored before schema 10; each moves at its next activation");
                }
            }, CancellationToken.None);
            return Task.CompletedTask;
        });

    /// <summary>Activates each account stored only in Orleans' table; how many there were.</summary>
    public async Task<int> Run()
    {
        var keys = new List<string>();
        await using (var connection = await database.Open(CancellationToken.None))
        await using (var command = database.Command(connection, """
            SELECT grain_id_extension FROM relief_grain_state
            WHERE service_id = @service AND grain_type = 'account' AND grain_id_extension IS NOT NULL;
            """))
        {
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                keys.Add(reader.GetString(0));
            }
        }
        var moved = 0;
        foreach (var key in keys.Where(k => k.StartsWith("account/", StringComparison.Ordinal)))
        {
            var account = grains.GetGrain<IAccountGrain>(key);
            if (!await HasOwnRow(account.GetGrainId()))
            {
                await account.Describe(); // its activation moves the ledger and writes the state to its own table
                moved++;
            }
        }
        return moved;
    }

    private async Task<bool> HasOwnRow(GrainId grainId)
    {
        await using var connection = await database.Open(CancellationToken.None);
        await using var command = database.Command(connection, "SELECT 1 FROM relief_account_state WHERE service_id = @service AND grain_id = @grain;");
        ReliefDatabase.Add(command, "grain", grainId.ToString());
        return await command.ExecuteScalarAsync() is not null;
    }
}
