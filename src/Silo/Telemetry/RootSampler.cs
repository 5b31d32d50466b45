using System.Diagnostics;
using OpenTelemetry.Trace;

namespace Relief.Silo.Telemetry;

/// <summary>
/// Tracing decided once, at the root of a trace (ADR 25). A root is sampled by the ratio on its trace id; a root the
/// ratio did not choose is recorded on its own (RecordOnly) so that <see cref="KeptRootProcessor"/> can still keep it
/// at its end if it failed or was slow. Everything beneath a root follows its parent's flag: beneath a sampled span,
/// sampled; beneath any other, dropped — no Orleans call span, no Npgsql command, no workflow or storage span is built
/// for a trace nobody will see.
/// </summary>
public sealed class RootSampler : Sampler
{
    /// <summary>ASP.NET Core's name for the span of an incoming HTTP request.</summary>
    internal const string HttpRequestIn = "Microsoft.AspNetCore.Hosting.HttpRequestIn";

    private static readonly SamplingResult Sampled = new(SamplingDecision.RecordAndSample);
    private static readonly SamplingResult RecordedAlone = new(SamplingDecision.RecordOnly);
    private static readonly SamplingResult Dropped = new(SamplingDecision.Drop);

    private readonly TraceIdRatioBasedSampler _ratio;

    public RootSampler(double ratio)
    {
        _ratio = new TraceIdRatioBasedSampler(ratio);
        Description = $"RootSampler{{{ratio}}}";
    }

    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters)
    {
        var parent = samplingParameters.ParentContext;
        if (parent.TraceId == default || IsHttpRequest(samplingParameters))
        {
            return _ratio.ShouldSample(samplingParameters).Decision == SamplingDecision.RecordAndSample ? Sampled : RecordedAlone;
        }
        // A child in this process, or a grain call from another silo (or this one: Orleans hands every call its
        // caller's context as a remote parent): the caller already decided. The SDK turns a dropped child of a remote
        // parent into a propagation-only Activity, which carries the trace id into the grain turn for logs and the
        // case journal and makes every span under it a dropped local child (no Activity at all).
        return (parent.TraceFlags & ActivityTraceFlags.Recorded) != 0 ? Sampled : Dropped;
    }

    // An HTTP request is a root whatever traceparent its caller sent: browsers and the public notice pages reach the
    // API, and any caller can write that header — honouring "-01" would let it turn sampling up to every request,
    // honouring "-00" would hide its failures. The caller's trace id is kept, so a span Relief keeps joins its trace.
    private static bool IsHttpRequest(in SamplingParameters samplingParameters) =>
        samplingParameters.Kind == ActivityKind.Server && samplingParameters.ParentContext.IsRemote
        && string.Equals(samplingParameters.Name, HttpRequestIn, StringComparison.Ordinal);
}
