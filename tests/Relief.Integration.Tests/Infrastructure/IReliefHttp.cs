namespace Relief.Integration.Tests.Infrastructure;

/// <summary>A running Relief reached over HTTP: a silo process, or the in-process host of the browser tests.</summary>
public interface IReliefHttp
{
    /// <summary>Reads as a national auditor unless a request carries its own token.</summary>
    HttpClient Http { get; }

    /// <summary>A request as a user of a unit, with the role the user's name begins with.</summary>
    Task<HttpResponseMessage> Send(string user, string unit, HttpMethod method, string path, object? body = null);
}
