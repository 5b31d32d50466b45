using System.Net;
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
            await Task.Delay(TimeSpan.FromMilliseconds(500));
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
