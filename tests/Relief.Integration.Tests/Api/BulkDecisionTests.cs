using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Relief.Integration.Tests.Infrastructure;
using Relief.Workflows.Quotas;
using static Relief.Integration.Tests.Api.CaseScenario;

namespace Relief.Integration.Tests.Api;

/// <summary>
/// A bulk decision decides its cases a few at a time, and answers as if one after another: in the order listed, one
/// answer per case, each case moved at most once, and the last places of a quota to the cases listed first.
/// </summary>
[Collection(SharedEmbeddedSilo.Name)]
public sealed class BulkDecisionTests(EmbeddedSiloFixture silo)
{
    private sealed record Answer(string Id, int Status, string? Detail);

    [Fact]
    public async Task A_bulk_approval_of_120_with_100_places_left_approves_the_first_100_listed_and_refuses_the_last_20()
    {
        var scenario = await CaseScenario.Publish(silo, """{ "route": ["District"] }""", quota: 105);
        var early = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            early.Add(await scenario.FileOk(NanshanBranch, Applicant(NewIdNumber())));
            await scenario.Expect(HttpStatusCode.OK, await scenario.Decide(early[^1], Nanshan, "approve"));
        }
        await scenario.FileMany(NanshanBranch, 120);
        // The inbox's page, oldest first, selected whole.
        var listed = (await scenario.Queue(Nanshan, "&limit=500")).GetProperty("items").EnumerateArray()
            .Select(line => (Id: line.GetProperty("caseId").GetString()!, Version: line.GetProperty("caseVersion").GetInt32()))
            .ToList();
        Assert.Equal(120, listed.Count);
        Assert.Equal(100, (await scenario.Quota(Nanshan)).GetProperty("left").GetInt32());

        var answers = await Approve(listed.Select(c => new { id = c.Id, version = c.Version }));

        Assert.Equal(listed.Select(c => c.Id), answers.Select(a => a.Id));
        Assert.All(answers.Take(100), a => Assert.Equal((200, null), (a.Status, a.Detail)));
        Assert.All(answers.Skip(100), a =>
        {
            Assert.Equal(409, a.Status);
            Assert.Equal($"The recipient quota of {Nanshan} in this programme is used up (or none was allocated).", a.Detail);
        });
        var quota = await scenario.Quota(Nanshan);
        Assert.Equal((105, 105, 0), (quota.GetProperty("quota").GetInt32(), quota.GetProperty("used").GetInt32(), quota.GetProperty("left").GetInt32()));
        foreach (var (id, _) in listed.Take(100))
        {
            var approved = await scenario.Case(id);
            Assert.Single(approved.GetProperty("journal").EnumerateArray(), e => e.GetProperty("step").GetString() == "approve@District");
            Assert.NotEqual(Nanshan, approved.GetProperty("waitingAt").GetString());
        }
        foreach (var (id, version) in listed.Skip(100))
        {
            var refused = await scenario.Case(id);
            Assert.DoesNotContain(refused.GetProperty("journal").EnumerateArray(), e => e.GetProperty("step").GetString() == "approve@District");
            Assert.Equal((Nanshan, version), (refused.GetProperty("waitingAt").GetString(), refused.GetProperty("version").GetInt32()));
        }
        Assert.Equal(listed.Skip(100).Select(c => c.Id), (await scenario.Queue(Nanshan, "&limit=500")).GetProperty("items").EnumerateArray()
            .Select(line => line.GetProperty("caseId").GetString()!));

        // Twenty more places, and the same twenty sent again: each is approved now, the quota exactly used.
        await scenario.HandDownQuota(NanshanBranch, 125);
        var again = await Approve(listed.Skip(100).Select(c => new { id = c.Id, version = c.Version }));
        Assert.All(again, a => Assert.Equal(200, a.Status));
        Assert.Equal((125, 0), ((await scenario.Quota(Nanshan)).GetProperty("used").GetInt32(), (await scenario.Quota(Nanshan)).GetProperty("left").GetInt32()));
    }

    [Fact]
    public async Task A_later_case_reaching_the_quota_first_does_not_take_the_last_place_from_one_listed_before_it()
    {
        var race = new QuotaRace();
        await using var host = await InProcessHost.Start(services => services.AddSingleton<IOutgoingGrainCallFilter>(race));
        var scenario = await CaseScenario.Publish(host, """{ "route": ["District"] }""", quota: 10);
        await scenario.FileMany(NanshanBranch, 14);
        var listed = (await scenario.Queue(Nanshan)).GetProperty("items").EnumerateArray().Select(line => line.GetProperty("caseId").GetString()!).ToList();
        // The tenth case's call for a place waits until the eleventh's has been answered, should that one be in flight.
        race.Hold(Guid.Parse(listed[9]), until: Guid.Parse(listed[10]));

        var answers = await Approve(host, listed.Select(id => new { id }));

        Assert.Equal(listed, answers.Select(a => a.Id));
        Assert.Equal([.. Enumerable.Repeat(200, 10), .. Enumerable.Repeat(409, 4)], answers.Select(a => a.Status));
        Assert.Equal(0, (await scenario.Quota(Nanshan)).GetProperty("left").GetInt32());
    }

    [Fact]
    public async Task A_mixed_list_answers_each_case_as_before_in_the_order_listed()
    {
        var scenario = await CaseScenario.Publish(silo, """{ "route": ["Branch", "District"] }""");
        var ready = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            ready.Add(await scenario.FileOk(NanshanBranch, Applicant(NewIdNumber())));
            await scenario.Expect(HttpStatusCode.OK, await scenario.Decide(ready[^1], NanshanBranch, "approve"));
        }
        var stale = ready[2];
        var atBranch = await scenario.FileOk(NanshanBranch, Applicant(NewIdNumber()));
        var otherProvince = await scenario.FileOk(XuanwuBranch, Applicant(NewIdNumber()));
        var unknown = Guid.NewGuid().ToString();
        var staleVersion = (await scenario.Case(stale)).GetProperty("version").GetInt32() - 1;

        var answers = await Approve(new object[]
        {
            new { id = ready[0] }, new { id = unknown }, new { id = stale, version = staleVersion }, new { id = atBranch },
            new { id = ready[1] }, new { id = otherProvince }, new { id = ready[3] },
        });

        Assert.Equal([ready[0], unknown, stale, atBranch, ready[1], otherProvince, ready[3]], answers.Select(a => a.Id));
        Assert.Equal([200, 404, 409, 403, 200, 404, 200], answers.Select(a => a.Status));
        Assert.Equal("no such case among what you may read", answers[1].Detail);
        Assert.Equal("no such case among what you may read", answers[5].Detail);
        Assert.Equal($"You act at your own unit {Nanshan}; this is done by {NanshanBranch}.", answers[3].Detail);
        Assert.Contains("has changed since you read it", answers[2].Detail, StringComparison.Ordinal);
        foreach (var approved in new[] { ready[0], ready[1], ready[3] })
        {
            Assert.Single((await scenario.Case(approved)).GetProperty("journal").EnumerateArray(), e => e.GetProperty("step").GetString() == "approve@District");
        }
        Assert.Equal(Nanshan, (await scenario.Case(stale)).GetProperty("waitingAt").GetString());
        Assert.Equal(NanshanBranch, (await scenario.Case(atBranch)).GetProperty("waitingAt").GetString());
        Assert.Equal(XuanwuBranch, (await scenario.Case(otherProvince)).GetProperty("waitingAt").GetString());
    }

    private Task<List<Answer>> Approve(IEnumerable<object> cases) => Approve(silo, cases);

    private static async Task<List<Answer>> Approve(IReliefHttp host, IEnumerable<object> cases)
    {
        using var response = await host.Send($"approver-{Nanshan}", Nanshan, HttpMethod.Post, "/api/cases/decisions", new { decision = "approve", cases });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return [.. JsonDocument.Parse(text).RootElement.GetProperty("results").EnumerateArray().Select(r => new Answer(
            r.GetProperty("id").GetString()!, r.GetProperty("status").GetInt32(),
            r.TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.String ? detail.GetString() : null))];
    }

    /// <summary>
    /// Holds one case's call for a quota place until another case's call has been answered (at most a few seconds, so
    /// that a bulk which never sends the other while the first is in flight goes on): arrival at the quota grain
    /// turned against the order listed.
    /// </summary>
    private sealed class QuotaRace : IOutgoingGrainCallFilter
    {
        private sealed record Pair(Guid Held, Guid Until);

        private readonly TaskCompletionSource _overtaken = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private volatile Pair? _pair;

        public void Hold(Guid held, Guid until) => _pair = new Pair(held, until);

        public async Task Invoke(IOutgoingGrainCallContext context)
        {
            var caseId = context.MethodName == nameof(IQuotaGrain.TryTake) ? context.Request.GetArgument(0) as Guid? : null;
            if (_pair is { } pair && caseId == pair.Held)
            {
                await Task.WhenAny(_overtaken.Task, Task.Delay(TimeSpan.FromSeconds(5)));
            }
            await context.Invoke();
            if (_pair is { } overtaking && caseId == overtaking.Until)
            {
                _overtaken.TrySetResult();
            }
        }
    }
}
