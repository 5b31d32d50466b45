using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Relief.Api.Acting;
using Relief.Bench.Hosting;

namespace Relief.Bench.Season;

/// <summary>An answer of the API: status, body and how long the round trip took.</summary>
public sealed record ApiAnswer(HttpStatusCode Status, string Body, TimeSpan Elapsed)
{
    public bool Ok => (int)Status is >= 200 and < 300;

    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
}

/// <summary>
/// The HTTP API as the season's users call it: each call carries the bearer token of a user at a unit with a role.
/// A refused call fails the run at once (the harness drives a season that should go through without a refusal).
/// </summary>
public sealed class ReliefApi(HttpClient http, BenchTokens tokens)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<ApiAnswer> Send(HttpMethod method, string path, string user, string unit, ReliefRole role, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.For(user, unit, role));
        if (body is not null)
        {
            var text = body as string ?? JsonSerializer.Serialize(body, Json);
            request.Content = new StringContent(text, Encoding.UTF8, "application/json");
        }
        var started = Stopwatch.GetTimestamp();
        using var response = await http.SendAsync(request);
        var answer = await response.Content.ReadAsStringAsync();
        return new ApiAnswer(response.StatusCode, answer, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>Sends and insists on a 2xx answer.</summary>
    public async Task<ApiAnswer> Expect(HttpMethod method, string path, string user, string unit, ReliefRole role, object? body = null)
    {
        var answer = await Send(method, path, user, unit, role, body);
        return answer.Ok
            ? answer
            : throw new SeasonRefusedException($"{method} {path} as {user}@{unit}: {(int)answer.Status} {Shorten(answer.Body)}");
    }

    private static string Shorten(string text) => text.Length <= 600 ? text : text[..600] + "…";
}

/// <summary>The API refused a step of the season that should have gone through.</summary>
public sealed class SeasonRefusedException(string message) : Exception(message);
