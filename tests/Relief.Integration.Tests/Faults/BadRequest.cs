using System.Net.Http.Headers;
using System.Text;
using Relief.Integration.Tests.Infrastructure;

namespace Relief.Integration.Tests.Faults;

/// <summary>One request the API must refuse: where it goes, who sends it, and what is wrong with it.</summary>
public sealed record BadRequest(string Route, string What, HttpMethod Method, string Path, string? Token, byte[]? Body, string? ContentType,
    IReadOnlyDictionary<string, string>? Headers = null)
{
    /// <summary>Sent without a token on the public routes; the rate limit of those routes counts them.</summary>
    public bool Public => Token is null;

    public HttpRequestMessage ToMessage()
    {
        var request = EmbeddedSiloFixture.WithToken(Token, Method, Path);
        if (Body is not null)
        {
            request.Content = new ByteArrayContent(Body);
            if (ContentType is not null)
            {
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(ContentType);
            }
            // As a browser or curl does for a large upload: the server can refuse it (413) before the body is sent,
            // instead of closing the connection under a client still writing.
            request.Headers.ExpectContinue = Body.Length > 64 * 1024;
        }
        foreach (var (name, value) in Headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        return request;
    }

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public override string ToString() => $"{Route}: {What} ({Method} {(Path.Length > 120 ? Path[..120] + "…" : Path)})";
}
