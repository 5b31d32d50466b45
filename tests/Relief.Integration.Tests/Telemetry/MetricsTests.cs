using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using Relief.Integration.Tests.Api;
using Relief.Integration.Tests.Infrastructure;
using Relief.Silo.Telemetry;
using static Relief.Integration.Tests.Api.CaseScenario;

namespace Relief.Integration.Tests.Telemetry;

/// <summary>After a scripted set of filings, decisions, a notice, an objection and payments, the meters say so.</summary>
public sealed class MetricsTests
{
    [Fact]
    public async Task Filings_decisions_notices_objections_money_and_queues_are_measured_with_the_right_values()
    {
        var exported = new List<MetricSnapshot>();
        await using var host = await InProcessHost.Start(services =>
        {
            services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInMemoryExporter(exported));
            services.Configure<TableGaugeOptions>(options => options.Refresh = TimeSpan.FromMilliseconds(500));
        });
        var scenario = await CaseScenario.Publish(host, """{ "route": ["District"], "notice": { "level": "District", "days": 5 } }""");
        var cases = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            cases.Add(await scenario.FileOk(NanshanBranch, Applicant(NewIdNumber())));
        }
        foreach (var id in cases.Take(3))
        {
            await scenario.Expect(HttpStatusCode.OK, await scenario.Decide(id, Nanshan, "approve"));
        }
        await scenario.Expect(HttpStatusCode.OK, await scenario.Decide(cases[3], Nanshan, "reject", "不符合条件"));
        using var published = await host.Send($"approver-{Nanshan}", Nanshan, HttpMethod.Post, $"/api/programmes/{scenario.ProgrammeId}/orgunits/{Nanshan}/notices/publish");
        var listId = (await published.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("listId").GetString();
        using var objection = await host.Http.PostAsJsonAsync($"/api/public/notices/{listId}/objections", new { line = 1, reason = "有房有车", channel = "Hotline" });
        Assert.Equal(HttpStatusCode.Created, objection.StatusCode);
        var suspended = cases[0];
        var openBeforeClosing = await Measured(host, exported, "relief.notice_lists.open", scenario);
        host.Clock.Advance(TimeSpan.FromDays(12));
        await Eventually.Get(() => Status(host, cases[1]), s => s == "Payable", TimeSpan.FromSeconds(30));
        foreach (var id in cases.Skip(1).Take(2))
        {
            await scenario.Expect(HttpStatusCode.OK, await host.Send($"finance-{NanshanBranch}", NanshanBranch, HttpMethod.Post, $"/api/cases/{id}/payment", new { method = "Cash", reference = id[..8] }));
        }
        using var refused = await host.Send($"finance-{NanshanBranch}", NanshanBranch, HttpMethod.Post, $"/api/cases/{suspended}/payment", new { method = "Cash", reference = "x" });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // a queue-gauge refresh

        Assert.Equal(1, openBeforeClosing);
        Assert.Equal(5, await Measured(host, exported, "relief.cases.filed", scenario));
        Assert.Equal(3, await Measured(host, exported, "relief.decisions", scenario, ("relief.level", "District"), ("relief.decision", "approve")));
        Assert.Equal(1, await Measured(host, exported, "relief.decisions", scenario, ("relief.level", "District"), ("relief.decision", "reject")));
        Assert.Equal(3 * 150_000, await Measured(host, exported, "relief.money.reserved", scenario, ("source", "NationalAllocation")));
        Assert.Equal(2 * 150_000, await Measured(host, exported, "relief.money.paid", scenario, ("source", "NationalAllocation")));
        Assert.Equal(1, await Measured(host, exported, "relief.payments.failed", scenario, ("reason", "not-payable")));
        Assert.Equal(0, await Measured(host, exported, "relief.notice_lists.open", scenario));
        Assert.Equal(1, await Measured(host, exported, "relief.objections.open", scenario));
        Assert.Equal(1, await Measured(host, exported, "relief.queue.depth", scenario, ("relief.level", "District")));
        Assert.True(await Measured(host, exported, "relief.queue.oldest_age", scenario, ("relief.level", "District")) > 0);
        Assert.Contains(exported, m => m.Name == "relief.storage.duration");
        Assert.Contains(exported, m => m.MeterName == "Microsoft.Orleans");
        var scraped = await host.Http.GetStringAsync("/metrics");
        Assert.Contains("relief_cases_filed", scraped, StringComparison.Ordinal);
    }

    private static async Task<string> Status(InProcessHost host, string caseId) =>
        (await host.Http.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}")).GetProperty("status").GetString()!;

    /// <summary>The latest value of a metric for this programme (and the given tags), after a flush.</summary>
    private static Task<double> Measured(InProcessHost host, List<MetricSnapshot> exported, string name, CaseScenario scenario, params (string Key, string Value)[] tags)
    {
        host.Services.GetRequiredService<MeterProvider>().ForceFlush();
        var latest = exported.Last(m => m.Name == name);
        var total = 0.0;
        foreach (var point in latest.MetricPoints)
        {
            var pointTags = new Dictionary<string, string?>();
            foreach (var tag in point.Tags)
            {
                pointTags[tag.Key] = tag.Value?.ToString();
            }
            if (pointTags.GetValueOrDefault("relief.programme") != scenario.ProgrammeId || tags.Any(t => pointTags.GetValueOrDefault(t.Key) != t.Value))
            {
                continue;
            }
            total += latest.MetricType switch
            {
                MetricType.LongSum or MetricType.LongSumNonMonotonic => point.GetSumLong(),
                MetricType.LongGauge => point.GetGaugeLastValueLong(),
                MetricType.DoubleGauge => point.GetGaugeLastValueDouble(),
                _ => point.GetSumDouble(),
            };
        }
        return Task.FromResult(total);
    }
}
