using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Relief.Integration.Tests.Faults;

/// <summary>
/// More than a thousand generated bad requests across every route of the API: each is refused with a 4xx
/// answer in problem details (a 400 names the field and the reason), none gets a 5xx, and nothing stored
/// changes, to the byte.
/// </summary>
public sealed class BadInputTests(BadInputWorld world) : IClassFixture<BadInputWorld>
{
    // The public routes allow 60 requests a minute from one address, sign-in 20; the corpus stays below both.
    private const int PublicBudget = 60;

    [Fact]
    public async Task Every_bad_request_gets_a_4xx_problem_and_changes_nothing()
    {
        var corpus = new BadInputCorpus(world.World, world).Generate();
        Assert.True(corpus.Count >= 1_000, $"the corpus has only {corpus.Count} requests");
        Assert.True(corpus.Count(r => r.Public && r.Route != "sign-in") < PublicBudget, "the public part of the corpus exceeds the public rate limit");
        var before = await QuietState();

        var wrong = new List<string>();
        foreach (var request in corpus)
        {
            using var message = request.ToMessage();
            using var response = await world.Silo.Http.SendAsync(message);
            if (await WhatIsWrong(response) is { } problem)
            {
                wrong.Add($"{request} → {problem}");
            }
        }

        Assert.True(wrong.Count == 0, $"{wrong.Count} of {corpus.Count} bad requests were not refused properly:{Environment.NewLine}{string.Join(Environment.NewLine, wrong.Take(250))}");
        var after = await StoredState.Read(world.Silo.DataFolder);
        Assert.True(before.SameAs(after), $"the stored state changed:{Environment.NewLine}before {before}{Environment.NewLine}after  {after}");
        Assert.DoesNotContain("Unhandled exception", world.Silo.Silo.Output, StringComparison.OrdinalIgnoreCase);

        // Whatever the sweep left stored must still read: every kind of record, through the routes that show it.
        var unreadable = await UnreadableRecords();
        Assert.True(unreadable.Count == 0, $"stored records that no longer read after the sweep:{Environment.NewLine}{string.Join(Environment.NewLine, unreadable)}");
    }

    /// <summary>
    /// Reads every kind of stored record of the world: programmes and their routes, cases and their journals
    /// (every case the queues list too), notice lists, their objections and journals, accounts, ledgers,
    /// statements and roll-ups of each unit down both demo chains, quotas, spot checks, the calendar.
    /// Returns each read that did not answer 200.
    /// </summary>
    private async Task<List<string>> UnreadableRecords()
    {
        var w = world.World;
        var auditor = Infrastructure.TestTokens.For("auditor.cn", "CN", Relief.Api.Acting.ReliefRole.Auditor);
        var paths = new List<string> { "/api/programmes?limit=500", "/api/calendars", $"/api/spot-checks/{w.SpotCheck}",
            $"/api/notices/{w.NoticeList}", $"/api/notices/{w.NoticeList}/objections", $"/api/public/notices/{w.NoticeList}" };
        var programmes = await world.Silo.Http.GetFromJsonAsync<JsonElement>("/api/programmes?limit=500");
        foreach (var programme in programmes.GetProperty("items").EnumerateArray())
        {
            var id = programme.GetProperty("id").GetString();
            paths.Add($"/api/programmes/{id}");
            if (programme.GetProperty("status").GetString() != "Draft")
            {
                paths.Add($"/api/programmes/{id}/workflow"); // a draft may have no route yet (404 by design)
            }
        }
        var cases = new HashSet<string> { w.WaitingCase, w.NoticedCase };
        foreach (var unit in new[] { "CN", "CN-44", "CN-44-03", "CN-44-03-05", "CN-44-03-05-0001", "CN-32", "CN-32-01", "CN-32-01-02", "CN-32-01-02-0001" })
        {
            var p = $"/api/programmes/{w.ProgrammeId}/orgunits/{unit}";
            paths.AddRange([$"/api/orgunits/{unit}", $"{p}/account", $"{p}/ledger?limit=500", $"{p}/statement", $"{p}/rollup", $"{p}/rollup?format=csv",
                $"{p}/quota", $"{p}/unpaid", $"{p}/notices", $"{p}/spot-checks", $"/api/orgunits/{unit}/escalations?programme={w.ProgrammeId}"]);
            foreach (var waitingFor in new[] { "decision", "amendment" })
            {
                var queue = await world.Silo.Http.GetFromJsonAsync<JsonElement>($"/api/orgunits/{unit}/queue?programme={w.ProgrammeId}&waitingFor={waitingFor}&limit=500");
                cases.UnionWith(queue.GetProperty("items").EnumerateArray().Select(l => l.GetProperty("caseId").GetString()!));
            }
        }
        paths.AddRange(cases.SelectMany(id => new[] { $"/api/cases/{id}", $"/api/cases/{id}/trace" }));

        var unreadable = new List<string>();
        foreach (var path in paths)
        {
            using var request = Infrastructure.EmbeddedSiloFixture.WithToken(auditor, HttpMethod.Get, path);
            using var response = await world.Silo.Silo.Http.SendAsync(request);
            // A trace of a case not paid yet is a 409 by design; anything 5xx, or a 4xx elsewhere, is a record that does not read.
            var fine = response.StatusCode == HttpStatusCode.OK || (path.EndsWith("/trace", StringComparison.Ordinal) && (int)response.StatusCode is 404 or 409);
            if (!fine)
            {
                unreadable.Add($"GET {path} → {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }
        return unreadable;
    }

    /// <summary>Null when the answer is a proper refusal: 4xx, problem details, and for a 400 the fields at fault.</summary>
    private static async Task<string?> WhatIsWrong(HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync();
        var shortText = text.Length > 300 ? text[..300] + "…" : text;
        if (status is < 400 or >= 500)
        {
            return $"{status}: {shortText}";
        }
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return $"{status} as {response.Content.Headers.ContentType?.MediaType ?? "no content type"}: {shortText}";
        }
        using var problem = JsonDocument.Parse(text);
        if (!problem.RootElement.TryGetProperty("status", out var said) || said.GetInt32() != status)
        {
            return $"{status} whose problem says another status: {shortText}";
        }
        if (response.StatusCode == HttpStatusCode.BadRequest
            && !(problem.RootElement.TryGetProperty("errors", out var errors) && errors.EnumerateObject().Any(e => e.Value.EnumerateArray().Any(r => r.GetString() is { Length: > 0 }))))
        {
            return $"400 naming no field: {shortText}";
        }
        return null;
    }

    /// <summary>The stored state once the world's own after-effects (deliveries, notice boards) have settled.</summary>
    private async Task<StoredState> QuietState()
    {
        var state = await StoredState.Read(world.Silo.DataFolder);
        for (var i = 0; i < 20; i++)
        {
            // Longer than the activity counts' one-second batch (ADR 11), so a flush still on its way is seen.
            await Task.Delay(TimeSpan.FromMilliseconds(1500));
            var again = await StoredState.Read(world.Silo.DataFolder);
            if (again.SameAs(state))
            {
                return again;
            }
            state = again;
        }
        throw new TimeoutException($"the stored state kept changing with no requests: {state}");
    }
}
