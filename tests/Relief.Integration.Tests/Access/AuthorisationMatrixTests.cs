using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using Relief.Api.Acting;
using Relief.Integration.Tests.Infrastructure;

namespace Relief.Integration.Tests.Access;

/// <summary>Where a caller's unit sits relative to the unit of what they call.</summary>
public enum Relation
{
    Own,
    Parent,
    Child,
    Sibling,
    OtherProvince,
}

/// <summary>What came of a call, as far as access goes.</summary>
public enum Outcome
{
    Unauthorized,
    Forbidden,

    /// <summary>404 as for what does not exist: outside the caller's subtree.</summary>
    Hidden,

    /// <summary>Through the gate: the handler answered (a read with 200; an act with its own result, here a 400 or 409).</summary>
    Passed,
}

/// <summary>
/// Every signed-in route × every role × the caller at the resource's own unit, its parent, a child, a sibling and
/// another province. The expected outcome comes from the rules of the issue, written out in <see cref="Expected"/>.
/// </summary>
[Collection(SharedEmbeddedSilo.Name)]
public sealed class AuthorisationMatrixTests(EmbeddedSiloFixture silo)
{
    public const string HiddenDetail = "Nothing with this address exists among what you may read.";

    private static readonly Dictionary<ResourceAt, Dictionary<Relation, string>> Callers = new()
    {
        [ResourceAt.District] = new()
        {
            [Relation.Own] = "CN-44-03-05",
            [Relation.Parent] = "CN-44-03",
            [Relation.Child] = "CN-44-03-05-0001",
            [Relation.Sibling] = "CN-44-03-04",
            [Relation.OtherProvince] = "CN-32-01-02",
        },
        [ResourceAt.Branch] = new()
        {
            [Relation.Own] = "CN-44-03-05-0001",
            [Relation.Parent] = "CN-44-03-05",
            [Relation.Sibling] = "CN-44-03-05-0002",
            [Relation.OtherProvince] = "CN-32-01-02-0001",
        },
        [ResourceAt.National] = new()
        {
            [Relation.Own] = "CN",
            [Relation.Child] = "CN-44",
        },
    };

    public static TheoryData<string, ReliefRole, Relation> Cells()
    {
        var cells = new TheoryData<string, ReliefRole, Relation>();
        foreach (var route in AccessRoutes.All)
        {
            foreach (var role in Enum.GetValues<ReliefRole>())
            {
                foreach (var relation in Callers[route.At].Keys)
                {
                    cells.Add(route.Name, role, relation);
                }
            }
        }
        return cells;
    }

    public static Outcome Expected(AccessRoute route, ReliefRole role, Relation relation)
    {
        var holdsRole = route.Roles.Contains(role);
        var sees = relation is Relation.Own or Relation.Parent;
        return route.Gate switch
        {
            Gate.Read => sees ? Outcome.Passed : Outcome.Hidden,
            Gate.ReadUpAndDown => sees || relation == Relation.Child ? Outcome.Passed : Outcome.Hidden,
            Gate.ActAtUnit => relation == Relation.Own && holdsRole ? Outcome.Passed : sees ? Outcome.Forbidden : Outcome.Hidden,
            Gate.ActOnVisible => !sees ? Outcome.Hidden : holdsRole ? Outcome.Passed : Outcome.Forbidden,
            Gate.ActAsRole => holdsRole ? Outcome.Passed : Outcome.Forbidden,
            Gate.National => relation == Relation.Own && holdsRole ? Outcome.Passed : Outcome.Forbidden,
            _ => Outcome.Passed,
        };
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Each_role_at_each_place_gets_what_the_rules_say(string routeName, ReliefRole role, Relation relation)
    {
        var world = await AccessWorld.Of(silo);
        var route = AccessRoutes.All.Single(r => r.Name == routeName);
        var unit = Callers[route.At][relation];
        var token = TestTokens.For($"matrix-{role.Name()}-{unit}", unit, role);

        using var request = Request(token, route, world);
        using var response = await silo.Silo.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        var outcome = Classify(response.StatusCode, text);
        Assert.True(Expected(route, role, relation) == outcome,
            $"{route.Name} as {role} at {unit} ({relation}): expected {Expected(route, role, relation)}, got {(int)response.StatusCode} {text}");
        if (outcome == Outcome.Passed && route.Method == HttpMethod.Get && route.ReadsAlwaysOk)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task Every_signed_in_route_the_silo_maps_is_in_the_matrix()
    {
        var world = await AccessWorld.Of(silo);
        var document = await silo.Silo.Anonymous.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var inMatrix = AccessRoutes.All.Select(r => (r.Method.Method, Path: r.Path(world).Split('?')[0])).ToList();

        var missing = new List<string>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            if (!path.Name.StartsWith("/api/", StringComparison.Ordinal) || path.Name.StartsWith("/api/public/", StringComparison.Ordinal) || path.Name == "/api/auth/sign-in")
            {
                continue; // the public routes and sign-in need no token: the bad-input corpus covers them
            }
            var template = new System.Text.RegularExpressions.Regex("^" + System.Text.RegularExpressions.Regex.Replace(path.Name, @"\{[^}]+\}", "[^/]+") + "$");
            foreach (var method in path.Value.EnumerateObject())
            {
                if (!inMatrix.Any(r => r.Method.Equals(method.Name, StringComparison.OrdinalIgnoreCase) && template.IsMatch(r.Path)))
                {
                    missing.Add($"{method.Name.ToUpperInvariant()} {path.Name}");
                }
            }
        }
        Assert.True(missing.Count == 0, $"routes the matrix does not try: {string.Join(", ", missing)}");
    }

    [Fact]
    public async Task Without_a_valid_token_every_signed_in_route_answers_401()
    {
        var world = await AccessWorld.Of(silo);
        var expired = TestTokens.Sign("clerk", "CN-44-03-05-0001", ["clerk"], TestTokens.SigningKey, "relief", DateTime.UtcNow.AddMinutes(-10));
        var otherKey = TestTokens.Sign("admin", "CN", ["admin"], Convert.ToBase64String(new byte[32]), "relief", DateTime.UtcNow.AddHours(1));
        var otherIssuer = TestTokens.Sign("admin", "CN", ["admin"], TestTokens.SigningKey, "someone-else", DateTime.UtcNow.AddHours(1));
        var noUnit = TestTokens.Sign("admin", "not-a-unit", ["admin"], TestTokens.SigningKey, "relief", DateTime.UtcNow.AddHours(1));

        foreach (var route in AccessRoutes.All)
        {
            foreach (var token in new[] { null, expired, otherKey, otherIssuer, noUnit })
            {
                using var request = Request(token, route, world);
                // The interim headers of earlier versions no longer say who anybody is.
                request.Headers.Add("X-Relief-User", "admin");
                request.Headers.Add("X-Relief-Unit", "CN");
                using var response = await silo.Silo.Anonymous.SendAsync(request);
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{route.Name} with {(token is null ? "no token" : "a bad token")}: {(int)response.StatusCode}");
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }
    }

    [Fact]
    public async Task Denials_are_logged_with_the_user_the_unit_and_the_route()
    {
        var world = await AccessWorld.Of(silo);
        using var forbidden = await silo.Send("clerk-denied-log", "CN-44-03-05", HttpMethod.Post,
            $"/api/programmes/{world.ProgrammeId}/orgunits/CN-44-03-05/grants", new { amount = "1.00", source = "OwnFunds" });
        using var hidden = await silo.Send("approver-hidden-log", "CN-32-01-02", HttpMethod.Get, $"/api/cases/{world.WaitingCase}");

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        var log = await Eventually.Get(() => Task.FromResult(silo.Silo.Output), o => o.Contains("approver-hidden-log", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        Assert.Contains($"Denied clerk-denied-log of CN-44-03-05: POST /api/programmes/{world.ProgrammeId}/orgunits/CN-44-03-05/grants (403)", log, StringComparison.Ordinal);
        Assert.Contains($"Denied approver-hidden-log of CN-32-01-02: GET /api/cases/{world.WaitingCase} is outside their subtree", log, StringComparison.Ordinal);
    }

    private static HttpRequestMessage Request(string? token, AccessRoute route, AccessWorld world)
    {
        var request = EmbeddedSiloFixture.WithToken(token, route.Method, route.Path(world), route.ContentType is null ? route.Body : null);
        if (route.ContentType is { } type)
        {
            request.Content = new StringContent((string)route.Body!, new System.Net.Http.Headers.MediaTypeHeaderValue(type));
        }
        return request;
    }

    private static Outcome Classify(HttpStatusCode status, string body) => status switch
    {
        HttpStatusCode.Unauthorized => Outcome.Unauthorized,
        HttpStatusCode.Forbidden => Outcome.Forbidden,
        HttpStatusCode.NotFound when IsHidden(body) => Outcome.Hidden,
        _ => Outcome.Passed,
    };

    private static bool IsHidden(string body)
    {
        try
        {
            return JsonDocument.Parse(body).RootElement.TryGetProperty("detail", out var detail) && detail.GetString() == HiddenDetail;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
