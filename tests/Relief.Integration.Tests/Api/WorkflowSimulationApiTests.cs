using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Relief.Integration.Tests.Infrastructure;
using Relief.Workflows.Definitions.Examples;
using static Relief.Integration.Tests.Api.CaseScenario;

namespace Relief.Integration.Tests.Api;

/// <summary>
/// <c>POST /api/programmes/{id}/workflow/simulate</c> (issue 15): what a case would do, where, when and with what
/// money, in the words of the designer's page; bad input refused naming the field; nothing written.
/// </summary>
[Collection(SharedEmbeddedSilo.Name)]
public sealed class WorkflowSimulationApiTests(EmbeddedSiloFixture silo)
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    private Task<HttpResponseMessage> Simulate(CaseScenario scenario, object body, string user = "admin", string unit = "CN") =>
        silo.Send(user, unit, HttpMethod.Post, $"/api/programmes/{scenario.ProgrammeId}/workflow/simulate", body);

    private static object Application(string? amount = null, string category = "archived", string income = "900.00", string branch = NanshanBranch) =>
        new { category, amount, householdSize = 3, monthlyIncomePerHead = income, branchCode = branch };

    private static async Task<JsonElement> Read(HttpStatusCode status, HttpResponseMessage response)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
            return JsonDocument.Parse(text).RootElement.Clone();
        }
    }

    [Fact]
    public async Task A_large_grant_is_countersigned_by_both_city_offices_named_with_their_units_and_its_money_and_notice_dates_are_given()
    {
        var scenario = await Publish(silo, ShippedDefinitions.Text("large-grant-countersign")!, allowAboveStandard: true);
        var filedAt = new DateTimeOffset(2027, 1, 29, 9, 0, 0, Beijing);

        var run = await Read(HttpStatusCode.OK, await Simulate(scenario, new
        {
            application = Application("6000.00"),
            filedAt,
            script = new object[]
            {
                new { node = "district", outcome = "approve" },
                new { node = "financeOffice", outcome = "approve" },
                new { node = "hardshipOffice", outcome = "approve" },
                new { node = "notice", outcome = "closed" },
                new { node = "pay", outcome = "done" },
            },
        }));

        Assert.Equal(JsonValueKind.Null, run.GetProperty("stoppedAt").ValueKind);
        Assert.Equal("paid", run.GetProperty("endedAs").GetString());
        Assert.Equal("6000.00", run.GetProperty("amount").GetString());
        var tasks = run.GetProperty("tasks").EnumerateArray().ToList();
        var offices = tasks.Where(t => t.GetProperty("node").GetString() is "financeOffice" or "hardshipOffice").ToList();
        Assert.Equal(2, offices.Count);
        Assert.All(offices, t => Assert.Equal(Shenzhen, t.GetProperty("unitCode").GetString()));
        Assert.All(offices, t => Assert.False(string.IsNullOrEmpty(t.GetProperty("unitName").GetString())));
        Assert.Equal(["finance"], offices.Single(t => t.GetProperty("node").GetString() == "financeOffice").GetProperty("roles").EnumerateArray().Select(r => r.GetString()));

        var reserve = Assert.Single(run.GetProperty("effects").EnumerateArray(), e => e.GetProperty("kind").GetString() == "reserve");
        Assert.Equal("6000.00", reserve.GetProperty("amount").GetString());
        Assert.Equal(NanshanBranch, reserve.GetProperty("unitCode").GetString());

        // Five working days from Friday 29 January 2027, Sunday the 31st a made-up working day: the list closes on 4 February.
        var notice = Assert.Single(run.GetProperty("notices").EnumerateArray());
        Assert.Equal(Nanshan, notice.GetProperty("unitCode").GetString());
        Assert.Equal("2027-01-29", notice.GetProperty("firstDay").GetString());
        Assert.Equal("2027-02-03", notice.GetProperty("lastDay").GetString());
        Assert.Equal(new DateTimeOffset(2027, 2, 4, 0, 0, 0, Beijing), notice.GetProperty("closesAt").GetDateTimeOffset());
        Assert.Equal(["approve@District", "decide@large", "approve@City", "approve@City", "join@signed", "notice-closed", "pay"],
            run.GetProperty("path").EnumerateArray().Select(s => s.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task A_deadline_shows_as_a_timer_with_its_due_time_and_whether_the_script_let_it_fire()
    {
        var scenario = await Publish(silo, ShippedDefinitions.Text("standard-ladder")!);
        var filedAt = new DateTimeOffset(2026, 12, 30, 10, 0, 0, Beijing);

        var run = await Read(HttpStatusCode.OK, await Simulate(scenario, new
        {
            application = Application(),
            filedAt,
            script = new object[] { new { node = "district", outcome = "timeout" } },
        }));

        var timer = Assert.Single(run.GetProperty("timers").EnumerateArray());
        Assert.Equal("district", timer.GetProperty("node").GetString());
        Assert.Equal(new DateTimeOffset(2027, 1, 6, 0, 0, 0, Beijing), timer.GetProperty("firesAt").GetDateTimeOffset());
        Assert.True(timer.GetProperty("fired").GetBoolean());
        var waiting = Assert.Single(run.GetProperty("waiting").EnumerateArray());
        Assert.Equal("city", waiting.GetProperty("node").GetString());
        Assert.Equal(Shenzhen, waiting.GetProperty("unitCode").GetString());
    }

    [Fact]
    public async Task Bad_input_is_refused_naming_each_field_and_a_simulation_writes_nothing()
    {
        var scenario = await Publish(silo, ShippedDefinitions.Text("standard-ladder")!);

        var problems = await Read(HttpStatusCode.BadRequest, await Simulate(scenario, new
        {
            application = new { category = "unknown", householdSize = 0, monthlyIncomePerHead = "-1", branchCode = Nanshan },
            script = new object[] { new { node = "nowhere", outcome = "approve" }, new { node = "district" } },
        }));
        var fields = problems.GetProperty("errors").EnumerateObject().Select(e => e.Name).ToList();
        Assert.Contains("application.householdSize", fields);
        Assert.Contains("application.monthlyIncomePerHead", fields);
        Assert.Contains("application.branchCode", fields);
        Assert.Contains("script[0].node", fields);
        Assert.Contains("script[1].outcome", fields);

        var category = await Read(HttpStatusCode.BadRequest, await Simulate(scenario, new { application = Application(category: "unknown"), script = Array.Empty<object>() }));
        Assert.True(category.GetProperty("errors").TryGetProperty("application.category", out _), category.ToString());
        var aboveStandard = await Read(HttpStatusCode.BadRequest, await Simulate(scenario, new { application = Application("1500.01"), script = Array.Empty<object>() }));
        Assert.True(aboveStandard.GetProperty("errors").TryGetProperty("application.amount", out _), aboveStandard.ToString());
        await Read(HttpStatusCode.NotFound, await silo.Send("admin", "CN", HttpMethod.Post, $"/api/programmes/{Guid.NewGuid()}/workflow/simulate",
            new { application = Application(), script = Array.Empty<object>() }));
        await Read(HttpStatusCode.NotFound, await Simulate(scenario, new { version = 9, application = Application(), script = Array.Empty<object>() }));

        // A whole season's path simulated: no case, no quota place, no money set aside, nothing in any inbox.
        var ran = await Read(HttpStatusCode.OK, await Simulate(scenario, new
        {
            application = Application(),
            script = new object[] { new { node = "district", outcome = "approve" }, new { node = "city", outcome = "approve" }, new { node = "province", outcome = "approve" } },
        }));
        Assert.Equal("notice", Assert.Single(ran.GetProperty("waiting").EnumerateArray()).GetProperty("node").GetString());
        Assert.Equal(0, (await scenario.Quota("CN-44")).GetProperty("used").GetInt32());
        Assert.Equal(0, (await scenario.Queue(Nanshan)).GetProperty("total").GetInt32());
        var account = await silo.Silo.Http.GetFromJsonAsync<JsonElement>($"/api/programmes/{scenario.ProgrammeId}/orgunits/{NanshanBranch}/account");
        Assert.Equal("0.00", account.GetProperty("totals").GetProperty("reserved").GetString());
    }

    [Fact]
    public async Task A_line_for_a_place_the_case_does_not_wait_at_is_the_answer_not_an_error()
    {
        var scenario = await Publish(silo, ShippedDefinitions.Text("standard-ladder")!);

        var run = await Read(HttpStatusCode.OK, await Simulate(scenario, new
        {
            application = Application(),
            script = new object[] { new { node = "city", outcome = "approve" } },
        }));

        Assert.Contains("district", run.GetProperty("stoppedAt").GetString(), StringComparison.Ordinal);
        Assert.Equal("district", Assert.Single(run.GetProperty("waiting").EnumerateArray()).GetProperty("node").GetString());
    }
}
