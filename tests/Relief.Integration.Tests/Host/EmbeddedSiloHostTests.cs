using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Relief.Integration.Tests.Infrastructure;

namespace Relief.Integration.Tests.Host;

/// <summary>The silo process in embedded mode, as `dotnet run --project src/Silo` starts it.</summary>
public sealed class EmbeddedSiloHostTests : IDisposable
{
    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), "relief-host-" + Guid.NewGuid().ToString("N")[..12]);

    private string DataFolderArg => $"--Relief:Storage:DataFolder={_dataFolder}";

    [Fact]
    public async Task A_fresh_silo_is_ready_and_serves_the_demo_hierarchy()
    {
        await using var silo = SiloProcess.Start(DataFolderArg);
        await silo.WaitUntilReady();

        var national = await silo.Http.GetFromJsonAsync<JsonElement>("/api/orgunits/CN");
        var shenzhen = await silo.Http.GetFromJsonAsync<JsonElement>("/api/orgunits/CN-44-03");

        Assert.Equal("National", national.GetProperty("level").GetString());
        Assert.Equal(JsonValueKind.Null, national.GetProperty("parent").ValueKind);
        var provinces = national.GetProperty("children").GetProperty("items").EnumerateArray()
            .Select(p => (p.GetProperty("code").GetString(), p.GetProperty("level").GetString())).ToList();
        Assert.Equal([("CN-32", "Provincial"), ("CN-44", "Provincial")], provinces);
        Assert.Equal("深圳市总工会", shenzhen.GetProperty("name").GetString());
        Assert.Equal("CN-44", shenzhen.GetProperty("parent").GetProperty("code").GetString());
        Assert.Equal(2, shenzhen.GetProperty("children").GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Unknown_and_malformed_codes_get_problem_details()
    {
        await using var silo = SiloProcess.Start(DataFolderArg);
        await silo.WaitUntilReady();

        using var unknown = await silo.Http.GetAsync("/api/orgunits/CN-99");
        using var malformed = await silo.Http.GetAsync("/api/orgunits/CN-4403?childrenLimit=0");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        var notFound = await unknown.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("CN-99", notFound.GetProperty("detail").GetString(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("application/problem+json", malformed.Content.Headers.ContentType?.MediaType);
        var errors = (await malformed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains("not an org code", errors.GetProperty("code")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("between 1 and", errors.GetProperty("childrenLimit")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Org_units_survive_a_killed_silo_and_the_demo_is_loaded_only_once()
    {
        await using (var first = SiloProcess.Start(DataFolderArg))
        {
            await first.WaitUntilReady();
            Assert.Contains("Loaded the demo hierarchy: 47 org units", first.Output, StringComparison.Ordinal);
            await first.Kill();
        }

        await using var second = SiloProcess.Start(DataFolderArg);
        await second.WaitUntilReady();
        var branch = await second.Http.GetFromJsonAsync<JsonElement>("/api/orgunits/CN-32-05-06-0004");

        Assert.Equal("吴中区电子制造业联合工会", branch.GetProperty("name").GetString());
        Assert.Equal("Branch", branch.GetProperty("level").GetString());
        Assert.DoesNotContain("Loaded the demo hierarchy", second.Output, StringComparison.Ordinal);
        Assert.Equal(0, await second.Stop());
    }

    [Fact]
    public async Task Import_orgs_refuses_a_bad_file_whole_and_loads_a_good_one()
    {
        var bad = WriteFile("bad.csv", "code,name,parent_code\nCN,中华全国总工会,\nCN-44,广东省总工会,CN\nCN-44-03,深圳市总工会,CN-45\nCN-44-01,,CN-44\n");
        var good = WriteFile("good.csv", "code,name,parent_code\nCN,中华全国总工会,\nCN-11,北京市总工会,CN\nCN-11-01,北京市市辖区总工会,CN-11\n" +
                                         "CN-11-01-01,北京市东城区总工会,CN-11-01\nCN-11-01-01-0001,东城区环卫中心工会,CN-11-01-01\n");

        var (badExit, badOutput) = await SiloProcess.RunToEnd("import-orgs", bad, DataFolderArg);
        var (goodExit, goodOutput) = await SiloProcess.RunToEnd("import-orgs", good, DataFolderArg);
        var (againExit, againOutput) = await SiloProcess.RunToEnd("import-orgs", good, DataFolderArg);

        Assert.Equal(1, badExit);
        Assert.Contains("line 4: CN-44-03 cannot sit under CN-45", badOutput, StringComparison.Ordinal);
        Assert.Contains("line 5: CN-44-01: the name is empty", badOutput, StringComparison.Ordinal);
        Assert.Equal(0, goodExit);
        Assert.Contains("import-orgs: 5 added, 0 renamed, 0 unchanged", goodOutput, StringComparison.Ordinal);
        Assert.Equal(0, againExit);
        Assert.Contains("import-orgs: 0 added, 0 renamed, 5 unchanged", againOutput, StringComparison.Ordinal);

        // The imported hierarchy is the one served: the bad file left no trace and the demo is not loaded over it.
        await using var silo = SiloProcess.Start(DataFolderArg);
        await silo.WaitUntilReady();
        var national = await silo.Http.GetFromJsonAsync<JsonElement>("/api/orgunits/CN");
        Assert.Equal(["CN-11"], national.GetProperty("children").GetProperty("items").EnumerateArray().Select(c => c.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task A_second_process_on_the_same_data_folder_is_refused_while_the_silo_serves()
    {
        await using var silo = SiloProcess.Start(DataFolderArg);
        await silo.WaitUntilReady();
        var file = WriteFile("more.csv", "CN-44-03-05-0005,南山区外卖骑手联合工会,CN-44-03-05\n");

        var (exitCode, output) = await SiloProcess.RunToEnd("import-orgs", file, DataFolderArg);
        var district = await silo.Http.GetFromJsonAsync<JsonElement>("/api/orgunits/CN-44-03-05");

        Assert.Equal(1, exitCode);
        Assert.Contains("is in use by another Relief process", output, StringComparison.Ordinal);
        Assert.Equal(4, district.GetProperty("children").GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Migrate_only_applies_the_schema_once_and_exits()
    {
        var (firstExit, firstOutput) = await SiloProcess.RunToEnd("--migrate-only", DataFolderArg);
        var (secondExit, secondOutput) = await SiloProcess.RunToEnd("--migrate-only", DataFolderArg);

        Assert.Equal(0, firstExit);
        Assert.Contains("Applying schema script 0001", firstOutput, StringComparison.Ordinal);
        Assert.Contains("Applying schema script 0002", firstOutput, StringComparison.Ordinal);
        Assert.Equal(0, secondExit);
        Assert.Contains("0 scripts applied now", secondOutput, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_dataFolder, "relief.db")));
    }

    [Theory]
    [InlineData("--Relief:Storage:Mode=Cassandra", "Relief:Storage:Mode")]
    [InlineData("--Relief:Storage:Mode=PostgreSql", "Relief:Storage:ConnectionString")]
    [InlineData("--Relief:Cluster:SiloPort=http", "Relief:Cluster:SiloPort")]
    [InlineData("--Relief:DemoHierarchy=sometimes", "Relief:DemoHierarchy")]
    [InlineData("--Relief:Telemetry:SamplingRatio=1.5", "Relief:Telemetry:SamplingRatio")]
    [InlineData("--Relief:Telemetry:SlowRequest=soon", "Relief:Telemetry:SlowRequest")]
    [InlineData("--Relief:Telemetry:SlowRequest=00:00:00", "Relief:Telemetry:SlowRequest")]
    public async Task A_configuration_error_stops_the_silo_at_once_naming_the_setting(string setting, string named)
    {
        var (exitCode, output) = await SiloProcess.RunToEnd(setting, DataFolderArg);

        Assert.Equal(2, exitCode);
        Assert.Contains($"Configuration error in '{named}'", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_connection_string_stops_the_silo_naming_the_setting()
    {
        var (exitCode, output) = await SiloProcess.RunToEnd(
            "--Relief:Storage:Mode=PostgreSql", "--Relief:Storage:ConnectionString=Host=db;Port=notaport", DataFolderArg);

        Assert.Equal(2, exitCode);
        Assert.Contains("Configuration error in 'Relief:Storage:ConnectionString': the connection string is malformed", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Postgres_mode_without_the_id_hashing_key_stops_naming_the_setting()
    {
        var (exitCode, output) = await SiloProcess.RunToEnd(
            "--Relief:Storage:Mode=PostgreSql", "--Relief:Storage:ConnectionString=Host=127.0.0.1;Database=relief", DataFolderArg);

        Assert.Equal(2, exitCode);
        Assert.Contains("Configuration error in 'Relief:Privacy:IdentityKey'", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_silo_that_cannot_reach_postgres_keeps_retrying_and_stays_not_ready()
    {
        var closedPort = SiloProcess.FreePort();
        await using var silo = SiloProcess.Start(
            "--Relief:Storage:Mode=PostgreSql",
            $"--Relief:Storage:ConnectionString=Host=127.0.0.1;Port={closedPort};Username=relief;Database=relief;Timeout=2",
            $"--Relief:Privacy:IdentityKey={TestStorage.IdentityKey}");

        var output = await Eventually.Get(() => Task.FromResult(silo.Output),
            text => text.Contains("(attempt 3)", StringComparison.Ordinal), TimeSpan.FromSeconds(45));
        using var ready = await silo.Http.GetAsync("/health/ready");
        using var live = await silo.Http.GetAsync("/health/live");

        Assert.False(silo.HasExited, output);
        Assert.Contains($"Cannot reach PostgreSQL 127.0.0.1:{closedPort}/relief (attempt 3)", output, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("waiting for the database", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    private string WriteFile(string name, string content)
    {
        Directory.CreateDirectory(_dataFolder);
        var path = Path.Combine(_dataFolder, name);
        File.WriteAllText(path, content);
        return path;
    }

    public void Dispose()
    {
        if (Directory.Exists(_dataFolder))
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
    }
}
