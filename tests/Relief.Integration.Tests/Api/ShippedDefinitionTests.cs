using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Relief.Integration.Tests.Infrastructure;
using static Relief.Integration.Tests.Api.CaseScenario;

namespace Relief.Integration.Tests.Api;

/// <summary>
/// Each workflow shipped in <c>src/Workflows/Definitions/Examples</c>, loaded through the API and run end to end by
/// the people it names, over HTTP: approvals, a committee's vote, a home-visit report, a countersign in parallel,
/// a notice, a payment, a signed hand-over, needs followed up.
/// </summary>
public sealed class ShippedDefinitionTests(ShippedDefinitionTests.HostFixture fixture) : IClassFixture<ShippedDefinitionTests.HostFixture>
{
    /// <summary>One whole Relief in the test process for the class, its domain clock moved past each notice window.</summary>
    public sealed class HostFixture : IAsyncLifetime
    {
        public InProcessHost Host { get; private set; } = null!;

        public async Task InitializeAsync() => Host = await InProcessHost.Start();

        public async Task DisposeAsync() => await Host.DisposeAsync();
    }

    private const string Shenzhen = CaseScenario.Shenzhen;
    private const string Guangdong = "CN-44";

    private static readonly string[] VisitNeeds = ["子女助学"];
    private static readonly string[] HandedOver = ["大米 1袋", "食用油 1桶"];
    private static readonly string[] ModelWorkerNeeds = ["住房漏雨需修缮", "子女就业咨询"];

    private InProcessHost Host => fixture.Host;

    private async Task<CaseScenario> Programme(string example, bool allowAboveStandard = false)
    {
        var listed = await Host.Http.GetFromJsonAsync<JsonElement>("/api/programmes/workflow-examples");
        Assert.Contains(listed.EnumerateArray(), e => e.GetProperty("name").GetString() == example);
        var definition = await Host.Http.GetStringAsync($"/api/programmes/workflow-examples/{example}");
        return await Publish(Host, definition, allowAboveStandard);
    }

    private async Task<JsonElement> Task(string caseId, string node) =>
        Assert.Single((await Case(caseId)).GetProperty("tasks").EnumerateArray(), t => t.GetProperty("node").GetString() == node);

    private async Task<JsonElement> Case(string caseId) => await Host.Http.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}");

    private async Task<HttpResponseMessage> Complete(string user, string unit, JsonElement task, string outcome, object? answers = null, string? comment = null) =>
        await Host.Send(user, unit, HttpMethod.Post, $"/api/tasks/{task.GetProperty("taskId").GetString()}/complete", new { outcome, answers, comment });

    private static async Task<JsonElement> Ok(HttpResponseMessage response)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"expected 200, got {(int)response.StatusCode}: {text}");
            return JsonDocument.Parse(text).RootElement.Clone();
        }
    }

    private static async Task<JsonElement> Problem(HttpStatusCode status, HttpResponseMessage response)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
            return JsonDocument.Parse(text).RootElement.Clone();
        }
    }

    /// <summary>Publishes the unit's notice list, moves the domain clock past its window and waits for the case to be payable.</summary>
    private async Task NoticeAndWait(CaseScenario scenario, string caseId, string unit)
    {
        using var published = await Host.Send($"approver.notice-{unit}", unit, HttpMethod.Post, $"/api/programmes/{scenario.ProgrammeId}/orgunits/{unit}/notices/publish");
        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        var listId = (await published.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("listId").GetString()!;
        var list = await Host.Http.GetFromJsonAsync<JsonElement>($"/api/public/notices/{listId}");
        Host.Clock.SetUtcNow(list.GetProperty("window").GetProperty("closesAt").GetDateTimeOffset().AddMinutes(1));
        await Eventually.Get(async () => (await Case(caseId)).GetProperty("status").GetString(), status => status == "Payable", TimeSpan.FromSeconds(60));
    }

    private async Task Pay(string caseId)
    {
        using var paid = await Host.Send($"finance-{NanshanBranch}", NanshanBranch, HttpMethod.Post, $"/api/cases/{caseId}/payment",
            new { method = "BankTransfer", reference = $"ref-{caseId[..8]}" });
        Assert.True(paid.StatusCode == HttpStatusCode.OK, await paid.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_standard_ladder_climbs_district_city_province_is_noticed_at_the_district_and_paid()
    {
        var scenario = await Programme("standard-ladder");
        var caseId = await scenario.FileOk(NanshanBranch, Applicant(NewIdNumber()));
        await scenario.Expect(HttpStatusCode.OK, await scenario.Decide(caseId, Nanshan, "approve"));
        await scenario.Expect(HttpStatusCode.OK, await scenario.Decide(caseId, Shenzhen, "approve"));
        await scenario.Expect(HttpStatusCode.OK, await scenario.Decide(caseId, Guangdong, "approve"));
        Assert.Equal("Approved", (await Case(caseId)).GetProperty("status").GetString());

        await NoticeAndWait(scenario, caseId, Nanshan);
        await Pay(caseId);

        var paid = await Case(caseId);
        Assert.Equal("Paid", paid.GetProperty("status").GetString());
        Assert.Equal(["file", "approve@District", "approve@City", "approve@Provincial", "notice", "notice-closed", "pay"],
            paid.GetProperty("journal").EnumerateArray().Select(e => e.GetProperty("step").GetString()));
        Assert.Equal(1, (await scenario.Quota(Guangdong)).GetProperty("used").GetInt32());
        Assert.Empty(paid.GetProperty("tasks").EnumerateArray());
    }

    [Fact]
    public async Task A_hardship_grant_runs_the_visit_the_committee_vote_the_district_the_notice_the_payment_and_the_signed_hand_over()
    {
        var scenario = await Programme("hardship-grant");
        var caseId = await scenario.FileOk(NanshanBranch, Applicant(NewIdNumber()));

        // The visit report: a wrong answer is refused, naming the field, and nothing changes.
        var visit = await Task(caseId, "visit");
        var before = await Case(caseId);
        var wrong = await Problem(HttpStatusCode.BadRequest, await Complete($"clerk.visitor-{NanshanBranch}", NanshanBranch, visit, "done",
            new { visitedOn = "2027-01-05", visitors = "李梅、王强", findings = "丈夫卧病，两个孩子上学", householdIncome = "-5", confirmed = true }));
        Assert.True(wrong.GetProperty("errors").TryGetProperty("answers.householdIncome", out _), wrong.ToString());
        var missing = await Problem(HttpStatusCode.BadRequest, await Complete($"clerk.visitor-{NanshanBranch}", NanshanBranch, visit, "done",
            new { visitedOn = "2027-01-05", findings = "丈夫卧病", householdIncome = "900.00", confirmed = "yes" }));
        Assert.True(missing.GetProperty("errors").TryGetProperty("answers.visitors", out _), missing.ToString());
        Assert.True(missing.GetProperty("errors").TryGetProperty("answers.confirmed", out _), missing.ToString());
        Assert.Equal(before.GetProperty("version").GetInt32(), (await Case(caseId)).GetProperty("version").GetInt32());

        var visited = await Ok(await Complete($"clerk.visitor-{NanshanBranch}", NanshanBranch, visit, "done",
            new { visitedOn = "2027-01-05", visitors = "李梅、王强", findings = "丈夫卧病，两个孩子上学", householdIncome = "900.00", needs = VisitNeeds, confirmed = true }));
        var report = Assert.Single(visited.GetProperty("journal").EnumerateArray(), e => e.GetProperty("node").GetString() == "visit");
        Assert.Equal("李梅、王强", report.GetProperty("answers").GetProperty("visitors").GetString());
        Assert.Equal("900.00", report.GetProperty("answers").GetProperty("householdIncome").GetString());

        // The branch committee: 3 of 5. Two for and two against leave it open; a second vote is refused; the third approval decides.
        var vote = await Task(caseId, "vote");
        await Ok(await Complete($"committee.m1-{NanshanBranch}", NanshanBranch, vote, "approve"));
        await Ok(await Complete($"committee.m2-{NanshanBranch}", NanshanBranch, vote, "reject", comment: "收入核实不清"));
        await Ok(await Complete($"committee.m3-{NanshanBranch}", NanshanBranch, vote, "approve"));
        await Problem(HttpStatusCode.Conflict, await Complete($"committee.m1-{NanshanBranch}", NanshanBranch, vote, "approve"));
        await Ok(await Complete($"committee.m4-{NanshanBranch}", NanshanBranch, vote, "reject", comment: "建议下次"));
        var open = await Task(caseId, "vote");
        Assert.Equal(Enumerable.Range(1, 4).Select(m => $"committee.m{m}-{NanshanBranch}"), open.GetProperty("voted").EnumerateArray().Select(v => v.GetString()));
        await Problem(HttpStatusCode.Forbidden, await Complete($"approver-{NanshanBranch}", NanshanBranch, vote, "approve"));
        var decided = await Ok(await Complete($"committee.m5-{NanshanBranch}", NanshanBranch, vote, "approve"));
        Assert.Contains(decided.GetProperty("journal").EnumerateArray(), e => e.GetProperty("step").GetString() == "approve@Branch"
            && e.GetProperty("comment").GetString()!.Contains("3 of 3 approvals needed, 5 of 5 voted", StringComparison.Ordinal));

        await scenario.Expect(HttpStatusCode.OK, await scenario.Decide(caseId, Nanshan, "approve"));
        await NoticeAndWait(scenario, caseId, Nanshan);
        await Pay(caseId);
        Assert.Equal("Paid", (await Case(caseId)).GetProperty("status").GetString());

        // The goods handed over and signed for: the case ends once the household has signed.
        var handover = await Task(caseId, "handover");
        await Problem(HttpStatusCode.BadRequest, await Complete($"clerk-{NanshanBranch}", NanshanBranch, handover, "done", new { signedOn = "2027-01-20" }));
        var signed = await Ok(await Complete($"clerk-{NanshanBranch}", NanshanBranch, handover, "done",
            new { signedBy = "张建明", signedOn = "2027-01-20", items = HandedOver }));
        Assert.Empty(signed.GetProperty("tasks").EnumerateArray());
        Assert.Equal("Paid", signed.GetProperty("status").GetString());
        // Completing the hand-over again returns the first result.
        await Ok(await Complete($"clerk-{NanshanBranch}", NanshanBranch, handover, "done",
            new { signedBy = "张建明", signedOn = "2027-01-20", items = HandedOver }));
        Assert.Equal(1, (await scenario.Quota(NanshanBranch)).GetProperty("used").GetInt32());
        Assert.Equal(1, (await scenario.Quota(Nanshan)).GetProperty("used").GetInt32());
    }

    [Fact]
    public async Task Five_committee_members_voting_at_once_from_five_clients_decide_it_exactly_once()
    {
        var scenario = await Programme("hardship-grant");
        var caseId = await scenario.FileOk(NanshanBranch, Applicant(NewIdNumber()));
        await Ok(await Complete($"clerk-{NanshanBranch}", NanshanBranch, await Task(caseId, "visit"), "done",
            new { visitedOn = "2027-01-05", visitors = "李梅", findings = "丈夫卧病", householdIncome = "900.00", confirmed = true }));
        var taskId = (await Task(caseId, "vote")).GetProperty("taskId").GetString();

        var clients = Enumerable.Range(1, 5).Select(_ => new HttpClient { BaseAddress = Host.Address }).ToList();
        try
        {
            var votes = await System.Threading.Tasks.Task.WhenAll(clients.Select(async (client, i) =>
            {
                using var request = EmbeddedSiloFixture.As($"committee.m{i + 1}-{NanshanBranch}", NanshanBranch, HttpMethod.Post,
                    $"/api/tasks/{taskId}/complete", new { outcome = "approve" });
                using var answer = await client.SendAsync(request);
                return answer.StatusCode;
            }));
            // Three votes are counted (the third decides); the two that come after the decision are told it was taken.
            Assert.Equal(3, votes.Count(v => v == HttpStatusCode.OK));
            Assert.Equal(2, votes.Count(v => v == HttpStatusCode.Conflict));
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
        var view = await Case(caseId);
        Assert.Single(view.GetProperty("journal").EnumerateArray(), e => e.GetProperty("step").GetString() == "approve@Branch");
        Assert.Equal(2, view.GetProperty("journal").EnumerateArray().Count(e => e.GetProperty("step").GetString() == "vote@Branch"));
        Assert.Equal(Nanshan, view.GetProperty("waitingAt").GetString());
        Assert.Equal(1, (await scenario.Quota(NanshanBranch)).GetProperty("used").GetInt32());
    }

    [Fact]
    public async Task A_large_grant_is_countersigned_by_both_city_offices_and_a_rejection_on_one_closes_the_other()
    {
        var scenario = await Programme("large-grant-countersign", allowAboveStandard: true);
        var large = await scenario.FileOk(NanshanBranch, Applicant(NewIdNumber(), amount: "5000.01"));
        var small = await scenario.FileOk(NanshanBranch, Applicant(NewIdNumber(), amount: "5000.00"));
        var refused = await scenario.FileOk(NanshanBranch, Applicant(NewIdNumber(), amount: "6000.00"));
        foreach (var id in new[] { large, small, refused })
        {
            await scenario.Expect(HttpStatusCode.OK, await scenario.Decide(id, Nanshan, "approve"));
        }

        // 5,000.00 yuan is not above the threshold: no countersign, straight to the notice.
        Assert.Equal("Approved", (await Case(small)).GetProperty("status").GetString());
        Assert.Equal(["financeOffice", "hardshipOffice"],
            (await Case(large)).GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("node").GetString()).Order());
        // Its diagram marks both offices where it stands, in parallel.
        var diagram = await Host.Http.GetStringAsync($"/api/cases/{large}/diagram");
        Assert.StartsWith("flowchart TD", diagram, StringComparison.Ordinal);
        Assert.Contains("class financeOffice,hardshipOffice current", diagram.Replace("hardshipOffice,financeOffice", "financeOffice,hardshipOffice", StringComparison.Ordinal), StringComparison.Ordinal);

        // The finance office signs first; the case still waits for the hardship office, then goes on.
        await Ok(await Complete($"finance-{Shenzhen}", Shenzhen, await Task(large, "financeOffice"), "approve"));
        Assert.Equal("Waiting", (await Case(large)).GetProperty("status").GetString());
        Assert.Equal(["hardshipOffice"], (await Case(large)).GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("node").GetString()));
        await Ok(await Complete($"approver-{Shenzhen}", Shenzhen, await Task(large, "hardshipOffice"), "approve"));
        Assert.Equal("Approved", (await Case(large)).GetProperty("status").GetString());

        // A rejection by the hardship office closes the finance office's open task, and the journal says why.
        var finance = await Task(refused, "financeOffice");
        var rejected = await Ok(await Complete($"approver-{Shenzhen}", Shenzhen, await Task(refused, "hardshipOffice"), "reject", comment: "家庭收入超标"));
        Assert.Equal("Rejected", rejected.GetProperty("status").GetString());
        var closed = Assert.Single(rejected.GetProperty("journal").EnumerateArray(), e => e.GetProperty("step").GetString() == "closed@financeOffice");
        Assert.Contains("rejected", closed.GetProperty("comment").GetString(), StringComparison.Ordinal);
        await Problem(HttpStatusCode.Conflict, await Complete($"finance-{Shenzhen}", Shenzhen, finance, "approve"));
        var cityQueue = await scenario.Queue(Shenzhen);
        Assert.DoesNotContain(cityQueue.GetProperty("items").EnumerateArray(), l => l.GetProperty("caseId").GetString() == refused);
        Assert.Equal(1, (await scenario.Quota(Shenzhen)).GetProperty("used").GetInt32());
    }

    [Fact]
    public async Task A_model_worker_visit_records_the_letter_pays_and_follows_every_need_until_each_is_answered()
    {
        var scenario = await Programme("model-worker-visit");
        var caseId = await scenario.FileOk(NanshanBranch, Applicant(NewIdNumber(), category: "model-worker"));
        await scenario.Expect(HttpStatusCode.OK, await scenario.Decide(caseId, Nanshan, "approve"));
        await Ok(await Complete($"clerk-{NanshanBranch}", NanshanBranch, await Task(caseId, "visit"), "done",
            new { visitedOn = "2027-01-08", mode = "上门走访", needs = ModelWorkerNeeds }));
        await Problem(HttpStatusCode.BadRequest, await Complete($"clerk-{NanshanBranch}", NanshanBranch, await Task(caseId, "letter"), "posted"));
        await Ok(await Complete($"clerk-{NanshanBranch}", NanshanBranch, await Task(caseId, "letter"), "sent", new { sentOn = "2027-01-09" }));
        await Pay(caseId);

        var needs = (await Case(caseId)).GetProperty("tasks").EnumerateArray().ToList();
        Assert.Equal(2, needs.Count);
        Assert.All(needs, n => Assert.Equal(Nanshan, n.GetProperty("unitCode").GetString()));
        var queue = await scenario.Queue(Nanshan, "&waitingFor=Task");
        Assert.True(queue.GetProperty("items").EnumerateArray().Count(l => l.GetProperty("caseId").GetString() == caseId) == 2, queue.ToString());

        await Problem(HttpStatusCode.BadRequest, await Complete($"approver-{Nanshan}", Nanshan, needs[0], "answered", new { }));
        await Ok(await Complete($"approver-{Nanshan}", Nanshan, needs[0], "answered", new { answer = "已联系街道安排维修" }));
        Assert.Single((await Case(caseId)).GetProperty("tasks").EnumerateArray());
        var done = await Ok(await Complete($"approver-{Nanshan}", Nanshan, needs[1], "answered", new { answer = "已推荐至区就业服务中心" }));
        Assert.Empty(done.GetProperty("tasks").EnumerateArray());
        Assert.Equal("Paid", done.GetProperty("status").GetString());
        Assert.Equal(2, done.GetProperty("journal").EnumerateArray().Count(e => e.GetProperty("step").GetString() == "answered@followUps"));
        // No approval above the district: the city never saw it.
        Assert.Equal(0, (await scenario.Quota(Shenzhen)).GetProperty("used").GetInt32());
    }
}
