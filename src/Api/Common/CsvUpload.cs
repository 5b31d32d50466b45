using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.AspNetCore.Http;

namespace Relief.Api.Common;

/// <summary>
/// A spreadsheet uploaded as CSV (a batch of filings, an allocation plan): its content type, its text as strict UTF-8,
/// and its header checked for the columns the route reads, each refusal said so a clerk can fix the file.
/// </summary>
public static class CsvUpload
{
    /// <summary>A spreadsheet's export is text/csv; some tools send it as text/plain. Anything else is not such a file.</summary>
    public static bool IsCsv(HttpRequest request) => request.ContentType is { } type
        && (type.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) || type.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The file opened at its first row with its header read, or why not (not UTF-8, empty, a required column missing);
    /// the caller disposes the reader.
    /// </summary>
    public static async Task<(CsvReader? Csv, string[] Header, string? Problem)> Open(HttpContext http, IReadOnlyList<string> required, IReadOnlyList<string>? optional = null)
    {
        using var body = new StreamReader(http.Request.Body, new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true));
        string text;
        try
        {
            text = await body.ReadToEndAsync(http.RequestAborted);
        }
        catch (System.Text.DecoderFallbackException)
        {
            return (null, [], "the file is not valid UTF-8 (save it from the spreadsheet as CSV UTF-8)");
        }
        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { TrimOptions = TrimOptions.Trim, IgnoreBlankLines = true, BadDataFound = null };
        var csv = new CsvReader(new StringReader(text.TrimStart('\uFEFF')), config);
        if (!await csv.ReadAsync() || !csv.ReadHeader() || csv.HeaderRecord is not { } header)
        {
            csv.Dispose();
            return (null, [], "the file is empty: expected a header line " + string.Join(",", required));
        }
        var missing = required.Where(column => !header.Contains(column, StringComparer.OrdinalIgnoreCase)).ToList();
        if (missing.Count > 0)
        {
            csv.Dispose();
            var more = optional is { Count: > 0 } ? $"[,{string.Join(",", optional)}]" : "";
            return (null, [], $"the header lacks {string.Join(", ", missing)} (expected {string.Join(",", required)}{more})");
        }
        return (csv, header, null);
    }
}
