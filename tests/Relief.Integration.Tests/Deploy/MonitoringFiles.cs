using System.Text.Json;
using YamlDotNet.RepresentationModel;

namespace Relief.Integration.Tests.Deploy;

/// <summary>The alert rules and the dashboard of deploy/monitoring, and the PromQL queries written in them.</summary>
internal static class MonitoringFiles
{
    public static string Folder => Path.Combine(DeployTool.RepositoryRoot(), "deploy", "monitoring");

    public static string Rules => Path.Combine(Folder, "relief-alerts.rules.yml");

    public static string Dashboard => Path.Combine(Folder, "relief-dashboard.json");

    /// <summary>The promtool unit tests of the rules: a bad night, a quiet one, outages.</summary>
    public static string RuleTests => Path.Combine(Folder, "tests");

    /// <summary>Every alerting rule (an alert of two severities is two rules).</summary>
    public static IReadOnlyList<AlertRule> AlertRules()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Rules)));
        var rules = new List<AlertRule>();
        foreach (var group in ((YamlSequenceNode)((YamlMappingNode)stream.Documents[0].RootNode)["groups"]).Cast<YamlMappingNode>())
        {
            foreach (var rule in ((YamlSequenceNode)group["rules"]).Cast<YamlMappingNode>())
            {
                rules.Add(new AlertRule(Text(rule, "alert"), Text(rule, "expr"), Text(rule["labels"], "severity"),
                    Text(rule["annotations"], "summary"), Text(rule["annotations"], "description")));
            }
        }
        return rules;
    }

    /// <summary>
    /// Every query of the dashboard: each panel's targets (rows' panels too), and each query variable's
    /// <c>label_values(…)</c>, as written, with where it is.
    /// </summary>
    public static IReadOnlyList<DashboardQuery> DashboardQueries()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(Dashboard));
        var queries = new List<DashboardQuery>();
        void Panels(JsonElement panels)
        {
            foreach (var panel in panels.EnumerateArray())
            {
                foreach (var target in panel.TryGetProperty("targets", out var targets) ? targets.EnumerateArray() : default)
                {
                    queries.Add(new DashboardQuery($"panel \"{panel.GetProperty("title").GetString()}\" {target.GetProperty("refId").GetString()}", target.GetProperty("expr").GetString()!));
                }
                if (panel.TryGetProperty("panels", out var inner))
                {
                    Panels(inner);
                }
            }
        }
        Panels(dashboard.RootElement.GetProperty("panels"));
        foreach (var variable in dashboard.RootElement.GetProperty("templating").GetProperty("list").EnumerateArray())
        {
            if (variable.GetProperty("type").GetString() == "query")
            {
                queries.Add(new DashboardQuery($"variable {variable.GetProperty("name").GetString()}", variable.GetProperty("query").GetProperty("query").GetString()!));
            }
        }
        return queries;
    }

    private static string Text(YamlNode node, string key) => ((YamlScalarNode)((YamlMappingNode)node)[key]).Value!;
}

internal sealed record AlertRule(string Alert, string Expr, string Severity, string Summary, string Description);

internal sealed record DashboardQuery(string Where, string Expr)
{
    /// <summary>
    /// The query as Prometheus would be sent it: Grafana's variables given values (every programme and province, a
    /// five-minute rate window), a variable's <c>label_values(selector, label)</c> as its selector.
    /// </summary>
    public string AsPromQl()
    {
        var query = Expr.Replace("$__rate_interval", "5m", StringComparison.Ordinal)
            .Replace("$programme", ".*", StringComparison.Ordinal).Replace("$province", ".*", StringComparison.Ordinal);
        var values = System.Text.RegularExpressions.Regex.Match(query, @"^label_values\((.*),\s*\w+\)$");
        return values.Success ? values.Groups[1].Value : query;
    }
}
