using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Relief.Integration.Tests.Api;
using Relief.Integration.Tests.Infrastructure;
using static Relief.Integration.Tests.Api.CaseScenario;

namespace Relief.Integration.Tests.Access;

/// <summary>
/// What the authorisation matrix acts on, made once on the shared silo: a programme whose route ends in a notice at
/// the district, a case waiting at the Nanshan branch, a published notice list and a spot check at Nanshan.
/// </summary>
public sealed class AccessWorld
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static AccessWorld? _world;

    public required string ProgrammeId { get; init; }
    public required string WaitingCase { get; init; }

    /// <summary>The open task of <see cref="WaitingCase"/>: its branch's approval.</summary>
    public required string WaitingTask { get; init; }
    public required string NoticedCase { get; init; }
    public required string NoticeList { get; init; }
    public required string SpotCheck { get; init; }

    public static async Task<AccessWorld> Of(EmbeddedSiloFixture silo)
    {
        await Gate.WaitAsync();
        try
        {
            return _world ??= await Make(silo);
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Makes a new world on <paramref name="silo"/> (the matrix shares one; other suites make their own).</summary>
    public static async Task<AccessWorld> Make(IReliefHttp silo)
    {
        var scenario = await CaseScenario.Publish(silo, """{ "route": ["Branch", "District"], "notice": { "level": "District", "days": 5 } }""");
        var noticed = await scenario.FileOk(NanshanBranch, Applicant(NewIdNumber()));
        await scenario.Expect(HttpStatusCode.OK, await scenario.Decide(noticed, NanshanBranch, "approve"));
        await scenario.Expect(HttpStatusCode.OK, await scenario.Decide(noticed, Nanshan, "approve"));
        using var published = await silo.Send($"approver-{Nanshan}", Nanshan, HttpMethod.Post,
            $"/api/programmes/{scenario.ProgrammeId}/orgunits/{Nanshan}/notices/publish");
        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        var listId = (await published.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("listId").GetString()!;
        using var drawn = await silo.Send($"auditor-{Nanshan}", Nanshan, HttpMethod.Post,
            $"/api/programmes/{scenario.ProgrammeId}/orgunits/{Nanshan}/spot-checks", new { percent = 10 });
        Assert.Equal(HttpStatusCode.Created, drawn.StatusCode);
        var waiting = await scenario.FileOk(NanshanBranch, Applicant(NewIdNumber()));
        using var waitingCase = await silo.Send($"approver-{NanshanBranch}", NanshanBranch, HttpMethod.Get, $"/api/cases/{waiting}");
        var task = (await waitingCase.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("tasks")[0].GetProperty("taskId").GetString()!;
        return new AccessWorld
        {
            ProgrammeId = scenario.ProgrammeId,
            WaitingCase = waiting,
            WaitingTask = task,
            NoticedCase = noticed,
            NoticeList = listId,
            SpotCheck = (await drawn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!,
        };
    }
}
