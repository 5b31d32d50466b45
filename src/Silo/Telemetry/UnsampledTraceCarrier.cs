using System.Diagnostics;

namespace Relief.Silo.Telemetry;

/// <summary>
/// Carries a trace that is not sampled into the grain calls made under it. Orleans' own outgoing filter puts a
/// trace's context in the request context only through the call span it starts, and under a trace not sampled that
/// span is dropped: the called grain would then see no parent at all, start a trace of its own and sample it anew.
/// This filter, after Orleans', writes the caller's context (flag not sampled) instead, so the callee drops it too.
/// </summary>
public sealed class UnsampledTraceCarrier(DistributedContextPropagator propagator) : IOutgoingGrainCallFilter
{
    public Task Invoke(IOutgoingGrainCallContext context)
    {
        // A sampled caller has its call span, which Orleans has already written; a call made outside any trace has
        // nothing to carry.
        if (Activity.Current is { Recorded: false } unsampled)
        {
            propagator.Inject(unsampled, null, static (_, key, value) => RequestContext.Set(key, value));
        }
        return context.Invoke();
    }
}
