using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Relief.Integration.Tests.Api;
using Relief.Integration.Tests.Infrastructure;
using Xunit.Abstractions;
using static Relief.Integration.Tests.Api.CaseScenario;

namespace Relief.Integration.Tests.Faults;

/// <summary>
/// An allocation plan's approval killed (SIGKILL) while it is carried out (issue 16): after the restart the plan
/// finishes by itself — or, killed before the approval was recorded, is approved again — and each branch is allocated
/// its share exactly once: one allocation per branch per plan in both ledgers, quotas as planned, every statement
/// reconciling. Kills come later in each round until one lands in the middle of an execution.
/// </summary>
public sealed class PlanExecutionCrashTests(ITestOutputHelper output)
{
    private static readonly string[] Branches = ["CN-44-03-05-0001", "CN-44-03-05-0002", "CN-44-03-05-0003", "CN-44-03-05-0004"];
    private const string Preparer = "finance-CN-44-03-05";
    private const string Checker = "finance.li-CN-44-03-05";

    [Fact]
    public async Task A_plan_killed_while_carried_out_allocates_each_child_exactly_once_after_the_restart()
    {
        // Wake-ups swept every 3 s (a minute in production): a plan left under way is finished at the next sweep.
        await using var silo = await RestartableSilo.Start("--Relief:Wakeups:SweepPeriod=00:00:03");
        var scenario = await Publish(silo, """{ "route": ["District"] }""", quota: 0, fund: false);
        var p = scenario.ProgrammeId;
        await Expect(silo, HttpStatusCode.Created, "finance-CN", HttpMethod.Post, $"/api/programmes/{p}/orgunits/CN/grants", new { source = "NationalAllocation", amount = "1000000.00" });
        await scenario.HandDownMoney(Nanshan, 500_000m);
        await scenario.HandDownQuota(Nanshan, 1_000);
        var plans = $"/api/programmes/{p}/orgunits/{Nanshan}/plans";

        var rounds = new List<(string Plan, int Round, string Outcome)>();
        var recovered = 0;
        for (var round = 0; round < 8 && (recovered == 0 || round < 4); round++)
        {
            var prepared = await Expect(silo, HttpStatusCode.Created, Preparer, HttpMethod.Post, plans, new
            {
                title = $"第{round + 1}批分配方案",
                lines = Branches.Select((b, i) => new { child = b, amount = Amount(round, i), recipients = i + 1 }),
            });
            var plan = $"{plans}/{prepared.GetProperty("id").GetString()}";
            // Killed the moment the first branch has its share (the rest, and the plan's own record, still to come) —
            // or, from the third round on, a few milliseconds after the approval is sent, whatever it has reached.
            var received = (await Ledger(silo, p, Branches[0], "AllocationIn")).Count;
            var approving = silo.Send(Checker, Nanshan, HttpMethod.Post, $"{plan}/decisions", new { decision = "approve" });
            if (round < 2 || recovered == 0)
            {
                await Eventually.Get(() => Ledger(silo, p, Branches[0], "AllocationIn"), l => l.Count > received || approving.IsCompleted, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(1));
            }
            else
            {
                await Task.Delay(TimeSpan.FromMilliseconds(3 * round));
            }
            await silo.KillAndRestart();
            var answered = await Answered(approving);

            var after = await Plan(silo, plan);
            var outcome = after.GetProperty("status").GetString()!;
            if (outcome == "InReview")
            {
                // Killed before the approval was recorded: nothing moved, and it is approved again.
                Assert.False(answered, $"round {round}: an answered approval left the plan in review");
                await Expect(silo, HttpStatusCode.OK, Checker, HttpMethod.Post, $"{plan}/decisions", new { decision = "approve" });
            }
            var done = await Eventually.Get(() => Plan(silo, plan), v => v.GetProperty("status").GetString() == "AwaitingReceipts", TimeSpan.FromSeconds(60));
            Assert.True(done.GetProperty("status").GetString() == "AwaitingReceipts", $"round {round}: {done}\n{silo.Output[^Math.Min(silo.Output.Length, 4000)..]}");
            if (!answered && outcome != "InReview")
            {
                recovered++; // recorded as under way, killed before it finished, finished by the plan's own wake-up
            }
            rounds.Add((done.GetProperty("id").GetString()!, round, answered ? "answered" : outcome == "InReview" ? "killed before" : $"killed during ({outcome})"));
        }
        output.WriteLine(string.Join("\n", rounds.Select(r => $"round {r.Round}: {r.Outcome}")));
        Assert.True(recovered > 0, $"no kill landed while a plan was carried out: {string.Join("; ", rounds.Select(r => $"{r.Round}: {r.Outcome}"))}");

        // Each branch: one allocation per plan in its ledger and in the district's, for exactly the planned amount.
        var sent = await Ledger(silo, p, Nanshan, "AllocationOut");
        foreach (var (planId, round, _) in rounds)
        {
            var view = await Plan(silo, $"{plans}/{planId}");
            for (var i = 0; i < Branches.Length; i++)
            {
                var allocation = view.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("child").GetString() == Branches[i]).GetProperty("allocationId").GetString();
                var outOfDistrict = Assert.Single(sent, e => e.GetProperty("reference").GetString() == planId && e.GetProperty("counterpart").GetString() == Branches[i]);
                Assert.Equal(allocation, outOfDistrict.GetProperty("id").GetString());
                var intoBranch = Assert.Single(await Ledger(silo, p, Branches[i], "AllocationIn"), e => e.GetProperty("id").GetString() == allocation);
                Assert.Equal(Amount(round, i), intoBranch.GetProperty("amounts").GetProperty("total").GetString());
            }
        }
        Assert.Equal(rounds.Count * Branches.Length, sent.Count);
        for (var i = 0; i < Branches.Length; i++)
        {
            var quota = await silo.Http.GetFromJsonAsync<JsonElement>($"/api/programmes/{p}/orgunits/{Branches[i]}/quota");
            Assert.Equal(rounds.Count * (i + 1), quota.GetProperty("quota").GetInt32());
            Assert.Equal(rounds.Count, (await Ledger(silo, p, Branches[i], "AllocationIn")).Count);
        }
        foreach (var unit in Branches.Append(Nanshan).Append("CN"))
        {
            var statement = await silo.Http.GetFromJsonAsync<JsonElement>($"/api/programmes/{p}/orgunits/{unit}/statement");
            Assert.True(statement.GetProperty("reconciles").GetBoolean(), $"{unit}: {statement}");
        }
    }

    private static string Amount(int round, int branch) => (1_000m * (branch + 1) + round + 0.5m).ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>Whether the approval was answered 200 before the kill (a lost connection or a 5xx is no answer).</summary>
    private static async Task<bool> Answered(Task<HttpResponseMessage> sending)
    {
        try
        {
            using var response = await sending;
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException)
        {
            return false;
        }
    }

    private static async Task<JsonElement> Plan(RestartableSilo silo, string path) => await Expect(silo, HttpStatusCode.OK, Preparer, HttpMethod.Get, path, null);

    private static async Task<List<JsonElement>> Ledger(RestartableSilo silo, string programme, string unit, string kind) =>
        [.. (await silo.Http.GetFromJsonAsync<JsonElement>($"/api/programmes/{programme}/orgunits/{unit}/ledger?kind={kind}&limit=500")).GetProperty("items").EnumerateArray()];

    private static async Task<JsonElement> Expect(RestartableSilo silo, HttpStatusCode status, string user, HttpMethod method, string path, object? body)
    {
        using var response = await silo.Send(user, user[(user.IndexOf("-CN", StringComparison.Ordinal) + 1)..], method, path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{method} {path} as {user}: expected {(int)status}, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
