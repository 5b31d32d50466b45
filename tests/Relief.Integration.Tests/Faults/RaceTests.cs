using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Relief.Integration.Tests.Api;
using Relief.Integration.Tests.Infrastructure;
using static Relief.Integration.Tests.Api.CaseScenario;

namespace Relief.Integration.Tests.Faults;

/// <summary>
/// Requests that contend for one thing, sent at the same moment over HTTP: exactly one of them wins, every
/// other one is told 409, and what is stored afterwards is what the winner did, once.
/// </summary>
public sealed class RaceTests(RaceTests.Host host) : IClassFixture<RaceTests.Host>
{
    /// <summary>The whole process in the test, so that the notice race can move the domain clock.</summary>
    public sealed class Host : IAsyncLifetime
    {
        public InProcessHost Relief { get; private set; } = null!;

        public async Task InitializeAsync() => Relief = await InProcessHost.Start();

        public async Task DisposeAsync() => await Relief.DisposeAsync();
    }

    private InProcessHost Relief => host.Relief;

    [Fact]
    public async Task Two_approvers_deciding_one_case_at_once_one_wins_the_other_gets_409()
    {
        var scenario = await CaseScenario.Publish(Relief, """{ "route": ["Branch", "District"] }""");
        var cases = new List<string>();
        for (var i = 0; i < 24; i++)
        {
            var id = await scenario.FileOk(NanshanBranch, Applicant(NewIdNumber()));
            await scenario.Expect(HttpStatusCode.OK, await scenario.Decide(id, NanshanBranch, "approve"));
            cases.Add(id);
        }
        var quotaBefore = (await scenario.Quota(Nanshan)).GetProperty("used").GetInt32();

        // Half the cases get approve against reject, half approve against approve, from two approvers of the district.
        var outcomes = await Task.WhenAll(cases.Select(async (id, i) =>
        {
            var second = i % 2 == 0 ? "reject" : "approve";
            var first = Relief.Send("approver.one", Nanshan, HttpMethod.Post, $"/api/cases/{id}/decisions", new { decision = "approve" });
            var other = Relief.Send("approver.two", Nanshan, HttpMethod.Post, $"/api/cases/{id}/decisions", new { decision = second, comment = "收入超标" });
            var answers = await Task.WhenAll(first, other);
            var statuses = answers.Select(a => a.StatusCode).ToArray();
            foreach (var answer in answers)
            {
                answer.Dispose();
            }
            return (Id: id, Statuses: statuses, Second: second);
        }));

        var approvedAtDistrict = 0;
        foreach (var (id, statuses, second) in outcomes)
        {
            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], statuses.Order());
            var view = await scenario.Case(id);
            var decisions = view.GetProperty("journal").EnumerateArray().Where(e => e.GetProperty("step").GetString()!.EndsWith("@District", StringComparison.Ordinal)).ToList();
            Assert.Single(decisions);
            var rejectWon = second == "reject" && statuses[1] == HttpStatusCode.OK;
            Assert.Equal(rejectWon ? "Rejected" : "Approved", view.GetProperty("status").GetString());
            approvedAtDistrict += rejectWon ? 0 : 1;
        }
        // The district's quota holds one place per case it approved, never two for a case decided twice.
        Assert.Equal(quotaBefore + approvedAtDistrict, (await scenario.Quota(Nanshan)).GetProperty("used").GetInt32());
    }

    [Fact]
    public async Task The_parent_taking_money_back_races_the_approval_that_sets_it_aside_for_payment_and_only_one_gets_it()
    {
        var scenario = await CaseScenario.Publish(Relief, """{ "route": ["Branch"] }""", fund: false);
        await scenario.Expect(HttpStatusCode.Created, await Relief.Send("finance-CN", "CN", HttpMethod.Post,
            $"/api/programmes/{scenario.ProgrammeId}/orgunits/CN/grants", new { source = "NationalAllocation", amount = "1000000.00" }));
        var reclaimsWon = 0;
        var approvalsWon = 0;
        for (var round = 0; round < 12; round++)
        {
            // The branch holds exactly one case's 1,500 yuan; the district wants it back as the case is approved.
            await scenario.HandDownMoney(NanshanBranch, 1500m);
            var id = await scenario.FileOk(NanshanBranch, Applicant(NewIdNumber()));
            var approve = scenario.Decide(id, NanshanBranch, "approve");
            var reclaim = Relief.Send($"finance-{Nanshan}", Nanshan, HttpMethod.Post, $"/api/programmes/{scenario.ProgrammeId}/orgunits/{Nanshan}/reclaims",
                new { child = NanshanBranch, amount = "1500.00" });
            using var approved = await approve;
            using var reclaimed = await reclaim;

            var status = (await scenario.Case(id)).GetProperty("status").GetString();
            if (approved.StatusCode == HttpStatusCode.OK)
            {
                Assert.Equal(HttpStatusCode.Conflict, reclaimed.StatusCode);
                Assert.Equal("Approved", status);
                approvalsWon++;
            }
            else
            {
                Assert.Equal(HttpStatusCode.Conflict, approved.StatusCode);
                Assert.Equal(HttpStatusCode.OK, reclaimed.StatusCode);
                Assert.Equal("Waiting", status);
                reclaimsWon++;
            }
            var branch = await Account(scenario, NanshanBranch);
            Assert.Equal("0.00", branch.GetProperty("totals").GetProperty("available").GetString());
        }

        // The books: the branch set aside 1,500 for each approval that won; the rest went back to the district.
        var totals = (await Account(scenario, NanshanBranch)).GetProperty("totals");
        Assert.Equal(reclaimsWon * 1500m, Yuan(totals, "returned"));
        Assert.Equal(12 * 1500m, Yuan(totals, "received"));
        Assert.Equal(approvalsWon * 1500m, Yuan(totals, "reserved"));
        Assert.Equal(Yuan(totals, "received"),
            Yuan(totals, "allocatedDown") + Yuan(totals, "reserved") + Yuan(totals, "paid") + Yuan(totals, "returned") + Yuan(totals, "available"));
    }

    private static decimal Yuan(JsonElement totals, string name) =>
        decimal.Parse(totals.GetProperty(name).GetString()!, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Objections_racing_the_close_of_the_window_either_hold_their_case_or_get_409_and_the_case_becomes_payable()
    {
        var scenario = await CaseScenario.Publish(Relief, """{ "route": ["Branch"], "notice": { "level": "Branch", "days": 5, "counting": "CalendarDays" } }""");
        const int Lines = 40;
        var caseOfMaskedId = new Dictionary<string, string>();
        for (var i = 0; i < Lines; i++)
        {
            var idNumber = NewIdNumber();
            var id = await scenario.FileOk(NanshanBranch, Applicant(idNumber));
            await scenario.Expect(HttpStatusCode.OK, await scenario.Decide(id, NanshanBranch, "approve"));
            caseOfMaskedId[idNumber[..6] + "********" + idNumber[^4..]] = id;
        }
        using var published = await Relief.Send($"approver.two-{NanshanBranch}", NanshanBranch, HttpMethod.Post,
            $"/api/programmes/{scenario.ProgrammeId}/orgunits/{NanshanBranch}/notices/publish");
        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        var listId = (await published.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("listId").GetString()!;
        using var anonymous = new HttpClient { BaseAddress = Relief.Address };
        var list = await anonymous.GetFromJsonAsync<JsonElement>($"/api/public/notices/{listId}");
        var closesAt = list.GetProperty("window").GetProperty("closesAt").GetDateTimeOffset();
        // The public list masks the ID numbers, and the masks are distinct here: they tell which case is on which line.
        var caseOfLine = list.GetProperty("lines").EnumerateArray()
            .ToDictionary(l => l.GetProperty("line").GetInt32(), l => caseOfMaskedId[l.GetProperty("maskedIdNumber").GetString()!]);
        Relief.Clock.SetUtcNow(closesAt.AddSeconds(-1));

        // One objection per line, sent 15 ms apart without waiting for answers. Once half are on their way and one
        // has been accepted, the window's end passes: the objections then in flight race the close, and those sent
        // after it are late for sure.
        var sends = new List<Task<(int Line, HttpStatusCode Status)>>();
        var accepted = 0;
        for (var line = 1; line <= Lines; line++)
        {
            var l = line;
            sends.Add(Task.Run(async () =>
            {
                using var answer = await anonymous.PostAsJsonAsync($"/api/public/notices/{listId}/objections",
                    new { line = l, reason = "此人家有两套住房", channel = "Hotline" });
                if (answer.StatusCode == HttpStatusCode.Created)
                {
                    Interlocked.Increment(ref accepted);
                }
                return (l, answer.StatusCode);
            }));
            await Task.Delay(15);
            if (line == Lines / 2)
            {
                await Eventually.Get(() => Task.FromResult(Volatile.Read(ref accepted)), n => n > 0, TimeSpan.FromSeconds(30));
                Relief.Clock.SetUtcNow(closesAt.AddSeconds(1));
            }
        }
        var outcomes = await Task.WhenAll(sends);

        Assert.All(outcomes, o => Assert.Contains(o.Status, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
        Assert.Contains(outcomes, o => o.Status == HttpStatusCode.Created);
        Assert.Contains(outcomes, o => o.Status == HttpStatusCode.Conflict);
        // The list closes by its reminder; then each line shows which side won it, and only that side.
        await Eventually.Get(async () => (await anonymous.GetFromJsonAsync<JsonElement>($"/api/public/notices/{listId}")).GetProperty("closed").GetBoolean(),
            closed => closed, TimeSpan.FromSeconds(30));
        var objections = (await Relief.Http.GetFromJsonAsync<JsonElement>($"/api/notices/{listId}/objections?limit=200")).GetProperty("items").EnumerateArray()
            .ToDictionary(o => o.GetProperty("line").GetInt32(), o => o.GetProperty("state").GetString());
        Assert.Equal(Lines, objections.Count);
        foreach (var (line, status) in outcomes)
        {
            var won = status == HttpStatusCode.Created;
            Assert.Equal(won ? "Open" : "Late", objections[line]);
            Assert.Equal(won ? "Suspended" : "Payable", (await scenario.Case(caseOfLine[line])).GetProperty("status").GetString());
        }
    }

    private async Task<JsonElement> Account(CaseScenario scenario, string unit) =>
        await Relief.Http.GetFromJsonAsync<JsonElement>($"/api/programmes/{scenario.ProgrammeId}/orgunits/{unit}/account");
}
