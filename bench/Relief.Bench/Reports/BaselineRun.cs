using System.Text.Json;

namespace Relief.Bench.Reports;

/// <summary>
/// An earlier run's end-to-end figures, read from the JSON it wrote (<c>--baseline</c>): the code a change is measured
/// against, run on the same machine the same day, as issue 17 asks ("≥ 4 × today's main").
/// </summary>
public sealed record BaselineRun(string Path, DateTimeOffset At, string Label, IReadOnlyDictionary<string, double> CasesPerSecond)
{
    public static BaselineRun Read(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var report = document.RootElement.GetProperty("report");
        var modes = report.GetProperty("modes").EnumerateArray().ToDictionary(
            mode => mode.GetProperty("storage").GetString()!,
            mode => mode.GetProperty("endToEnd").GetProperty("casesPerSecond").GetDouble());
        return new BaselineRun(System.IO.Path.GetFileName(path), report.GetProperty("at").GetDateTimeOffset(), report.GetProperty("label").GetString() ?? "", modes);
    }
}
