using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Relief.Integration.Tests.Infrastructure;
using static Relief.Integration.Tests.Api.CaseScenario;

namespace Relief.Integration.Tests.Api;

/// <summary>The public's side of a notice: masked lists, objections without sign-in, within limits.</summary>
[Collection(SharedEmbeddedSilo.Name)]
public sealed class NoticeApiTests(EmbeddedSiloFixture silo)
{
    private const string NoticedAtBranch = """{ "route": ["Branch"], "notice": { "level": "Branch", "days": 5 } }""";

    [Fact]
    public async Task A_published_list_shows_only_masked_data_and_an_objection_suspends_its_case()
    {
        var scenario = await CaseScenario.Publish(silo, NoticedAtBranch);
        var people = Enumerable.Range(0, 4).Select(_ => NewIdNumber()).ToList();
        var names = new[] { "王", "李娜", "张建明", "欧阳晓燕" };
        var cases = new List<string>();
        for (var i = 0; i < people.Count; i++)
        {
            var body = JsonSerializer.SerializeToNode(Applicant(people[i]))!;
            body["applicant"]!["name"] = names[i];
            var id = await scenario.FileOk(NanshanBranch, body);
            await scenario.Expect(HttpStatusCode.OK, await scenario.Decide(id, NanshanBranch, "approve"));
            cases.Add(id);
        }
        Assert.Equal("Approved", (await scenario.Case(cases[0])).GetProperty("status").GetString());
        using var early = await silo.Send($"finance-{NanshanBranch}", NanshanBranch, HttpMethod.Post, $"/api/cases/{cases[0]}/payment", new { method = "Cash", reference = "x" });
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);

        using var published = await silo.Send($"approver-{NanshanBranch}", NanshanBranch, HttpMethod.Post,
            $"/api/programmes/{scenario.ProgrammeId}/orgunits/{NanshanBranch}/notices/publish");
        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        var listId = (await published.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("listId").GetString();

        using var anonymous = new HttpClient { BaseAddress = silo.Silo.BaseAddress };
        var listText = await anonymous.GetStringAsync($"/api/public/notices/{listId}");
        var boardText = await anonymous.GetStringAsync($"/api/public/programmes/{scenario.ProgrammeId}/orgunits/{NanshanBranch}/notices");
        var programmesText = await anonymous.GetStringAsync("/api/public/programmes");
        using var objection = await anonymous.PostAsJsonAsync($"/api/public/notices/{listId}/objections",
            new { line = 3, reason = "此人家庭条件较好", channel = "Online" });
        var objectionText = await objection.Content.ReadAsStringAsync();

        var list = JsonDocument.Parse(listText).RootElement;
        Assert.Equal(["王", "李*", "张*明", "欧**燕"], list.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("maskedName").GetString()));
        Assert.All(list.GetProperty("lines").EnumerateArray(), l => Assert.Matches("^[0-9]{6}\\*{8}[0-9]{3}[0-9X]$", l.GetProperty("maskedIdNumber").GetString()));
        Assert.Equal("12351", list.GetProperty("hotline").GetString());
        Assert.Equal(listId, JsonDocument.Parse(boardText).RootElement.GetProperty("items")[0].GetProperty("listId").GetString());
        Assert.Contains(scenario.ProgrammeId, programmesText, StringComparison.Ordinal);
        foreach (var person in people)
        {
            Assert.DoesNotContain(person, listText, StringComparison.Ordinal);
            Assert.DoesNotContain(person, objectionText, StringComparison.Ordinal);
            Assert.DoesNotContain(person, boardText, StringComparison.Ordinal);
            Assert.DoesNotContain(person, programmesText, StringComparison.Ordinal);
            Assert.DoesNotContain(person[6..14], listText, StringComparison.Ordinal); // not even the birth date
        }
        Assert.Equal(HttpStatusCode.Created, objection.StatusCode);
        Assert.Equal("Suspended", (await scenario.Case(cases[2])).GetProperty("status").GetString());
        Assert.Equal("Noticed", (await scenario.Case(cases[0])).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Bad_or_oversized_objections_are_refused_and_change_nothing()
    {
        var scenario = await CaseScenario.Publish(silo, NoticedAtBranch);
        var id = await scenario.FileOk(NanshanBranch, Applicant(NewIdNumber()));
        await scenario.Expect(HttpStatusCode.OK, await scenario.Decide(id, NanshanBranch, "approve"));
        using var published = await silo.Send($"approver-{NanshanBranch}", NanshanBranch, HttpMethod.Post,
            $"/api/programmes/{scenario.ProgrammeId}/orgunits/{NanshanBranch}/notices/publish");
        var listId = (await published.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("listId").GetString();
        using var anonymous = new HttpClient { BaseAddress = silo.Silo.BaseAddress };

        using var noLine = await anonymous.PostAsJsonAsync($"/api/public/notices/{listId}/objections", new { line = 9, reason = "x", channel = "Hotline" });
        using var huge = await anonymous.PostAsJsonAsync($"/api/public/notices/{listId}/objections", new { line = 1, reason = new string('举', 20_000), channel = "Hotline" });

        Assert.Equal(HttpStatusCode.BadRequest, noLine.StatusCode);
        Assert.True(huge.StatusCode is HttpStatusCode.RequestEntityTooLarge or HttpStatusCode.BadRequest, huge.StatusCode.ToString());
        Assert.Equal("Noticed", (await scenario.Case(id)).GetProperty("status").GetString());
    }
}
