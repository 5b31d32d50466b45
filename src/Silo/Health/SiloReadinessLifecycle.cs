using Orleans.Runtime;

namespace Relief.Silo.Health;

/// <summary>Marks the silo ready after every start-up stage (including start-up tasks) has run, and not ready as it stops.</summary>
public sealed class SiloReadinessLifecycle(SiloReadiness readiness) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe<SiloReadinessLifecycle>(
            ServiceLifecycleStage.Last,
            _ =>
            {
                readiness.MarkReady();
                return Task.CompletedTask;
            },
            _ =>
            {
                readiness.MarkStopping();
                return Task.CompletedTask;
            });
}
