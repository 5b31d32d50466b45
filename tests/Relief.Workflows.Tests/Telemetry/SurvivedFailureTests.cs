using System.Collections.Concurrent;
using System.Diagnostics;
using Relief.Workflows.Telemetry;

namespace Relief.Workflows.Tests.Telemetry;

/// <summary>
/// A failure a step survives is a span in error that the silo can keep: beneath a sampled trace it joins it; beneath
/// one not sampled (where a child would be dropped) it starts a trace of its own, linked to the request's.
/// </summary>
public sealed class SurvivedFailureTests : IDisposable
{
    // Matched by name: the listener may be asked about the source while the static field is still being set.
    private const string RequestSource = "Relief.Tests.Request";
    private static readonly ActivitySource Request = new(RequestSource);

    private readonly string _name = $"survived {Guid.NewGuid():N}";
    private readonly ConcurrentQueue<Activity> _ended = new();
    private readonly ActivityListener _listener;
    private ActivitySamplingResult _request;

    public SurvivedFailureTests()
    {
        // The request's span as the silo's sampler would leave it; the failure's span built with its data, as a root
        // the silo records would be. Any other span of the process is left alone.
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is RequestSource or ReliefTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> options) =>
                options.Source.Name == RequestSource ? _request : options.Name == _name ? ActivitySamplingResult.AllData : ActivitySamplingResult.None,
            ActivityStopped = activity =>
            {
                if (activity.OperationName == _name)
                {
                    _ended.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    [Fact]
    public void Beneath_a_trace_not_sampled_it_starts_its_own_trace_linked_to_the_request()
    {
        _request = ActivitySamplingResult.PropagationData;
        using var request = Request.StartActivity("request")!;

        ReliefTelemetry.SurvivedFailure(_name, "TimeoutException");

        var failure = Assert.Single(_ended);
        Assert.Equal(default, failure.ParentSpanId);
        Assert.NotEqual(request.TraceId, failure.TraceId);
        Assert.Equal(request.Context, Assert.Single(failure.Links).Context);
        Assert.Equal(ActivityStatusCode.Error, failure.Status);
        Assert.Equal("TimeoutException", failure.StatusDescription);
        Assert.Same(request, Activity.Current);
    }

    [Fact]
    public void Beneath_a_sampled_trace_it_is_a_span_of_that_trace()
    {
        _request = ActivitySamplingResult.AllDataAndRecorded;
        using var request = Request.StartActivity("request")!;

        ReliefTelemetry.SurvivedFailure(_name, "TimeoutException");

        var failure = Assert.Single(_ended);
        Assert.Equal(request.SpanId, failure.ParentSpanId);
        Assert.Equal(ActivityStatusCode.Error, failure.Status);
        Assert.Same(request, Activity.Current);
    }

    public void Dispose() => _listener.Dispose();
}
