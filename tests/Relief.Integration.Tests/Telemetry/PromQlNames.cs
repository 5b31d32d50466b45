using System.Text.RegularExpressions;

namespace Relief.Integration.Tests.Telemetry;

/// <summary>
/// The metric names a PromQL query reads. Not a PromQL parser: what is left once strings, label matchers, range and
/// subquery brackets, grouping label lists, function calls, keywords and numbers are taken out is the names, which is
/// all a check of names needs (the queries' syntax is promtool's to check, MonitoringRulesTests).
/// </summary>
public static partial class PromQlNames
{
    private static readonly HashSet<string> Keywords =
        ["and", "or", "unless", "by", "without", "on", "ignoring", "group_left", "group_right", "offset", "bool", "inf", "nan"];

    public static IReadOnlySet<string> Of(string query)
    {
        // Grafana's label_values(selector, label) names a metric in its first argument only.
        var text = LabelValues().Replace(query, "$1");
        text = QuotedString().Replace(text, "\"\"");
        text = Matchers().Replace(text, " ");
        text = Brackets().Replace(text, " ");
        text = Grouping().Replace(text, " ");
        return Identifier().Matches(text).Select(m => m.Value).Where(name => !Keywords.Contains(name)).ToHashSet();
    }

    [GeneratedRegex(@"label_values\(([^,]*),[^)]*\)")]
    private static partial Regex LabelValues();

    [GeneratedRegex(@"""(?:[^""\\]|\\.)*""|'(?:[^'\\]|\\.)*'")]
    private static partial Regex QuotedString();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Matchers();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex Brackets();

    [GeneratedRegex(@"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")]
    private static partial Regex Grouping();

    // A name not inside a number and not called as a function.
    [GeneratedRegex(@"(?<![\w.$])(?>[a-zA-Z_:][a-zA-Z0-9_:]*)(?!\s*\()")]
    private static partial Regex Identifier();
}
