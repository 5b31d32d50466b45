using System.Diagnostics;
using System.Net;
using Relief.Integration.Tests.Api;
using Relief.Integration.Tests.Infrastructure;
using static Relief.Integration.Tests.Api.CaseScenario;

namespace Relief.Integration.Tests.Telemetry;

/// <summary>
/// The tail decision (ADR 25): a request the ratio did not choose is still exported when it failed or was slow — its
/// own span alone (nothing beneath it was built), saying why it was kept.
/// </summary>
[Collection(TracedAlone.Name)]
public sealed class KeptRootTests
{
    [Fact]
    public async Task At_ratio_0_a_decision_that_faults_in_the_grain_is_exported_alone_and_marked_as_an_error()
    {
        var spans = new List<Activity>();
        await using var host = await InProcessHost.Start(ExportedSpans.Into(spans), ["--Relief:Telemetry:SamplingRatio=0", "--Relief:Telemetry:SlowRequest=00:10:00"]);
        var scenario = await Publish(host, """{ "route": ["District", "City"] }""");
        var person = NewIdNumber();
        var caseId = await scenario.FileOk(NanshanBranch, Applicant(person));
        // The queue store refuses deletions, as a database in trouble might: the case cannot leave the district's inbox.
        await host.Sql("CREATE TRIGGER refuse_queue_delete BEFORE DELETE ON relief_inbox BEGIN SELECT RAISE(ABORT, 'queue store unavailable'); END;");

        using (var failed = await scenario.Decide(caseId, Nanshan, "approve"))
        {
            Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        }

        var kept = await KeptAlone(spans, $"/api/cases/{caseId}/decisions");
        Assert.Equal("error", kept.GetTagItem("relief.kept"));
        Assert.Equal(ActivityStatusCode.Error, kept.Status);
        Assert.Equal(500, kept.GetTagItem("http.response.status_code"));
        Assert.DoesNotContain(kept.TagObjects, t => (t.Value?.ToString() ?? "").Contains(person, StringComparison.Ordinal));
    }

    [Fact]
    public async Task At_ratio_0_a_request_slower_than_the_threshold_is_exported_alone_and_marked_as_slow_whatever_its_caller_asked()
    {
        var spans = new List<Activity>();
        await using var host = await InProcessHost.Start(ExportedSpans.Into(spans), ["--Relief:Telemetry:SamplingRatio=0", "--Relief:Telemetry:SlowRequest=00:00:00.001"]);
        var scenario = await Publish(host, """{ "route": ["District", "City"] }""");
        var caseId = await scenario.FileOk(NanshanBranch, Applicant(NewIdNumber()));
        // A caller that says "sampled" (-01) decides nothing here: the request is a root of Relief's, in the caller's trace.
        var caller = ActivityContext.Parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", null);
        using var decide = EmbeddedSiloFixture.As($"approver-{Nanshan}", Nanshan, HttpMethod.Post, $"/api/cases/{caseId}/decisions", new { decision = "approve" });
        decide.Headers.Add("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");

        await scenario.Expect(HttpStatusCode.OK, await host.Http.SendAsync(decide));

        var kept = await KeptAlone(spans, $"/api/cases/{caseId}/decisions");
        Assert.Equal("slow", kept.GetTagItem("relief.kept"));
        Assert.NotEqual(ActivityStatusCode.Error, kept.Status);
        Assert.True(kept.Duration >= TimeSpan.FromMilliseconds(1));
        Assert.Equal(caller.TraceId, kept.TraceId);
        Assert.Equal(caller.SpanId, kept.ParentSpanId);
    }

    /// <summary>The request's span, once exported, asserted to be the only span of its trace that was.</summary>
    private static async Task<Activity> KeptAlone(List<Activity> spans, string path)
    {
        var exported = await Eventually.Get(() => Task.FromResult(ExportedSpans.Snapshot(spans)),
            all => all.Any(s => SpanCensus.IsRequest(s, path)), TimeSpan.FromSeconds(10));
        var request = Assert.Single(exported, s => SpanCensus.IsRequest(s, path));
        Assert.Equal([request], exported.Where(s => s.TraceId == request.TraceId));
        Assert.True(request.Recorded);
        return request;
    }
}
