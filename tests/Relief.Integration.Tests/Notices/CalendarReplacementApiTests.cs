using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Relief.Integration.Tests.Api;
using Relief.Integration.Tests.Infrastructure;
using static Relief.Integration.Tests.Api.CaseScenario;
using static Relief.Integration.Tests.Notices.CalendarAnnouncements;

namespace Relief.Integration.Tests.Notices;

/// <summary>
/// The national admin replaces a year's holiday calendar when the State Council announces it: the open notice
/// windows it changes are listed first, then recounted and journalled; a window counted on a provisional year
/// says so. A silo of its own: the calendar is one for the whole system, and other tests count days on it.
/// </summary>
public sealed class CalendarReplacementApiTests(CalendarReplacementApiTests.Silo silo) : IClassFixture<CalendarReplacementApiTests.Silo>
{
    public sealed class Silo : IAsyncLifetime
    {
        public EmbeddedSiloFixture Embedded { get; } = new();

        public Task InitializeAsync() => Embedded.InitializeAsync();

        public Task DisposeAsync() => Embedded.DisposeAsync();
    }

    private EmbeddedSiloFixture Relief => silo.Embedded;

    private Task<JsonElement> Year(int year) => CalendarAnnouncements.Year(Relief, year);

    private Task<HttpResponseMessage> Replace(int year, object body, string user = "admin") => CalendarAnnouncements.Replace(Relief, year, body, user);

    [Fact]
    public async Task The_shipped_calendar_says_2026_is_announced_and_2027_is_provisional()
    {
        var years = (await Relief.Http.GetFromJsonAsync<JsonElement>("/api/calendars")).GetProperty("items").EnumerateArray().ToList();

        Assert.False(years.Single(y => y.GetProperty("year").GetInt32() == 2026).GetProperty("provisional").GetBoolean());
        Assert.True(years.Single(y => y.GetProperty("year").GetInt32() == 2027).GetProperty("provisional").GetBoolean());
    }

    [Fact]
    public async Task Replacing_a_year_lists_the_open_windows_it_changes_first_then_recounts_and_journals_each_list()
    {
        // Whatever today is: the years this test's window can touch are made provisional first.
        await MakeProvisional(Relief, DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)));
        var scenario = await CaseScenario.Publish(Relief, """{ "route": ["Branch"], "notice": { "level": "Branch", "days": 5 } }""");
        var caseId = await scenario.FileOk(NanshanBranch, Applicant(NewIdNumber()));
        await scenario.Expect(HttpStatusCode.OK, await scenario.Decide(caseId, NanshanBranch, "approve"));
        using var published = await Relief.Send($"approver-{NanshanBranch}", NanshanBranch, HttpMethod.Post,
            $"/api/programmes/{scenario.ProgrammeId}/orgunits/{NanshanBranch}/notices/publish");
        var listId = (await published.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("listId").GetString();
        var posted = (await Relief.Silo.Anonymous.GetFromJsonAsync<JsonElement>($"/api/public/notices/{listId}")).GetProperty("window");
        Assert.True(posted.GetProperty("provisional").GetBoolean());

        // The announcement makes a counted weekday after the first a holiday.
        var (first, last) = (Day(posted.GetProperty("firstDay")), Day(posted.GetProperty("lastDay")));
        var announced = await Year(last.Year);
        var dayOff = CountedWeekday(first, last, announced);
        var official = Replacement(announced, provisional: false, [dayOff]);

        var preview = await Relief.Send("admin", "CN", HttpMethod.Post, $"/api/calendars/{last.Year}/preview", official);
        var previewed = await preview.Content.ReadFromJsonAsync<JsonElement>();
        var change = Assert.Single(previewed.GetProperty("changes").EnumerateArray(), c => c.GetProperty("listId").GetString() == listId);
        Assert.Equal(last, Day(change.GetProperty("before").GetProperty("lastDay")));
        Assert.True(Day(change.GetProperty("after").GetProperty("lastDay")) > last);
        Assert.Equal(posted.GetRawText(), (await Relief.Silo.Anonymous.GetFromJsonAsync<JsonElement>($"/api/public/notices/{listId}")).GetProperty("window").GetRawText());

        using var stale = await Replace(last.Year, Replacement(announced, provisional: false, [dayOff], expectedVersion: announced.GetProperty("version").GetInt32() - 1));
        using var notAdmin = await Replace(last.Year, official, user: "approver-CN");
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, notAdmin.StatusCode);

        using var replaced = await Replace(last.Year, official);
        var applied = await replaced.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal(announced.GetProperty("version").GetInt32() + 1, applied.GetProperty("version").GetInt32());
        Assert.Equal(change.GetProperty("after").GetRawText(),
            Assert.Single(applied.GetProperty("changes").EnumerateArray(), c => c.GetProperty("listId").GetString() == listId).GetProperty("after").GetRawText());
        var window = (await Relief.Silo.Anonymous.GetFromJsonAsync<JsonElement>($"/api/public/notices/{listId}")).GetProperty("window");
        Assert.Equal(Day(change.GetProperty("after").GetProperty("lastDay")), Day(window.GetProperty("lastDay")));
        Assert.Equal(first.Year == last.Year, !window.GetProperty("provisional").GetBoolean());

        // Sent again (an answer lost on the way): nothing changes twice.
        using var again = await Replace(last.Year, official);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.DoesNotContain((await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("changes").EnumerateArray(), c => c.GetProperty("listId").GetString() == listId);
        var journal = (await Relief.Send($"approver-{NanshanBranch}", NanshanBranch, HttpMethod.Get, $"/api/notices/{listId}")).Content;
        var recounts = (await journal.ReadFromJsonAsync<JsonElement>()).GetProperty("journal").EnumerateArray().Where(e => e.GetProperty("kind").GetString() == "WindowRecounted").ToList();
        var recount = Assert.Single(recounts);
        Assert.Equal("admin@CN", recount.GetProperty("actor").GetString());
        Assert.Contains($"calendar {last.Year} version", recount.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(applied.GetProperty("version").GetInt32(), recount.GetProperty("calendarVersion").GetInt32());
        Assert.Equal(last, Day(recount.GetProperty("before").GetProperty("lastDay")));
        Assert.Equal(Day(window.GetProperty("lastDay")), Day(recount.GetProperty("after").GetProperty("lastDay")));
    }

    [Theory]
    [InlineData("""{ "provisional": false, "holidays": ["2027-01-01", "2028-01-01"], "workingWeekendDays": [], "expectedVersion": 0 }""", "holidays[1]")]
    [InlineData("""{ "provisional": false, "holidays": ["2027-01-01"], "workingWeekendDays": ["2027-01-04"], "expectedVersion": 0 }""", "workingWeekendDays[0]")]
    [InlineData("""{ "provisional": false, "holidays": ["2027-01-01", "2027-01-01"], "workingWeekendDays": [], "expectedVersion": 0 }""", "holidays")]
    [InlineData("""{ "provisional": false, "holidays": ["2027-02-06"], "workingWeekendDays": ["2027-02-06"], "expectedVersion": 0 }""", "workingWeekendDays")]
    [InlineData("""{ "holidays": ["2027-01-01"], "workingWeekendDays": [], "expectedVersion": 0 }""", "provisional")]
    [InlineData("""{ "provisional": false, "holidays": ["2027-01-01"], "workingWeekendDays": [] }""", "expectedVersion")]
    [InlineData("""{ "provisional": false, "holidays": ["2027-01-01"], "holidays": ["2027-01-02"], "workingWeekendDays": [], "expectedVersion": 0 }""", "holidays")]
    public async Task A_wrong_calendar_is_refused_naming_the_field_and_nothing_changes(string body, string field)
    {
        var before = await Year(2027);

        using var response = await Replace(2027, body);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(before.GetRawText(), (await Year(2027)).GetRawText());
    }
}
