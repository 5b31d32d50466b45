using System.Diagnostics;
using System.Net;
using Relief.Integration.Tests.Api;
using Relief.Integration.Tests.Infrastructure;
using static Relief.Integration.Tests.Api.CaseScenario;

namespace Relief.Integration.Tests.Telemetry;

/// <summary>One connected trace from the HTTP decision through the grains to the storage writes.</summary>
[Collection(TracedAlone.Name)]
public sealed class TraceTests
{
    [Fact]
    public async Task A_decision_is_one_trace_from_the_request_through_the_case_and_the_units_quota_to_the_storage_writes()
    {
        var spans = new List<Activity>();
        // Every trace sampled, as in development; production samples at the root (RootSamplingTests).
        await using var host = await InProcessHost.Start(ExportedSpans.Into(spans), ["--Relief:Telemetry:SamplingRatio=1"]);
        var scenario = await CaseScenario.Publish(host, """{ "route": ["District", "City"] }""");
        var person = NewIdNumber();
        var caseId = await scenario.FileOk(NanshanBranch, Applicant(person));

        await scenario.Expect(HttpStatusCode.OK, await scenario.Decide(caseId, Nanshan, "approve"));

        var finished = await Eventually.Get(() => Task.FromResult(ExportedSpans.Snapshot(spans)),
            all => all.Any(s => s.Kind == ActivityKind.Server && (s.GetTagItem("url.path") as string) == $"/api/cases/{caseId}/decisions"),
            TimeSpan.FromSeconds(10));
        var request = finished.Single(s => s.Kind == ActivityKind.Server && (s.GetTagItem("url.path") as string) == $"/api/cases/{caseId}/decisions");
        var trace = finished.Where(s => s.TraceId == request.TraceId).ToList();
        var ids = trace.Select(s => s.SpanId).ToHashSet();

        var step = Assert.Single(trace, s => s.DisplayName == "case decide");
        Assert.Equal(scenario.ProgrammeId, step.GetTagItem("relief.programme"));
        Assert.Equal(caseId, step.GetTagItem("relief.case_id"));
        Assert.Equal(Nanshan, step.GetTagItem("relief.org_unit"));
        Assert.Equal("District", step.GetTagItem("relief.level"));
        Assert.Equal("decide", step.GetTagItem("relief.step"));
        Assert.Equal("approve", step.GetTagItem("relief.decision"));
        Assert.Contains(trace, s => s.Source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal) && s.DisplayName.Contains("Decide", StringComparison.Ordinal));
        Assert.Contains(trace, s => s.Source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal) && s.DisplayName.Contains("TryTake", StringComparison.Ordinal));
        Assert.Contains(trace, s => s.DisplayName == "storage write case");
        Assert.Contains(trace, s => s.DisplayName.StartsWith("storage write quota", StringComparison.Ordinal));
        // Connected: every span but the request's own hangs under another span of the same trace.
        Assert.All(trace.Where(s => s != request), s => Assert.Contains(s.ParentSpanId, ids));
        // Codes and ids only: no name, no ID number in any attribute.
        var values = trace.SelectMany(s => s.TagObjects).Select(t => t.Value?.ToString() ?? "").ToList();
        Assert.DoesNotContain(values, v => v.Contains(person, StringComparison.Ordinal) || v.Contains("张建明", StringComparison.Ordinal));
    }
}
