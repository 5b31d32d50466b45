using Relief.Silo.Configuration;
using Relief.Silo.Storage;

namespace Relief.Silo.Commands;

/// <summary>
/// <c>--migrate-only</c>: applies the schema and exits, for a deployment job that runs before the silos.
/// Waits a bounded time for the database, then fails so the job's own retry policy takes over.
/// </summary>
public static class MigrateOnlyCommand
{
    private const int Attempts = 8;

    public static async Task<int> Run(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
        var storage = StorageSettings.FromConfiguration(builder.Configuration);
        using var folderLock = DataFolderLock.Acquire(storage);
        builder.Services.AddSingleton(storage);
        builder.Services.AddSingleton<SchemaMigrator>();
        using var host = builder.Build();
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Relief.Migrate");
        var migrator = host.Services.GetRequiredService<SchemaMigrator>();

        var delay = TimeSpan.FromSeconds(1);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var applied = await migrator.Apply(CancellationToken.None);
                logger.LogInformation("Schema of {Database} is current; {Count} scripts applied now", storage.Describe(), applied.Count);
                return 0;
            }
            catch (Exception ex) when (StorageFailures.IsWorthRetrying(ex) && attempt < Attempts)
            {
                logger.LogWarning("Cannot reach {Database} (attempt {Attempt} of {Attempts}): {Reason}", storage.Describe(), attempt, Attempts, ex.Message);
                await Task.Delay(delay);
                delay *= 2;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Migration of {Database} failed", storage.Describe());
                return 1;
            }
        }
    }
}
