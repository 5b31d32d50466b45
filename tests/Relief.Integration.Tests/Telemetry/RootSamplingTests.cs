using System.Diagnostics;
using System.Net;
using Relief.Integration.Tests.Api;
using Relief.Integration.Tests.Infrastructure;
using Relief.Silo.Configuration;
using Relief.Workflows.Telemetry;
using static Relief.Integration.Tests.Api.CaseScenario;

namespace Relief.Integration.Tests.Telemetry;

/// <summary>
/// Tracing decided at the root (ADR 25), on PostgreSQL so that Npgsql's commands are there to be traced: a request the
/// ratio did not choose builds no span beneath its own and exports none; one it chose is exported whole.
/// </summary>
[Collection(TracedAlone.Name)]
public sealed class RootSamplingTests
{
    // Far above anything a decision takes here, so the request is a fast one and no tail decision keeps it.
    private const string NeverSlow = "--Relief:Telemetry:SlowRequest=00:10:00";

    [SkippableFact]
    public async Task At_ratio_0_a_fast_decision_exports_no_span_and_builds_none_for_its_grain_calls_storage_or_database()
    {
        await using var storage = await TestStorage.Create(StorageMode.PostgreSql);
        var spans = new List<Activity>();
        await using var host = await InProcessHost.StartOnPostgres(storage, ExportedSpans.Into(spans), ["--Relief:Telemetry:SamplingRatio=0", NeverSlow]);
        var scenario = await Publish(host, """{ "route": ["District", "City"] }""");
        var caseId = await scenario.FileOk(NanshanBranch, Applicant(NewIdNumber()));
        using var census = new SpanCensus();

        await scenario.Expect(HttpStatusCode.OK, await scenario.Decide(caseId, Nanshan, "approve"));

        var request = await census.Request($"/api/cases/{caseId}/decisions");
        var beneath = census.Beneath(request);
        Assert.Equal(Shenzhen, (await scenario.Case(caseId)).GetProperty("waitingAt").GetString()); // it did decide, and wrote
        Assert.False(request.Recorded);
        // Nothing of Npgsql or Relief, no outgoing grain call: none of them was built at all.
        Assert.DoesNotContain(beneath, s => s.Source.Name is "Npgsql" or ReliefTelemetry.Name);
        Assert.DoesNotContain(beneath, s => s.Kind == ActivityKind.Client);
        // What is left is Orleans' entry into each called grain, propagation only (no attributes recorded, never exported):
        // it carries the trace id into the grain turn for the logs and the case journal.
        Assert.Contains(beneath, s => s.DisplayName.Contains("Decide", StringComparison.Ordinal));
        Assert.All(beneath, s =>
        {
            Assert.StartsWith("Microsoft.Orleans", s.Source.Name, StringComparison.Ordinal);
            Assert.Equal(ActivityKind.Server, s.Kind);
            Assert.False(s.IsAllDataRequested);
            Assert.False(s.Recorded);
        });
        // No grain call of the request escaped into a trace of its own, to be sampled anew.
        Assert.DoesNotContain(census.Ended.Except(beneath), s => s.Source.Name != "Microsoft.AspNetCore" && s.IsAllDataRequested && SpanCensus.Names(s, caseId));
        Assert.DoesNotContain(ExportedSpans.Snapshot(spans), s => s.TraceId == request.TraceId || SpanCensus.Names(s, caseId));
    }

    [SkippableFact]
    public async Task At_ratio_1_a_decision_is_exported_whole_from_the_request_through_the_grains_and_storage_to_the_database()
    {
        await using var storage = await TestStorage.Create(StorageMode.PostgreSql);
        var spans = new List<Activity>();
        await using var host = await InProcessHost.StartOnPostgres(storage, ExportedSpans.Into(spans), ["--Relief:Telemetry:SamplingRatio=1", NeverSlow]);
        var scenario = await Publish(host, """{ "route": ["District", "City"] }""");
        var caseId = await scenario.FileOk(NanshanBranch, Applicant(NewIdNumber()));
        using var census = new SpanCensus();

        await scenario.Expect(HttpStatusCode.OK, await scenario.Decide(caseId, Nanshan, "approve"));

        var request = await census.Request($"/api/cases/{caseId}/decisions");
        var built = census.Beneath(request);
        // Each span is exported as it ends, before the census hears of it: what the census saw is exported by now.
        var exported = (await Eventually.Get(() => Task.FromResult(ExportedSpans.Snapshot(spans)), all => all.Contains(request), TimeSpan.FromSeconds(10)))
            .Where(s => s == request || built.Contains(s)).ToList();
        var ids = exported.Select(s => s.SpanId).ToHashSet();
        Assert.Contains(request, exported);
        Assert.Contains(exported, s => s.Source.Name == "Microsoft.Orleans.Application" && s.Kind == ActivityKind.Client && s.DisplayName.Contains("Decide", StringComparison.Ordinal));
        Assert.Contains(exported, s => s.Source.Name == "Microsoft.Orleans.Application" && s.Kind == ActivityKind.Server && s.DisplayName.Contains("TryTake", StringComparison.Ordinal));
        Assert.Contains(exported, s => s.DisplayName == "case decide");
        Assert.Contains(exported, s => s.DisplayName == "storage write case");
        Assert.Contains(exported, s => s.Source.Name == "Npgsql");
        // Every span built under the request is exported, connected, and none is marked as kept by the tail.
        Assert.Equal(built.Count + 1, exported.Count);
        Assert.All(exported.Where(s => s != request), s => Assert.Contains(s.ParentSpanId, ids));
        Assert.All(exported, s => Assert.Null(s.GetTagItem("relief.kept")));
    }
}
