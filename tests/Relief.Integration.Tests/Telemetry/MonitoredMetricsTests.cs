using Relief.Integration.Tests.Deploy;
using Relief.Integration.Tests.Infrastructure;

namespace Relief.Integration.Tests.Telemetry;

/// <summary>
/// What deploy/monitoring reads is what a running silo exports: every metric its alert rules and dashboard name, and
/// the figures read from the tables (queues by province, timer lag, open incidents) as the tables say.
/// </summary>
[Collection(MeasuredAlone.Name)]
public sealed class MonitoredMetricsTests(MonitoredNight night) : IClassFixture<MonitoredNight>
{
    // Series Prometheus makes itself, not the silo: the scrape's health of each target, and the alerts firing.
    private static readonly HashSet<string> FromPrometheus = ["up", "ALERTS"];

    // Tags the table gauges may carry: codes and ids only, never a name or an ID number.
    private static readonly HashSet<string> GaugeLabels = ["otel_scope_name", "relief_programme", "relief_level", "relief_province", "relief_shard"];

    [Fact]
    public async Task Every_metric_the_alert_rules_and_the_dashboard_read_is_one_the_silo_exports()
    {
        var exported = (await night.ScrapeSettled()).Select(s => s.Name).ToHashSet();

        var read = MonitoringFiles.AlertRules().SelectMany(rule => PromQlNames.Of(rule.Expr).Select(name => (Name: name, Where: $"alert {rule.Alert} ({rule.Severity})")))
            .Concat(MonitoringFiles.DashboardQueries().SelectMany(query => PromQlNames.Of(query.Expr).Select(name => (Name: name, Where: $"dashboard {query.Where}"))))
            .ToList();
        var missing = read.Where(r => !exported.Contains(r.Name) && !FromPrometheus.Contains(r.Name)).ToList();

        Assert.Contains(read, r => r.Name == "relief_queue_oldest_age_seconds"); // the names were found at all
        Assert.True(missing.Count == 0, "Read by deploy/monitoring but not exported by the silo:\n"
            + string.Join('\n', missing.Select(m => $"  {m.Name} in {m.Where}"))
            + "\nExported relief_* series: " + string.Join(", ", exported.Where(n => n.StartsWith("relief_", StringComparison.Ordinal)).Order(StringComparer.Ordinal)));
    }

    [Fact]
    public async Task Queues_by_province_timer_lag_and_open_incidents_are_exported_as_the_tables_say()
    {
        var samples = await night.ScrapeSettled();

        Assert.Equal(1, Value(samples, "relief_queue_depth", ("relief_programme", night.Paying), ("relief_level", "District"), ("relief_province", "CN-44")));
        Assert.Equal(1, Value(samples, "relief_queue_depth", ("relief_programme", night.Paying), ("relief_level", "District"), ("relief_province", "CN-32")));
        Assert.InRange(Value(samples, "relief_queue_oldest_age_seconds", ("relief_programme", night.Paying), ("relief_level", "District"), ("relief_province", "CN-32")),
            MonitoredNight.Passed.TotalSeconds, MonitoredNight.Passed.TotalSeconds + 1);
        Assert.Equal(0, Value(samples, "relief_cases_overdue", ("relief_programme", night.Paying), ("relief_level", "District"), ("relief_province", "CN-44")));

        var shard = MonitoredNight.LateShard.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(Value(samples, "relief_wakeups_due", ("relief_shard", shard)) >= 1);
        Assert.InRange(Value(samples, "relief_wakeups_oldest_lag_seconds", ("relief_shard", shard)),
            (MonitoredNight.Passed + MonitoredNight.LateBy).TotalSeconds, (MonitoredNight.Passed + MonitoredNight.LateBy).TotalSeconds + 1);
        Assert.Equal(8, samples.Count(s => s.Name == "relief_wakeups_oldest_lag_seconds")); // every shard, idle ones at zero
        Assert.True(samples.Where(s => s.Name == "relief_wakeups_at_once").Sum(s => s.Value) >= 1); // the incident's retry

        Assert.Equal(1, Value(samples, "relief_cases_with_open_incidents", ("relief_programme", night.Stuck), ("relief_province", "CN-44")));
        Assert.DoesNotContain(samples, s => s.Name == "relief_cases_with_open_incidents" && s.Labels.GetValueOrDefault("relief_programme") == night.Paying);

        string[] gauges = ["relief_queue_depth", "relief_queue_oldest_age_seconds", "relief_cases_overdue", "relief_wakeups_due",
            "relief_wakeups_oldest_lag_seconds", "relief_wakeups_at_once", "relief_cases_with_open_incidents"];
        Assert.All(samples.Where(s => gauges.Contains(s.Name)), s => Assert.Subset(GaugeLabels, s.Labels.Keys.ToHashSet()));
    }

    private static double Value(IReadOnlyList<ScrapedSample> samples, string name, params (string Key, string Value)[] labels) =>
        Assert.Single(samples, s => s.Name == name && labels.All(l => s.Labels.GetValueOrDefault(l.Key) == l.Value)).Value;
}
