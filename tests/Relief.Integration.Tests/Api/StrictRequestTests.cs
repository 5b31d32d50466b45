using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Relief.Integration.Tests.Infrastructure;
using static Relief.Integration.Tests.Api.CaseScenario;

namespace Relief.Integration.Tests.Api;

/// <summary>
/// What a new user's tests found the API taking that it should not: comma-joined enum names, goods of no
/// quantity, names of combining marks, a property given twice, a filing that is not declared as JSON. Each is
/// refused with a 400 (or 415) naming the field, and nothing is stored.
/// </summary>
[Collection(SharedEmbeddedSilo.Name)]
public sealed class StrictRequestTests(EmbeddedSiloFixture silo)
{
    private const string NoticedAtBranch = """{ "route": ["Branch"], "notice": { "level": "Branch", "days": 5 } }""";

    private static async Task<JsonElement> Problem(HttpResponseMessage response, HttpStatusCode status)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            return JsonDocument.Parse(text).RootElement.Clone();
        }
    }

    private static string[] Reasons(JsonElement problem, string field) =>
        [.. problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(r => r.GetString()!)];

    private async Task<(string ListId, string CaseId)> PublishedList(CaseScenario scenario)
    {
        var caseId = await scenario.FileOk(NanshanBranch, Applicant(NewIdNumber()));
        await scenario.Expect(HttpStatusCode.OK, await scenario.Decide(caseId, NanshanBranch, "approve"));
        using var published = await silo.Send($"approver-{NanshanBranch}", NanshanBranch, HttpMethod.Post,
            $"/api/programmes/{scenario.ProgrammeId}/orgunits/{NanshanBranch}/notices/publish");
        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        return ((await published.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("listId").GetString()!, caseId);
    }

    [Fact]
    public async Task An_objection_on_two_joined_channels_is_refused_and_the_objections_stay_readable()
    {
        var scenario = await CaseScenario.Publish(silo, NoticedAtBranch);
        var (listId, caseId) = await PublishedList(scenario);
        using var anonymous = new HttpClient { BaseAddress = silo.Silo.BaseAddress };

        var problem = await Problem(await anonymous.PostAsync($"/api/public/notices/{listId}/objections",
            new StringContent("""{ "line": 1, "reason": "此人家有两套住房", "channel": "Letter,Online" }""", Encoding.UTF8, "application/json")),
            HttpStatusCode.BadRequest);

        Assert.Equal(["one of Hotline, Letter, Online"], Reasons(problem, "channel"));
        Assert.Equal("Noticed", (await scenario.Case(caseId)).GetProperty("status").GetString());
        using var objections = await silo.Send($"approver-{NanshanBranch}", NanshanBranch, HttpMethod.Get, $"/api/notices/{listId}/objections");
        Assert.Equal(HttpStatusCode.OK, objections.StatusCode);
        Assert.Equal(0, (await objections.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_programme_whose_category_joins_two_income_limits_is_refused()
    {
        var terms = JsonSerializer.SerializeToNode(ProgrammeSamples.Terms($"联合收入标准 {Guid.NewGuid():N}"))!;
        terms["categories"]![1]!["eligibility"]!["incomeLimit"] = "BelowMinimumLivingLine,BelowLineTimesFactor";

        var problem = await Problem(await silo.Send("admin", "CN", HttpMethod.Post, "/api/programmes", terms), HttpStatusCode.BadRequest);

        Assert.Contains("BelowMinimumLivingLine", Reasons(problem, "categories[1].eligibility.incomeLimit")[0], StringComparison.Ordinal);
        var listed = await silo.Http.GetFromJsonAsync<JsonElement>("/api/programmes?limit=500");
        Assert.DoesNotContain(listed.GetProperty("items").EnumerateArray(), p => p.GetProperty("name").GetString()!.StartsWith("联合收入标准", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("ProvincialSubsidy,LocalGovernment")]
    [InlineData("LocalGovernment,SocialDonation")]
    [InlineData("3")]
    public async Task A_grant_from_two_joined_sources_is_refused_and_nothing_is_booked(string source)
    {
        var scenario = await CaseScenario.Publish(silo, NoticedAtBranch, fund: false);
        var grants = $"/api/programmes/{scenario.ProgrammeId}/orgunits/{Nanshan}/grants";

        var problem = await Problem(await silo.Send($"finance-{Nanshan}", Nanshan, HttpMethod.Post, grants,
            $$"""{ "source": "{{source}}", "amount": "0.02", "donor": "某公司" }"""), HttpStatusCode.BadRequest);

        Assert.Contains("NationalAllocation, ProvincialSubsidy, LocalGovernment, OwnFunds, SocialDonation", Reasons(problem, "source")[0], StringComparison.Ordinal);
        var ledger = await silo.Http.GetFromJsonAsync<JsonElement>($"/api/programmes/{scenario.ProgrammeId}/orgunits/{Nanshan}/ledger");
        Assert.Equal(0, ledger.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_decision_of_return_and_reject_joined_is_refused_and_the_case_keeps_waiting()
    {
        var scenario = await CaseScenario.Publish(silo, """{ "route": ["Branch"] }""");
        var caseId = await scenario.FileOk(NanshanBranch, Applicant(NewIdNumber()));

        var problem = await Problem(await scenario.Decide(caseId, NanshanBranch, "Return,Reject", "材料不全"), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("decision", out _));
        var view = await scenario.Case(caseId);
        Assert.Equal("Waiting", view.GetProperty("status").GetString());
        Assert.Single(view.GetProperty("journal").EnumerateArray());
    }

    [Theory]
    [InlineData(-5)]
    [InlineData(0)]
    public async Task Goods_of_no_or_negative_quantity_are_refused_and_nothing_is_filed(int quantity)
    {
        var scenario = await CaseScenario.Publish(silo, """{ "route": ["Branch"] }""");
        var body = JsonSerializer.SerializeToNode(Applicant(NewIdNumber()))!;
        body["goods"] = new JsonArray(new JsonObject { ["name"] = "大米", ["quantity"] = quantity, ["unit"] = "袋", ["unitValue"] = "50.00" });

        var problem = await Problem(await scenario.File(NanshanBranch, body), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("goods[0].quantity", out _), problem.ToString());
        Assert.Equal(0, (await scenario.Queue(NanshanBranch)).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_name_of_combining_marks_only_is_refused()
    {
        var scenario = await CaseScenario.Publish(silo, """{ "route": ["Branch"] }""");
        var body = JsonSerializer.SerializeToNode(Applicant(NewIdNumber()))!;
        body["applicant"]!["name"] = "\u0301\u0301\u0301";

        var problem = await Problem(await scenario.File(NanshanBranch, body), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("applicant.name", out _), problem.ToString());
        Assert.Equal(0, (await scenario.Queue(NanshanBranch)).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_filing_that_gives_the_amount_or_the_id_number_twice_is_refused()
    {
        var scenario = await CaseScenario.Publish(silo, """{ "route": ["Branch"] }""");
        var good = NewIdNumber();
        var bad = good[..17] + (good[17] == '0' ? '1' : '0');
        var applicant = $$"""{ "name": "张建明", "idNumber": "{{good}}", "householdSize": 3, "monthlyIncomePerHead": "900.00", "category": "archived", "reason": "家庭成员重病" }""";

        var amountTwice = await Problem(await scenario.File(NanshanBranch, $$"""{ "applicant": {{applicant}}, "amount": "1500.00", "amount": "1.00" }"""), HttpStatusCode.BadRequest);
        var idTwice = await Problem(await scenario.File(NanshanBranch,
            $$"""{ "applicant": {{applicant.Replace($"\"idNumber\": \"{good}\"", $"\"idNumber\": \"{bad}\", \"idNumber\": \"{good}\"", StringComparison.Ordinal)}} }"""), HttpStatusCode.BadRequest);

        Assert.Equal(["the property is given more than once; give it once"], Reasons(amountTwice, "amount"));
        Assert.True(idTwice.GetProperty("errors").TryGetProperty("applicant.idNumber", out _), idTwice.ToString());
        Assert.Equal(0, (await scenario.Queue(NanshanBranch)).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_decision_that_says_reject_then_approve_is_refused()
    {
        var scenario = await CaseScenario.Publish(silo, """{ "route": ["Branch"] }""");
        var caseId = await scenario.FileOk(NanshanBranch, Applicant(NewIdNumber()));

        var problem = await Problem(await silo.Send($"approver-{NanshanBranch}", NanshanBranch, HttpMethod.Post, $"/api/cases/{caseId}/decisions",
            """{ "decision": "reject", "comment": "x", "decision": "approve" }"""), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("decision", out _));
        Assert.Equal("Waiting", (await scenario.Case(caseId)).GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData(null)]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task A_filing_not_declared_as_json_is_refused_with_415(string? contentType)
    {
        var scenario = await CaseScenario.Publish(silo, """{ "route": ["Branch"] }""");
        using var request = EmbeddedSiloFixture.As($"clerk-{NanshanBranch}", NanshanBranch, HttpMethod.Post, $"/api/programmes/{scenario.ProgrammeId}/cases");
        request.Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(Applicant(NewIdNumber())));
        if (contentType is not null)
        {
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        }

        var problem = await Problem(await silo.Silo.Http.SendAsync(request), HttpStatusCode.UnsupportedMediaType);

        Assert.Equal(["send application/json"], Reasons(problem, "Content-Type"));
        Assert.Equal(0, (await scenario.Queue(NanshanBranch)).GetProperty("total").GetInt32());
    }
}
