using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Relief.Integration.Tests.Infrastructure;
using Relief.Silo.Configuration;
using Relief.Silo.Storage;

namespace Relief.Integration.Tests.Host;

/// <summary>The silo process in PostgreSQL mode: the deployment job, the import command and a restart.</summary>
public sealed class PostgresSiloHostTests
{
    [SkippableFact]
    public async Task Migrate_import_serve_and_restart_keep_every_org_unit()
    {
        await using var storage = await TestStorage.Create(StorageMode.PostgreSql);
        // A restarted silo comes back on the same address and port, as a deployment's silo does; Orleans then
        // retires the killed generation at once instead of waiting for the membership to vote it dead.
        string[] settings =
        [
            "--Relief:Storage:Mode=PostgreSql",
            $"--Relief:Storage:ConnectionString={storage.Settings.ConnectionString}",
            $"--Relief:Privacy:IdentityKey={TestStorage.IdentityKey}",
            $"--Relief:Cluster:SiloPort={SiloProcess.FreePort()}",
            $"--Relief:Cluster:GatewayPort={SiloProcess.FreePort()}",
        ];
        var file = Path.Combine(Path.GetTempPath(), $"relief-orgs-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, "code,name,parent_code\nCN,中华全国总工会,\nCN-44,广东省总工会,CN\nCN-44-03,深圳市总工会,CN-44\n" +
            "CN-44-03-05,深圳市南山区总工会,CN-44-03\nCN-44-03-05-0001,南山区环卫工会,CN-44-03-05\n");
        try
        {
            var (migrateExit, migrateOutput) = await SiloProcess.RunToEnd(["--migrate-only", .. settings]);
            var (importExit, importOutput) = await SiloProcess.RunToEnd(["import-orgs", file, .. settings]);

            Assert.Equal(0, migrateExit);
            Assert.Contains("Applying schema script 0001", migrateOutput, StringComparison.Ordinal);
            Assert.Equal(SchemaScript.For(StorageMode.PostgreSql).Count, await storage.Scalar<int>("SELECT count(*) FROM relief_schema_version"));
            Assert.Equal(0, importExit);
            Assert.Contains("import-orgs: 5 added", importOutput, StringComparison.Ordinal);

            await using (var first = SiloProcess.Start(settings))
            {
                await first.WaitUntilReady();
                using var missing = await first.Http.GetAsync("/api/orgunits/CN-32");
                Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode); // no demo data outside embedded mode
                using var signIn = await first.Anonymous.PostAsJsonAsync("/api/auth/sign-in", new { userName = "admin", password = "Relief-Demo-2027" });
                Assert.Equal(HttpStatusCode.NotFound, signIn.StatusCode); // nor local accounts: sign-in is the single sign-on's
                await first.Kill();
            }

            await using var second = SiloProcess.Start(settings);
            await second.WaitUntilReady();
            var city = await second.Http.GetFromJsonAsync<JsonElement>("/api/orgunits/CN-44-03");
            Assert.Equal("深圳市总工会", city.GetProperty("name").GetString());
            Assert.Equal("广东省总工会", city.GetProperty("parent").GetProperty("name").GetString());
            Assert.Equal(0, await second.Stop());
        }
        finally
        {
            File.Delete(file);
        }
    }
}
