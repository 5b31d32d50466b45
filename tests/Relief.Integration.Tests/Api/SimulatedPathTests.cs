using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Relief.Integration.Tests.Infrastructure;
using Xunit.Abstractions;
using Relief.Workflows.Definitions.Examples;
using Relief.Workflows.Engine.Activities;
using Relief.Workflows.Engine.Definitions;
using Relief.Workflows.Engine.Forms;
using Relief.Workflows.Engine.Runtime;
using Relief.Workflows.Engine.Simulation;
using Relief.Workflows.Funds;
using Relief.Workflows.Notices;
using static Relief.Integration.Tests.Api.CaseScenario;

namespace Relief.Integration.Tests.Api;

/// <summary>
/// The simulator's promise (issue 15), as a property: for every shipped example, random applications and random
/// scripts of outcomes, answers, votes, timeouts, notices closed or objected to — what
/// <c>POST /api/programmes/{id}/workflow/simulate</c> says the case would do is the path a real case takes when
/// the same people do the same things over HTTP, with the domain clock moved as the script says.
/// </summary>
public sealed class SimulatedPathTests(ITestOutputHelper output)
{
    private const int CasesPerExample = 10;
    private const int MaxLines = 40;
    private static readonly string[] Needs = ["子女助学", "住房漏雨需修缮", "就业咨询"];
    private static readonly string[] Branches = [NanshanBranch, XuanwuBranch];
    private static readonly string[] Categories = ["archived", "low-income", "near-low-income", "migrant", "model-worker", "front-line"];

    public static TheoryData<string> Examples() => [.. ShippedDefinitions.Names];

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task The_simulated_path_is_the_path_a_real_case_takes(string example)
    {
        await using var host = await InProcessHost.Start();
        var definition = ShippedDefinitions.Text(example)!;
        var scenario = await Publish(host, definition, allowAboveStandard: true, filingDays: 300);
        var runtime = new WorkflowRuntime(ActivityRegistry.Default,
            new EngineDefinitionReader(ActivityRegistry.Default).Read(definition, Categories).Definition!);
        // A new seed each run, said in the output and in any failure, so that a failing run can be replayed.
        var seed = Random.Shared.Next();
        output.WriteLine($"{example}: seed {seed}");
        var random = new Random(seed);
        for (var n = 0; n < CasesPerExample; n++)
        {
            var application = RandomApplication(random);
            var filedAt = host.Clock.GetUtcNow();
            var script = Walk(new WorkflowSimulator(runtime, HolidayCalendar.Shipped), runtime, application, filedAt, random);

            using var simulated = await host.Send("admin", "CN", HttpMethod.Post, $"/api/programmes/{scenario.ProgrammeId}/workflow/simulate",
                new { application = application.Request, filedAt, script = script.Select(s => new { node = s.Node, outcome = s.Outcome, member = s.Member, answers = s.Answers }) });
            var simulation = await Ok(simulated);
            Assert.True(simulation.GetProperty("stoppedAt").ValueKind == JsonValueKind.Null, simulation.ToString());
            var expected = simulation.GetProperty("path").EnumerateArray().Select(s => $"{s.GetProperty("node").GetString()}:{s.GetProperty("outcome").GetString()}").ToList();

            var started = System.Diagnostics.Stopwatch.StartNew();
            var caseId = await scenario.FileOk(application.Branch, application.Filing);
            await new RealRun(host, scenario, caseId, application, runtime).Play(script);
            var real = await Eventually.Get(() => Path(host, caseId), path => path.Count >= expected.Count, TimeSpan.FromSeconds(60));

            output.WriteLine($"{example} case {n}: {script.Count} lines, {started.Elapsed.TotalSeconds:0.0} s: {string.Join(" → ", real)}");
            Assert.True(expected.SequenceEqual(real),
                $"{example}, seed {seed}, case {n}: the script {string.Join(" | ", script.Select(s => $"{s.Node}={s.Outcome}{(s.Member is null ? "" : "/" + s.Member)}"))}\n" +
                $"  simulated {string.Join(" → ", expected)}\n  real      {string.Join(" → ", real)}");
            var ended = simulation.GetProperty("endedAs").GetString();
            Assert.Equal(ended switch { "paid" => "Paid", "rejected" => "Rejected", "closed" => "Closed", _ => null },
                (await host.Http.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}")).GetProperty("status").GetString());
        }
    }

    private static async Task<List<string>> Path(InProcessHost host, string caseId) =>
        [.. (await host.Http.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}")).GetProperty("journal").EnumerateArray()
            .Where(e => e.TryGetProperty("node", out var node) && node.ValueKind == JsonValueKind.String)
            .Select(e => $"{e.GetProperty("node").GetString()}:{(e.TryGetProperty("outcome", out var o) ? o.GetString() : null)}")];

    /// <summary>An application as the simulator reads it and as a branch files it: the same category, amount, household and income.</summary>
    private sealed record Application(string Branch, string Category, Money? Amount, int HouseholdSize, Money Income)
    {
        private readonly string _idNumber = NewIdNumber();

        public object Request => new { category = Category, amount = Amount?.ToString(), householdSize = HouseholdSize, monthlyIncomePerHead = Income.ToString(), branchCode = Branch };

        public object Filing => new
        {
            applicant = new { name = "张建明", idNumber = _idNumber, householdSize = HouseholdSize, monthlyIncomePerHead = Income.ToString(), category = Category, reason = "家庭成员重病，收入骤降" },
            amount = Amount?.ToString(),
        };
    }

    private static Application RandomApplication(Random random)
    {
        // Around the countersign's 5,000 yuan line, and the categories' standards (no amount: the standard).
        long?[] amounts = [null, 80_000, 150_000, 500_000, 500_001, 800_000];
        var fen = amounts[random.Next(amounts.Length)];
        return new Application(Branches[random.Next(Branches.Length)], Categories[random.Next(Categories.Length)],
            fen is null ? null : new Money(fen.Value), random.Next(1, 7), new Money(random.Next(0, 100_000)));
    }

    /// <summary>
    /// A random script the case can follow to its end: at each point one of the places it waits at, and one of
    /// what may happen there (mostly the way forward; returns, rejections, timeouts and objections now and then).
    /// </summary>
    private static List<ScriptStep> Walk(WorkflowSimulator simulator, WorkflowRuntime runtime, Application application, DateTimeOffset filedAt, Random random)
    {
        var variables = Relief.Workflows.Cases.CaseVariables.Of(application.Category, application.HouseholdSize, application.Income, application.Branch,
            application.Amount ?? Standard(application.Category));
        var script = new List<ScriptStep>();
        for (var run = simulator.Run(variables, script, filedAt); run.EndedAs is null && script.Count < MaxLines; run = simulator.Run(variables, script, filedAt))
        {
            Assert.Null(run.StoppedAt);
            var bookmark = run.Waiting[random.Next(run.Waiting.Count)];
            var node = runtime.Definition.Node(bookmark.Node);
            // Past half the lines, only the way forward, so that every script ends.
            var bold = script.Count < MaxLines / 2;
            script.Add(Line(bookmark, node, random, bold));
        }
        return script;
    }

    private static Money Standard(string category) => category switch
    {
        "archived" or "low-income" => new Money(150_000),
        "near-low-income" or "model-worker" => new Money(100_000),
        "migrant" => new Money(80_000),
        _ => new Money(40_000),
    };

    private static ScriptStep Line(Bookmark bookmark, NodeDefinition node, Random random, bool bold)
    {
        if (bookmark.DueAt is not null && bold && random.Next(6) == 0)
        {
            return new ScriptStep(bookmark.Node, "timeout");
        }
        switch (bookmark.Kind)
        {
            case "notice":
                return new ScriptStep(bookmark.Node, bold && random.Next(5) == 0 ? "upheld" : "closed");
            case "timer":
                return new ScriptStep(bookmark.Node, "fired");
            case "pay":
                return new ScriptStep(bookmark.Node, "done");
            case "approve":
                var decision = !bold || random.Next(10) < 7 ? "approve" : random.Next(2) == 0 ? "return" : "reject";
                if (node.Settings["quorum"] is null)
                {
                    return new ScriptStep(bookmark.Node, decision);
                }
                var member = Enumerable.Range(1, 5).Select(m => $"m{m}").First(m => bookmark.Votes.All(v => v.Member != m));
                return new ScriptStep(bookmark.Node, decision, member);
            default:
                var outcomes = TaskForms.OutcomesOf(bookmark, node);
                var outcome = bold ? outcomes[random.Next(outcomes.Count)] : outcomes.FirstOrDefault(o => o != "withdraw") ?? outcomes[0];
                return new ScriptStep(bookmark.Node, outcome, Answers: Answers(TaskForms.FormOf(bookmark, node), random, bold));
        }
    }

    /// <summary>Answers the form accepts: every required field, and some of the others.</summary>
    private static JsonObject? Answers(FormDefinition form, Random random, bool bold)
    {
        if (form.Fields.Count == 0)
        {
            return null;
        }
        var answers = new JsonObject();
        foreach (var field in form.Fields.Where(f => f.Required || random.Next(2) == 0))
        {
            answers[field.Name] = field.Type switch
            {
                FormFieldType.Date => "2027-01-05",
                FormFieldType.Money => (random.Next(0, 300_000) / 100m).ToString("0.00", CultureInfo.InvariantCulture),
                FormFieldType.Number => random.Next((int)(field.Min ?? 0), (int)Math.Min(field.Max ?? 100, 100) + 1),
                FormFieldType.YesNo => !bold || random.Next(5) > 0,
                FormFieldType.Choice => field.Choices[random.Next(field.Choices.Count)],
                FormFieldType.Items => new JsonArray([.. Needs.Take(random.Next(field.Required ? 1 : 0, 4)).Select(i => (JsonNode)i)]),
                _ => "李梅、王强",
            };
        }
        return answers;
    }

    private static async Task<JsonElement> Ok(HttpResponseMessage response)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"expected 200, got {(int)response.StatusCode}: {text}");
            return JsonDocument.Parse(text).RootElement.Clone();
        }
    }

    /// <summary>The same script done by people over HTTP: each line waits until the case waits where the line says, then does it.</summary>
    private sealed class RealRun(InProcessHost host, CaseScenario scenario, string caseId, Application application, WorkflowRuntime runtime)
    {
        private static readonly TimeSpan Within = TimeSpan.FromSeconds(60);

        private Task<JsonElement> Case() => host.Http.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}");

        public async Task Play(IReadOnlyList<ScriptStep> script)
        {
            foreach (var line in script)
            {
                await Do(line);
            }
        }

        private async Task Do(ScriptStep line)
        {
            if (line.Outcome == "timeout")
            {
                var task = await WaitForTask(line.Node);
                host.Clock.SetUtcNow(task.GetProperty("dueAt").GetDateTimeOffset().AddMinutes(1));
                var id = task.GetProperty("taskId").GetString();
                await Eventually.Get(Case, c => c.GetProperty("tasks").EnumerateArray().All(t => t.GetProperty("taskId").GetString() != id), Within);
                return;
            }
            switch (line.Node)
            {
                case "notice":
                    await Notice(line.Outcome);
                    return;
                case "pay":
                    // Payable once a notice closed; without a notice, approved is payable.
                    await WaitForStatus("Payable", "Approved");
                    await Expect(HttpStatusCode.OK, await host.Send($"finance-{application.Branch}", application.Branch, HttpMethod.Post,
                        $"/api/cases/{caseId}/payment", new { method = "BankTransfer", reference = $"ref-{caseId[..8]}" }));
                    return;
            }
            var open = await WaitForTask(line.Node);
            var unit = open.GetProperty("unitCode").GetString()!;
            if (line.Outcome == "resubmit")
            {
                await Expect(HttpStatusCode.OK, await host.Send($"clerk-{application.Branch}", application.Branch, HttpMethod.Put, $"/api/cases/{caseId}", application.Filing));
                return;
            }
            var role = open.GetProperty("roles")[0].GetString();
            var user = line.Member is { } member ? $"{role}.{member}-{unit}" : $"{role}-{unit}";
            await Expect(HttpStatusCode.OK, await host.Send(user, unit, HttpMethod.Post, $"/api/tasks/{open.GetProperty("taskId").GetString()}/complete",
                new { outcome = line.Outcome, answers = line.Answers, comment = line.Outcome is "return" or "reject" ? "收入核实不清，请补充材料" : null }));
        }

        /// <summary>Published by hand at the noticing unit; closed by the clock passing the window, or upheld on an objection.</summary>
        private async Task Notice(string outcome)
        {
            await WaitForStatus("Approved");
            var unit = Relief.Workflows.Cases.CaseUnits.Of(runtime.Definition.Node("notice"), application.Branch);
            using var published = await host.Send($"approver-{unit}", unit, HttpMethod.Post, $"/api/programmes/{scenario.ProgrammeId}/orgunits/{unit}/notices/publish");
            Assert.Equal(HttpStatusCode.Created, published.StatusCode);
            var listId = (await published.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("listId").GetString()!;
            await WaitForStatus("Noticed");
            if (outcome == "closed")
            {
                var list = await host.Http.GetFromJsonAsync<JsonElement>($"/api/public/notices/{listId}");
                host.Clock.SetUtcNow(list.GetProperty("window").GetProperty("closesAt").GetDateTimeOffset().AddMinutes(1));
                await WaitForStatus("Payable");
                return;
            }
            using var objection = await host.Http.PostAsJsonAsync($"/api/public/notices/{listId}/objections",
                new { line = 1, reason = "该户家属已有稳定工作，收入不符", channel = "Hotline" });
            Assert.Equal(HttpStatusCode.Created, objection.StatusCode);
            var objectionId = (await objection.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("objectionId").GetString();
            await Expect(HttpStatusCode.NoContent, await host.Send($"approver.reviewer-{unit}", unit, HttpMethod.Post,
                $"/api/notices/{listId}/objections/{objectionId}/resolution", new { upheld = true, reason = "经核实情况属实" }));
            await WaitForStatus("Rejected");
        }

        private async Task<JsonElement> WaitForTask(string node)
        {
            var view = await Eventually.Get(Case, c => c.GetProperty("tasks").EnumerateArray().Any(t => t.GetProperty("node").GetString() == node), Within);
            var task = view.GetProperty("tasks").EnumerateArray().Where(t => t.GetProperty("node").GetString() == node).ToList();
            Assert.True(task.Count > 0, $"case {caseId} never waited at {node}: {view}");
            return task[0];
        }

        private async Task WaitForStatus(params string[] statuses)
        {
            var view = await Eventually.Get(Case, c => statuses.Contains(c.GetProperty("status").GetString()), Within);
            Assert.True(statuses.Contains(view.GetProperty("status").GetString()), $"case {caseId} is not {string.Join(" or ", statuses)}: {view}");
        }

        private static async Task Expect(HttpStatusCode status, HttpResponseMessage response)
        {
            using (response)
            {
                var text = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
            }
        }
    }
}
