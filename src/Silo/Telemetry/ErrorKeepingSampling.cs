using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace Relief.Silo.Telemetry;

/// <summary>
/// Parent-based ratio sampling that still records what it does not sample, so that a span ending in error can be
/// exported anyway (<see cref="ErrorKeepingProcessor"/>): at 2 a.m. in the peak the failed request is the one
/// that matters, whatever the ratio.
/// </summary>
public sealed class RecordingRatioSampler(double ratio) : Sampler
{
    private readonly Sampler _decision = new ParentBasedSampler(new TraceIdRatioBasedSampler(ratio));

    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters) =>
        _decision.ShouldSample(samplingParameters).Decision == SamplingDecision.RecordAndSample
            ? new SamplingResult(SamplingDecision.RecordAndSample)
            : new SamplingResult(SamplingDecision.RecordOnly);
}

/// <summary>Marks a recorded-but-unsampled span as sampled when it ended in error, before the exporter sees it.</summary>
public sealed class ErrorKeepingProcessor : BaseProcessor<Activity>
{
    public override void OnEnd(Activity data)
    {
        if (data.Status == ActivityStatusCode.Error && !data.Recorded)
        {
            data.ActivityTraceFlags |= ActivityTraceFlags.Recorded;
        }
    }
}
