using System.Globalization;
using System.Numerics;
using Microsoft.AspNetCore.Http;
using Relief.Api.Acting;
using Relief.Api.Common;
using Relief.Workflows.Cases;

namespace Relief.Api.Cases;

/// <summary>
/// Batch filing from a spreadsheet saved as CSV (UTF-8, header line
/// <c>name,idNumber,householdSize,monthlyIncomePerHead,category,reason[,amount]</c>). Each row stands alone:
/// good rows are filed, bad rows come back with their row number and reasons. Uploading the same file again
/// files nothing twice: the duplicate guard refuses every person already filed.
/// </summary>
public static class CaseBatchEndpoint
{
    public const int MaxRows = 20_000;
    private const int ConcurrentFilings = 16;
    private static readonly string[] Required = ["name", "idNumber", "householdSize", "monthlyIncomePerHead", "category", "reason"];

    private sealed record RowResult(int Row, Guid? CaseId, int Status, IReadOnlyDictionary<string, List<string>>? Errors, string? Detail);

    public static async Task<IResult> FileBatch(Guid id, HttpContext http, IGrainFactory grains)
    {
        if (!CsvUpload.IsCsv(http.Request))
        {
            return CommandResults.UnsupportedMediaType("text/csv");
        }
        var actor = http.Actor();
        var (rows, problem) = await ReadRows(http);
        if (problem is not null)
        {
            return CommandResults.Invalid(new() { ["file"] = [problem] });
        }
        var results = new RowResult[rows.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, rows.Count),
            new ParallelOptions { MaxDegreeOfParallelism = ConcurrentFilings, CancellationToken = http.RequestAborted },
            async (i, _) =>
            {
                var (rowNumber, request, unreadable) = rows[i];
                var errors = new FieldErrors();
                foreach (var field in unreadable)
                {
                    errors.Add(field, "not a number");
                }
                var application = request.ToApplication(id, actor.UnitCode, errors);
                if (errors.Any)
                {
                    results[i] = new RowResult(rowNumber, null, StatusCodes.Status400BadRequest, errors.ByField, null);
                    return;
                }
                var caseId = Guid.NewGuid();
                var result = (await grains.GetGrain<ICaseGrain>(caseId).File(application, actor)).ForCaller(http.User());
                results[i] = result.Succeeded
                    ? new RowResult(rowNumber, caseId, StatusCodes.Status201Created, null, null)
                    : new RowResult(rowNumber, null, CaseEndpoints.StatusOf(result),
                        result.Problems?.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Reason).ToList()),
                        result.Problems is null ? result.Message : null);
            });
        return TypedResults.Ok(new
        {
            filed = results.Count(r => r.CaseId is not null),
            refused = results.Count(r => r.CaseId is null),
            rows = results,
        });
    }

    private static async Task<(List<(int Row, CaseRequest Request, List<string> Unreadable)> Rows, string? Problem)> ReadRows(HttpContext http)
    {
        var (opened, header, problem) = await CsvUpload.Open(http, Required, ["amount"]);
        if (opened is null)
        {
            return ([], problem);
        }
        using var csv = opened;
        var rows = new List<(int, CaseRequest, List<string>)>();
        while (await csv.ReadAsync())
        {
            if (rows.Count == MaxRows)
            {
                return ([], $"at most {MaxRows} rows in one file: split it");
            }
            string? Field(string name) => header.Contains(name, StringComparer.OrdinalIgnoreCase)
                ? csv.GetField(Array.FindIndex(header, h => string.Equals(h, name, StringComparison.OrdinalIgnoreCase)))
                : null;
            var unreadable = new List<string>();
            T? Number<T>(string column, string field) where T : struct, INumber<T>
            {
                var text = Field(column);
                if (string.IsNullOrWhiteSpace(text))
                {
                    return null;
                }
                if (T.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
                {
                    return value;
                }
                unreadable.Add(field);
                return null;
            }
            var request = new CaseRequest(
                new ApplicantRequest(
                    Field("name"),
                    Field("idNumber"),
                    Number<int>("householdSize", "applicant.householdSize"),
                    Number<decimal>("monthlyIncomePerHead", "applicant.monthlyIncomePerHead"),
                    Field("category"),
                    Field("reason")),
                Number<decimal>("amount", "amount"),
                null);
            rows.Add((csv.Parser.RawRow, request, unreadable));
        }
        return rows.Count == 0 ? ([], "the file has a header line but no rows") : (rows, null);
    }
}
