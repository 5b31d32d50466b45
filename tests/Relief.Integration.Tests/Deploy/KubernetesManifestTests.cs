using YamlDotNet.RepresentationModel;

namespace Relief.Integration.Tests.Deploy;

/// <summary>Both overlays render with kubectl's kustomize, and the rendered objects hold what operating the peak needs.</summary>
public sealed class KubernetesManifestTests
{
    [SkippableTheory]
    [InlineData("dev", 1)]
    [InlineData("prod", 3)]
    public async Task The_overlay_renders_and_runs_the_silos_as_the_issue_asks(string overlay, int replicas)
    {
        var objects = await Render(overlay);

        var deployment = One(objects, "Deployment", "relief-silo");
        var spec = deployment["spec"];
        Assert.Equal(replicas.ToString(System.Globalization.CultureInfo.InvariantCulture), Scalar(spec, "replicas"));
        var pod = spec["template"]["spec"];
        Assert.Equal("relief-silo", Scalar(pod, "serviceAccountName"));
        var labels = (YamlMappingNode)spec["template"]["metadata"]["labels"];
        Assert.Equal("relief", Scalar(labels, "orleans/serviceId"));
        Assert.Equal("relief", Scalar(labels, "orleans/clusterId"));
        var silo = ((YamlSequenceNode)pod["containers"]).Cast<YamlMappingNode>().Single(c => Scalar(c, "name") == "silo");
        Assert.Equal("/health/ready", Scalar(silo["readinessProbe"]["httpGet"], "path"));
        Assert.Equal("/health/live", Scalar(silo["livenessProbe"]["httpGet"], "path"));
        foreach (var kind in new[] { "requests", "limits" })
        {
            Assert.NotNull(Scalar(silo["resources"][kind], "cpu"));
            Assert.NotNull(Scalar(silo["resources"][kind], "memory"));
        }
        var env = ((YamlSequenceNode)silo["env"]).Cast<YamlMappingNode>().ToDictionary(e => Scalar(e, "name")!);
        Assert.Equal("relief-db", Scalar(env["Relief__Storage__ConnectionString"]["valueFrom"]["secretKeyRef"], "name"));
        Assert.Contains("POD_IP", env.Keys);
        Assert.Equal("relief-config", Scalar(((YamlSequenceNode)silo["envFrom"])[0]["configMapRef"], "name"));
        var init = ((YamlSequenceNode)pod["initContainers"]).Cast<YamlMappingNode>().Single();
        Assert.Equal("--migrate-only", ((YamlSequenceNode)init["args"])[0].ToString());

        var job = One(objects, "Job", "relief-migrate");
        Assert.Equal("--migrate-only", ((YamlSequenceNode)((YamlSequenceNode)job["spec"]["template"]["spec"]["containers"])[0]["args"])[0].ToString());
        var role = One(objects, "Role", "relief-silo");
        var rule = ((YamlSequenceNode)role["rules"]).Cast<YamlMappingNode>().Single();
        Assert.Equal(["pods"], ((YamlSequenceNode)rule["resources"]).Select(n => n.ToString()));
        Assert.Superset(new HashSet<string> { "get", "watch", "list", "delete" }, ((YamlSequenceNode)rule["verbs"]).Select(n => n.ToString()).ToHashSet());
        Assert.Equal("relief-silo", Scalar(((YamlSequenceNode)One(objects, "RoleBinding", "relief-silo")["subjects"])[0], "name"));
        Assert.Equal("relief-silo", Scalar(One(objects, "PodDisruptionBudget", "relief-silo")["spec"]["selector"]["matchLabels"], "app.kubernetes.io/name"));
        Assert.Equal("relief-silo", Scalar(One(objects, "Service", "relief-http")["spec"]["selector"], "app.kubernetes.io/name"));
        var config = One(objects, "ConfigMap", "relief-config");
        Assert.Equal("PostgreSql", Scalar(config["data"], "Relief__Storage__Mode"));
        Assert.Equal("true", Scalar(config["data"], "Relief__Cluster__Kubernetes"));
        Assert.NotNull(Scalar(config["data"], "Relief__Telemetry__OtlpEndpoint"));

        var devOnly = new[] { ("StatefulSet", "relief-postgres"), ("Deployment", "relief-otel-collector"), ("Deployment", "relief-jaeger") };
        foreach (var (kind, name) in devOnly)
        {
            Assert.Equal(overlay == "dev", objects.Any(o => Kind(o) == kind && Name(o) == name));
        }
        // Production keeps its secrets out of the repository: only references to them.
        Assert.Equal(overlay == "dev", objects.Any(o => Kind(o) == "Secret"));
    }

    [SkippableTheory]
    [InlineData("dev")]
    [InlineData("prod")]
    public async Task The_overlay_carries_the_alert_rules_and_the_dashboard_that_the_promtool_tests_check(string overlay)
    {
        var objects = await Render(overlay);

        // The files themselves, byte for byte: what Prometheus and Grafana load is what the tests checked.
        var rules = One(objects, "ConfigMap", "relief-prometheus-rules");
        Assert.Equal(await File.ReadAllTextAsync(MonitoringFiles.Rules), Scalar(rules["data"], "relief-alerts.rules.yml"));
        Assert.Null(Scalar(rules["metadata"]["labels"], "grafana_dashboard"));
        var dashboard = One(objects, "ConfigMap", "relief-grafana-dashboard");
        Assert.Equal(await File.ReadAllTextAsync(MonitoringFiles.Dashboard), Scalar(dashboard["data"], "relief-dashboard.json"));
        Assert.Equal("1", Scalar(dashboard["metadata"]["labels"], "grafana_dashboard"));
    }

    private static async Task<List<YamlMappingNode>> Render(string overlay)
    {
        var kubectl = DeployTool.Find("kubectl", "kubernetes-client");
        var run = await DeployTool.Run(kubectl, DeployTool.RepositoryRoot(), "kustomize", Path.Combine(DeployTool.RepositoryRoot(), "deploy", "k8s", "overlays", overlay));
        Assert.True(run.ExitCode == 0, $"kubectl kustomize {overlay} failed: {run.Errors}");
        var stream = new YamlStream();
        stream.Load(new StringReader(run.Output));
        return stream.Documents.Select(d => d.RootNode).OfType<YamlMappingNode>().ToList();
    }

    private static YamlMappingNode One(List<YamlMappingNode> objects, string kind, string name) =>
        Assert.Single(objects, o => Kind(o) == kind && Name(o) == name);

    private static string? Kind(YamlMappingNode node) => Scalar(node, "kind");

    private static string? Name(YamlMappingNode node) => Scalar(node["metadata"], "name");

    private static string? Scalar(YamlNode node, string key) =>
        node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? (value as YamlScalarNode)?.Value : null;
}
