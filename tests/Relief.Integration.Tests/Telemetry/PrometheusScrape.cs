using System.Globalization;
using System.Text.RegularExpressions;

namespace Relief.Integration.Tests.Telemetry;

/// <summary>One sample of a scrape of <c>/metrics</c> in Prometheus' text format: a series name, its labels and its value.</summary>
public sealed record ScrapedSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

/// <summary>The samples of a scrape, read as Prometheus reads them.</summary>
public static partial class PrometheusScrape
{
    public static IReadOnlyList<ScrapedSample> Parse(string text) =>
        text.Split('\n').Where(line => line.Length > 0 && !line.StartsWith('#')).Select(Sample).ToList();

    private static ScrapedSample Sample(string line)
    {
        var match = SampleLine().Match(line);
        if (!match.Success)
        {
            throw new FormatException($"Not a sample line: {line}");
        }
        var labels = LabelPair().Matches(match.Groups["labels"].Value)
            .ToDictionary(m => m.Groups[1].Value, m => Regex.Unescape(m.Groups[2].Value));
        return new ScrapedSample(match.Groups["name"].Value, labels, double.Parse(match.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})?\s+(?<value>\S+)(\s+\d+)?$")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"([a-zA-Z_][a-zA-Z0-9_]*)=""((?:[^""\\]|\\.)*)""")]
    private static partial Regex LabelPair();
}
