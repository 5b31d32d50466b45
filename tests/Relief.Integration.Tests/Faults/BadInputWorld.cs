using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Relief.Integration.Tests.Access;
using Relief.Integration.Tests.Api;
using Relief.Integration.Tests.Infrastructure;
using static Relief.Integration.Tests.Api.CaseScenario;

namespace Relief.Integration.Tests.Faults;

/// <summary>
/// A silo of its own (so no other test writes while the state is compared) holding what the bad requests aim
/// at: the access matrix's world (a programme, a waiting case, a noticed case, a published list, a spot check),
/// a draft programme, and a case filed with an idempotency key that the corpus replays with another body.
/// </summary>
public sealed class BadInputWorld : IAsyncLifetime
{
    public EmbeddedSiloFixture Silo { get; } = new();

    public AccessWorld World { get; private set; } = null!;

    public string DraftProgrammeId { get; private set; } = "";

    public string FiledKey { get; } = "filing-" + Guid.NewGuid().ToString("N");

    public JsonObject FiledBody { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Silo.InitializeAsync();
        World = await AccessWorld.Make(Silo);
        using (var draft = await Silo.Send("admin", "CN", HttpMethod.Post, "/api/programmes", ProgrammeSamples.Terms("2028年草案")))
        {
            Assert.Equal(HttpStatusCode.Created, draft.StatusCode);
            DraftProgrammeId = (await draft.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        }
        // Money at the district that nobody has passed on yet: a wrong allocation or reclaim must then be refused
        // for being wrong, not merely for want of money.
        using (var granted = await Silo.Send($"finance-{Nanshan}", Nanshan, HttpMethod.Post, $"/api/programmes/{World.ProgrammeId}/orgunits/{Nanshan}/grants",
                   new { source = "LocalGovernment", amount = "50000.00" }))
        {
            Assert.Equal(HttpStatusCode.Created, granted.StatusCode);
        }
        // An objection on record, so that the read-back after the sweep reads one.
        using (var objection = await Silo.Silo.Anonymous.PostAsJsonAsync($"/api/public/notices/{World.NoticeList}/objections",
                   new { line = 1, reason = "此人家庭条件较好", channel = "Hotline" }))
        {
            Assert.Equal(HttpStatusCode.Created, objection.StatusCode);
        }
        FiledBody = JsonSerializer.SerializeToNode(Applicant(NewIdNumber()))!.AsObject();
        var scenario = new CaseScenario(Silo, World.ProgrammeId);
        using var filed = await scenario.File(NanshanBranch, FiledBody, FiledKey);
        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
    }

    public Task DisposeAsync() => Silo.DisposeAsync();
}
