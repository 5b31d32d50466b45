using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Relief.Api.Common;

/// <summary>
/// Answers a request the API could not even read (malformed JSON, a value of the wrong type, a query value that
/// is not a number, the wrong content type) with validation problem details naming the field and the reason, as
/// every other refusal does. Minimal APIs throw these as <see cref="BadHttpRequestException"/> when
/// <c>ThrowOnBadRequest</c> is on; without this handler the caller would get a bare "Bad Request".
/// </summary>
public sealed partial class RequestBindingProblems(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad || httpContext.Response.HasStarted)
        {
            return false;
        }
        var (field, reason) = Describe(bad);
        httpContext.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = new Microsoft.AspNetCore.Mvc.ValidationProblemDetails(new Dictionary<string, string[]> { [field] = [reason] })
            {
                Status = bad.StatusCode,
                Title = bad.StatusCode == StatusCodes.Status400BadRequest ? "The request could not be read." : "The request was refused.",
                Detail = $"{field}: {reason}",
            },
        });
    }

    /// <summary>The field at fault and why, in the words the API's validation uses.</summary>
    internal static (string Field, string Reason) Describe(BadHttpRequestException bad)
    {
        if (bad.InnerException is JsonException json)
        {
            return Describe(json);
        }
        if (bad.StatusCode == StatusCodes.Status415UnsupportedMediaType)
        {
            return ("Content-Type", "send application/json");
        }
        if (bad.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return ("body", "the body is too large");
        }
        if (BindingFailure().Match(bad.Message) is { Success: true } failed)
        {
            return (failed.Groups["name"].Value, $"'{failed.Groups["value"].Value}' is not {Kind(failed.Groups["type"].Value)}");
        }
        if (bad.Message.Contains("body", StringComparison.OrdinalIgnoreCase))
        {
            return ("body", "the body is missing or empty");
        }
        return ("request", FirstSentence(bad.Message));
    }

    private static string Kind(string type) => type.Replace("Nullable<", "", StringComparison.Ordinal).TrimEnd('>') switch
    {
        "int" or "long" or "short" => "a whole number",
        "decimal" or "double" => "a number",
        "Guid" => "an id (a GUID)",
        "DateOnly" => "a date (yyyy-MM-dd)",
        "DateTimeOffset" or "DateTime" => "a date and time (ISO 8601)",
        "bool" => "true or false",
        var other => $"a valid {other}",
    };

    /// <summary>The field a JSON body went wrong at and why (routes that read their body themselves use this too).</summary>
    public static (string Field, string Reason) Describe(JsonException json)
    {
        var field = FieldOf(json.Path);
        if (json is JsonFieldException refused)
        {
            return (field.Length == 0 ? "body" : field, refused.Reason);
        }
        if (DuplicateProperty().IsMatch(json.Message))
        {
            // A repeated property would otherwise be read as its last value, silently (1500.00, then 1.00).
            return (field.Length == 0 ? "body" : field, "the property is given more than once; give it once");
        }
        return field.Length == 0
            ? ("body", $"not valid JSON ({FirstSentence(json.Message)})")
            : (field, "a value of the wrong type or form for this field");
    }

    /// <summary>"$.applicant.householdSize" → "applicant.householdSize"; "$" → "".</summary>
    private static string FieldOf(string? path) =>
        path is null or "$" ? "" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return (end < 0 ? message : message[..end]).TrimEnd('.');
    }

    // System.Text.Json says: Duplicate property 'amount' encountered…, or Duplicate properties not allowed… (dictionaries).
    [GeneratedRegex("^Duplicate propert", RegexOptions.ExplicitCapture)]
    private static partial Regex DuplicateProperty();

    // Minimal APIs say: Failed to bind parameter "int limit" from "abc".
    [GeneratedRegex(@"parameter ""(?<type>[^"" ]+) (?<name>[^""]+)"" from ""(?<value>[^""]*)""", RegexOptions.ExplicitCapture)]
    private static partial Regex BindingFailure();
}
