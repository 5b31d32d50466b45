using Relief.Silo.Configuration;
using Relief.Silo.Health;

namespace Relief.Silo.Storage;

/// <summary>
/// Applies the schema as the very first step of the silo's start, before clustering, storage and reminders
/// open the database. While the database cannot be reached it waits with back-off, logs each attempt and
/// keeps the silo not-ready; it never gives up on its own (a deployment waits for its database).
/// </summary>
public sealed class SchemaMigrationStartup(
    SchemaMigrator migrator,
    StorageSettings settings,
    SiloReadiness readiness,
    ILogger<SchemaMigrationStartup> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestDelay = TimeSpan.FromSeconds(30);

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe<SchemaMigrationStartup>(ServiceLifecycleStage.First, ApplyWithRetry);

    private async Task ApplyWithRetry(CancellationToken cancellationToken)
    {
        var delay = FirstDelay;
        for (var attempt = 1; ; attempt++)
        {
            readiness.Report(attempt == 1 ? "applying the schema" : $"waiting for the database (attempt {attempt})");
            try
            {
                var applied = await migrator.Apply(cancellationToken);
                logger.LogInformation("Schema of {Database} is current ({Applied} scripts applied now)", settings.Describe(), applied.Count);
                readiness.Report("joining the cluster");
                return;
            }
            catch (Exception ex) when (StorageFailures.IsWorthRetrying(ex) && !cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning("Cannot reach {Database} (attempt {Attempt}): {Reason}. Retrying in {Delay}s; the silo stays not ready.",
                    settings.Describe(), attempt, ex.Message, delay.TotalSeconds);
                await Task.Delay(delay, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, LongestDelay.Ticks));
            }
        }
    }
}
