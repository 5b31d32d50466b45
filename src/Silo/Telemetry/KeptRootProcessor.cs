using System.Diagnostics;
using OpenTelemetry;

namespace Relief.Silo.Telemetry;

/// <summary>
/// The tail decision, in the silo: a root that <see cref="RootSampler"/> recorded without sampling is exported at its
/// end, on its own, if it failed (error status or an HTTP 5xx) or took at least the slow-request threshold, marked
/// with why (<c>relief.kept</c> = <c>error</c> or <c>slow</c>). Any other such root ends here. Must run before the
/// exporters' processors, which look at the sampled flag.
/// </summary>
public sealed class KeptRootProcessor(TimeSpan slowRequest) : BaseProcessor<Activity>
{
    public const string Kept = "relief.kept";

    public override void OnEnd(Activity data)
    {
        // Under RootSampler only such a root is recorded but not sampled; sampled spans go out as they are, and
        // propagation-only ones (or a filtered /health request) hold no data to keep.
        if (data.Recorded || !data.IsAllDataRequested)
        {
            return;
        }
        var reason = Failed(data) ? "error" : data.Duration >= slowRequest ? "slow" : null;
        if (reason is null)
        {
            return;
        }
        data.SetTag(Kept, reason);
        data.ActivityTraceFlags |= ActivityTraceFlags.Recorded;
    }

    // ASP.NET Core's instrumentation marks a server span's 5xx as an error already; the status code is read too, in
    // case a span was given another status by the time it ends.
    private static bool Failed(Activity span) =>
        span.Status == ActivityStatusCode.Error || span.GetTagItem("http.response.status_code") is int code && code >= 500;
}
