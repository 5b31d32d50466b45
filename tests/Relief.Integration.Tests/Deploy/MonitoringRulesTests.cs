namespace Relief.Integration.Tests.Deploy;

/// <summary>
/// The alert rules and the dashboard of deploy/monitoring checked by Prometheus' own promtool: the rules load, a bad
/// night replayed through them fires what it should when it should and a quiet night nothing (tests/*.test.yml), and
/// every dashboard query is PromQL that Prometheus accepts.
/// </summary>
public sealed class MonitoringRulesTests
{
    private static readonly HashSet<string> Severities = ["critical", "warning"];

    [SkippableFact]
    public async Task The_alert_rules_load_in_Prometheus()
    {
        var run = await DeployTool.Run(Promtool(), MonitoringFiles.Folder, "check", "rules", MonitoringFiles.Rules);

        Assert.True(run.ExitCode == 0, $"promtool check rules: {run}");
    }

    [SkippableFact]
    public async Task A_bad_night_fires_the_alerts_it_should_when_it_should_and_a_quiet_night_none()
    {
        var tests = Directory.GetFiles(MonitoringFiles.RuleTests, "*.test.yml").Order(StringComparer.Ordinal).ToArray();
        Assert.Contains(tests, t => t.EndsWith("bad-night.test.yml", StringComparison.Ordinal));
        Assert.Contains(tests, t => t.EndsWith("quiet-night.test.yml", StringComparison.Ordinal));

        var run = await DeployTool.Run(Promtool(), MonitoringFiles.RuleTests, ["test", "rules", .. tests]);

        Assert.True(run.ExitCode == 0, $"promtool test rules: {run}");
    }

    [SkippableFact]
    public async Task Every_dashboard_query_is_PromQL_that_Prometheus_accepts()
    {
        // promtool parses queries only inside rules: each query becomes a recording rule of a scratch file.
        var queries = MonitoringFiles.DashboardQueries();
        var file = Path.Combine(Path.GetTempPath(), $"relief-dashboard-queries-{Guid.NewGuid():N}.yml");
        var rules = queries.Select((q, i) => $"      - record: dashboard:query_{i}\n        expr: '{q.AsPromQl().Replace("'", "''", StringComparison.Ordinal)}'");
        await File.WriteAllTextAsync(file, "groups:\n  - name: dashboard\n    rules:\n" + string.Join('\n', rules) + "\n");
        try
        {
            var run = await DeployTool.Run(Promtool(), Path.GetTempPath(), "check", "rules", file);

            Assert.True(run.ExitCode == 0, $"promtool check rules on the dashboard's queries:\n{string.Join('\n', queries.Select((q, i) => $"query_{i}: {q.Where}"))}\n{run}");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Every_alert_has_a_severity_a_summary_and_a_description_for_the_engineer_on_call()
    {
        var rules = MonitoringFiles.AlertRules();

        Assert.NotEmpty(rules);
        Assert.All(rules, rule =>
        {
            Assert.StartsWith("Relief", rule.Alert, StringComparison.Ordinal);
            Assert.Contains(rule.Severity, Severities);
            Assert.False(string.IsNullOrWhiteSpace(rule.Summary), $"{rule.Alert} has no summary");
            Assert.True(rule.Description.Length > 120, $"{rule.Alert}'s description does not say what it means and what to look at first");
        });
        // Two rules of one alert are its severities, not copies.
        Assert.All(rules.GroupBy(r => r.Alert), alert => Assert.Equal(alert.Count(), alert.Select(r => r.Severity).Distinct().Count()));
    }

    private static string Promtool() => DeployTool.Find("promtool", "prometheus");
}
