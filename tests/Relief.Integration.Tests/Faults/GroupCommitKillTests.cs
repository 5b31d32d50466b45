using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Relief.Integration.Tests.Api;
using Relief.Integration.Tests.Infrastructure;
using Relief.Silo.Configuration;
using static Relief.Integration.Tests.Api.CaseScenario;

namespace Relief.Integration.Tests.Faults;

/// <summary>
/// The silo process on PostgreSQL is killed (SIGKILL) while one group commit of at least 50 writes is in flight
/// (ADR 24): every filing answered before the kill is stored; of those cut off, each case is stored whole — its
/// state with its inbox line and its task — or not at all; sent again with their idempotency keys, every case is
/// filed exactly once.
/// </summary>
public sealed class GroupCommitKillTests
{
    private const int Cases = 400;
    private const int Clients = 160;
    private const int InFlightAtTheKill = 50;

    [SkippableFact]
    public async Task Killed_during_a_commit_of_fifty_writes_every_answered_write_is_stored_and_every_other_is_whole_or_absent()
    {
        await using var storage = await TestStorage.Create(StorageMode.PostgreSql);
        string[] postgres = ["--Relief:Storage:Mode=PostgreSql", $"--Relief:Storage:ConnectionString={storage.Settings.PostgresConnectionString}",
            $"--Relief:Privacy:IdentityKey={TestStorage.IdentityKey}"];
        // PostgreSQL mode loads no demo hierarchy: the operator imports one, as here the demo's own file.
        var hierarchy = Path.Combine(Path.GetTempPath(), $"relief-hierarchy-{Guid.NewGuid():N}.csv");
        await using (var demo = typeof(Relief.Silo.Hierarchy.DemoHierarchy).Assembly.GetManifestResourceStream("Relief.Silo.DemoData.demo-hierarchy.csv")!)
        await using (var file = File.Create(hierarchy))
        {
            await demo.CopyToAsync(file);
        }
        var (imported, output) = await SiloProcess.RunToEnd(["import-orgs", hierarchy, .. postgres]);
        File.Delete(hierarchy);
        Assert.True(imported == 0, output);
        await using var silo = await RestartableSilo.Start(postgres);
        var scenario = await CaseScenario.Publish(silo, """{ "route": ["District"] }""");
        var keys = Enumerable.Range(0, Cases).Select(i => $"gc-kill-{i}-{Guid.NewGuid():N}").ToArray();
        var people = Enumerable.Range(0, Cases).Select(_ => NewIdNumber()).ToArray();

        // Each new state's insert waits 20 ms and counts itself in a sequence, which no rollback takes back: the
        // statements run minus the rows committed is what the commit in flight carries (one commit at a time per silo).
        await storage.Execute("""
            CREATE SEQUENCE test_inserts_run;
            CREATE FUNCTION test_slow_insert() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN PERFORM nextval('test_inserts_run'); PERFORM pg_sleep(0.02); RETURN NEW; END $$;
            CREATE TRIGGER test_slow_case BEFORE INSERT ON relief_case_state FOR EACH ROW EXECUTE FUNCTION test_slow_insert();
            CREATE TRIGGER test_slow_own BEFORE INSERT ON relief_own_state FOR EACH ROW EXECUTE FUNCTION test_slow_insert();
            """);
        var committedAtStart = await StatesStored(storage);

        var answered = new ConcurrentDictionary<int, string>();
        var cutOff = new ConcurrentBag<int>();
        var filing = Parallel.ForEachAsync(Enumerable.Range(0, Cases), new ParallelOptions { MaxDegreeOfParallelism = Clients }, async (i, token) =>
        {
            try
            {
                using var answer = await scenario.File(NanshanBranch, Applicant(people[i]), keys[i]);
                var text = await answer.Content.ReadAsStringAsync(token);
                Assert.True(answer.StatusCode == HttpStatusCode.Created, $"filing: {(int)answer.StatusCode}: {text}");
                answered[i] = JsonDocument.Parse(text).RootElement.GetProperty("id").GetString()!;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
            {
                cutOff.Add(i);
            }
        });
        long inFlight = 0;
        var watched = await Eventually.Get(async () =>
        {
            inFlight = await storage.Scalar<long>("SELECT last_value FROM test_inserts_run") - (await StatesStored(storage) - committedAtStart);
            return inFlight;
        }, n => n >= InFlightAtTheKill, TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(10));
        await silo.Kill();
        await filing;
        Assert.True(watched >= InFlightAtTheKill, $"{watched} inserts in flight at the kill");
        Assert.NotEmpty(cutOff);

        await storage.Execute("DROP TRIGGER test_slow_case ON relief_case_state; DROP TRIGGER test_slow_own ON relief_own_state;");
        await silo.KillAndRestart();

        // Every filing answered before the kill is there, waiting at the district.
        foreach (var (_, id) in answered)
        {
            Assert.Equal("Waiting", (await scenario.Case(id)).GetProperty("status").GetString());
        }
        // A case is stored whole or not at all: no state without its line and task, no line or task without its state.
        Assert.Equal(0, await storage.Scalar<long>("""
            SELECT count(*) FROM relief_case_state s WHERE s.case_id IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM relief_inbox i WHERE i.case_id = s.case_id)
            """));
        Assert.Equal(0, await storage.Scalar<long>("""
            SELECT count(*) FROM relief_inbox i WHERE NOT EXISTS (SELECT 1 FROM relief_case_state s WHERE s.case_id = i.case_id)
            """));
        Assert.Equal(0, await storage.Scalar<long>("""
            SELECT count(*) FROM relief_task t WHERE NOT EXISTS (SELECT 1 FROM relief_case_state s WHERE s.case_id = t.case_id)
            """));

        // Sent again with their keys, the cut-off filings give back the case stored before the kill or file it now.
        await Parallel.ForEachAsync(cutOff, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, token) =>
        {
            using var answer = await scenario.File(NanshanBranch, Applicant(people[i]), keys[i]);
            var text = await answer.Content.ReadAsStringAsync(token);
            Assert.True(answer.StatusCode == HttpStatusCode.Created, $"filing again: {(int)answer.StatusCode}: {text}");
            answered[i] = JsonDocument.Parse(text).RootElement.GetProperty("id").GetString()!;
        });
        Assert.Equal(Cases, answered.Values.Distinct().Count());
        var queue = await silo.Http.GetFromJsonAsync<JsonElement>($"/api/orgunits/{Nanshan}/queue?programme={scenario.ProgrammeId}&limit=1000");
        Assert.Equal(Cases, queue.GetProperty("total").GetInt32());
    }

    private static Task<long> StatesStored(TestStorage storage) =>
        storage.Scalar<long>("SELECT (SELECT count(*) FROM relief_case_state) + (SELECT count(*) FROM relief_own_state)");
}
