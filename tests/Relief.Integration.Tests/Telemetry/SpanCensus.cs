using System.Collections.Concurrent;
using System.Diagnostics;
using Relief.Integration.Tests.Infrastructure;

namespace Relief.Integration.Tests.Telemetry;

/// <summary>
/// Every Activity the process builds for ASP.NET Core's, Orleans', Npgsql's and Relief's sources, whether or not it is
/// exported: a listener of the test's own that asks for nothing itself (an ActivitySource builds what its most
/// demanding listener asks for), so it sees the silo's sampling decisions without changing them.
/// </summary>
public sealed class SpanCensus : IDisposable
{
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityListener _listener;

    public SpanCensus()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Microsoft.AspNetCore" or "Npgsql" or Relief.Workflows.Telemetry.ReliefTelemetry.Name
                || source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.None,
            SampleUsingParentId = (ref ActivityCreationOptions<string> _) => ActivitySamplingResult.None,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>Every Activity built and ended since the census began, in any test's host of this process.</summary>
    public IReadOnlyList<Activity> Ended => [.. _stopped];

    /// <summary>The server span of the HTTP request to <paramref name="path"/>, once it has ended.</summary>
    public async Task<Activity> Request(string path)
    {
        var found = await Eventually.Get(() => Task.FromResult(Ended.FirstOrDefault(s => IsRequest(s, path))), s => s is not null, TimeSpan.FromSeconds(10));
        return Assert.IsType<Activity>(found);
    }

    /// <summary>
    /// The Activities that hang, at any depth, under <paramref name="request"/>'s span. By parent and not by trace id:
    /// the test's own HTTP client hands on whatever Activity is current in the test, so its requests may share a trace.
    /// </summary>
    public List<Activity> Beneath(Activity request)
    {
        var trace = Ended.Where(s => s.TraceId == request.TraceId).ToList();
        var under = new HashSet<ActivitySpanId> { request.SpanId };
        var found = new List<Activity>();
        for (var grew = true; grew;)
        {
            var next = trace.Where(s => !under.Contains(s.SpanId) && under.Contains(s.ParentSpanId)).ToList();
            found.AddRange(next);
            under.UnionWith(next.Select(s => s.SpanId));
            grew = next.Count > 0;
        }
        return found;
    }

    public static bool IsRequest(Activity span, string path) =>
        span.Kind == ActivityKind.Server && (span.GetTagItem("url.path") as string) == path;

    /// <summary>Whether any attribute of the span names the case (in either of the forms a GUID is written in).</summary>
    public static bool Names(Activity span, string caseId)
    {
        var compact = Guid.Parse(caseId).ToString("N");
        return span.TagObjects.Select(t => t.Value?.ToString() ?? "")
            .Any(v => v.Contains(caseId, StringComparison.OrdinalIgnoreCase) || v.Contains(compact, StringComparison.OrdinalIgnoreCase));
    }

    public void Dispose() => _listener.Dispose();
}
