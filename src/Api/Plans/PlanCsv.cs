using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Relief.Api.Common;
using Relief.Workflows.Hierarchy;
using Relief.Workflows.Plans;

namespace Relief.Api.Plans;

/// <summary>
/// A plan uploaded as a spreadsheet saved as CSV (UTF-8, header <c>child,amount,recipients</c>, amounts in yuan), the
/// title in <c>?title=</c>. The whole file is one plan: any bad row refuses it, each problem named by its row.
/// </summary>
public static partial class PlanCsv
{
    private const int MaxRows = 5_000;
    private static readonly string[] Columns = ["child", "amount", "recipients"];

    public static async Task<IResult> Prepare(Guid id, string code, string? title, string? note, HttpContext http, IGrainFactory grains)
    {
        if (!CsvUpload.IsCsv(http.Request))
        {
            return CommandResults.UnsupportedMediaType("text/csv");
        }
        var (rows, problem) = await ReadRows(http);
        if (problem is not null)
        {
            return CommandResults.Invalid(new() { ["file"] = [problem] });
        }
        var unit = OrgCode.Parse(code);
        var errors = new FieldErrors();
        var request = new PlanRequest(title, [.. rows.Select(r => r.Line)], PlanBasis.Csv, note);
        foreach (var (row, _, unreadable) in rows)
        {
            foreach (var column in unreadable)
            {
                errors.Add($"row {row}.{column}", "not a number");
            }
        }
        var content = request.Read((await grains.GetGrain<IOrgUnitGrain>(unit.Value).Describe())!, errors, PlanBasis.Csv);
        if (content is null || errors.Any)
        {
            // Lines are numbered as the file's rows, so the officer finds each problem in her spreadsheet.
            return CommandResults.Invalid(errors.ByField
                .GroupBy(e => LineIndex().Replace(e.Key, m => $"row {rows[int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)].Row}"))
                .ToDictionary(g => g.Key, g => g.SelectMany(e => e.Value).Distinct().ToList()));
        }
        return await PlanEndpoints.Submit(id, unit, content, http, grains);
    }

    private static async Task<(List<(int Row, PlanLineRequest Line, List<string> Unreadable)> Rows, string? Problem)> ReadRows(HttpContext http)
    {
        var (opened, header, problem) = await CsvUpload.Open(http, Columns);
        if (opened is null)
        {
            return ([], problem);
        }
        using var csv = opened;
        string Field(string name) => csv.GetField(Array.FindIndex(header, h => string.Equals(h, name, StringComparison.OrdinalIgnoreCase))) ?? "";
        var rows = new List<(int, PlanLineRequest, List<string>)>();
        while (await csv.ReadAsync())
        {
            if (rows.Count == MaxRows)
            {
                return ([], $"at most {MaxRows} rows in one plan");
            }
            var unreadable = new List<string>();
            decimal? amount = decimal.TryParse(Field("amount"), NumberStyles.Number, CultureInfo.InvariantCulture, out var yuan) ? yuan : null;
            int? places = Field("recipients") is { Length: 0 } ? 0 : int.TryParse(Field("recipients"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) ? p : null;
            if (amount is null && Field("amount").Length > 0)
            {
                unreadable.Add("amount");
            }
            if (places is null)
            {
                unreadable.Add("recipients");
            }
            rows.Add((csv.Parser.RawRow, new PlanLineRequest(Field("child"), amount, null, places ?? 0), unreadable));
        }
        return rows.Count == 0 ? ([], "the file has a header line but no rows") : (rows, null);
    }

    [GeneratedRegex(@"^lines\[(\d+)\]")]
    private static partial Regex LineIndex();
}
