using Relief.Api.Common;
using Relief.Api.Funds;
using Relief.Workflows.Funds;
using Relief.Workflows.Hierarchy;
using Relief.Workflows.Plans;

namespace Relief.Api.Plans;

/// <summary>One child's line as typed: yuan (by source, optionally) and recipient places.</summary>
public sealed record PlanLineRequest(string? Child, decimal? Amount, IReadOnlyDictionary<FundingSource, decimal?>? Sources, int? Recipients);

/// <summary>A plan as submitted: its title, a line for every child of the unit, how the lines were made, a note.</summary>
public sealed record PlanRequest(string? Title, IReadOnlyList<PlanLineRequest>? Lines, PlanBasis? Basis, string? Note)
{
    public const int MaxTitle = 100;
    public const int MaxNote = 500;

    // More places than the country has workers in hardship, many times over: a typing error.
    private const long MaxPlaces = 100_000_000;

    /// <summary>
    /// The plan's content, every field checked: a line for each child of the unit and for nothing else, each child
    /// once, no negative amount or place, sources (when named) adding up to the line's amount, something to allocate.
    /// </summary>
    public PlanContent? Read(OrgUnitView unit, FieldErrors errors, PlanBasis basis = PlanBasis.Typed)
    {
        var title = errors.Text("title", Title, MaxTitle);
        var note = errors.Text("note", Note, MaxNote, required: false, multiline: true);
        if (Lines is not { Count: > 0 })
        {
            errors.Add("lines", $"a line for each of the {unit.Children.Count} children of {unit.Code}");
            return null;
        }
        var children = unit.Children.ToDictionary(c => c.Code, c => c.Name, StringComparer.Ordinal);
        var lines = new List<PlanLine>();
        for (var i = 0; i < Lines.Count; i++)
        {
            var field = $"lines[{i}]";
            var line = Lines[i];
            var child = errors.Text($"{field}.child", line.Child, 30);
            if (child.Length > 0 && !children.ContainsKey(child))
            {
                errors.Add($"{field}.child", $"{child} is not a child of {unit.Code}");
            }
            else if (lines.Any(l => l.Child == child))
            {
                errors.Add($"{field}.child", $"{child} has a line already");
            }
            var amount = errors.Amount($"{field}.amount", line.Amount, allowZero: true);
            var sources = SourcesRequest.Read(line.Sources, errors);
            if (sources is not null && sources.Total != amount)
            {
                errors.Add($"{field}.sources", $"the sources add up to {sources.Total}, not to the line's {amount}");
            }
            if (line.Recipients is < 0 or > 10_000_000)
            {
                errors.Add($"{field}.recipients", "a whole number of places, 0 or more");
            }
            lines.Add(new PlanLine(child, amount, sources, line.Recipients ?? 0));
        }
        var missing = children.Keys.Where(c => lines.All(l => l.Child != c)).Order(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            errors.Add("lines", $"a plan splits among all the children: no line for {string.Join("、", missing.Take(20).Select(c => $"{children[c]}（{c}）"))}"
                + (missing.Count > 20 ? $" and {missing.Count - 20} more" : ""));
        }
        if (lines.Sum(l => (long)l.Recipients) > MaxPlaces)
        {
            errors.Add("lines", $"at most {MaxPlaces} places in one plan");
        }
        if (!errors.Any && lines.All(l => !l.Amount.IsPositive && l.Recipients == 0))
        {
            errors.Add("lines", "the plan allocates nothing: give some child money or places");
        }
        return errors.Any ? null : new PlanContent(title, [.. lines.OrderBy(l => l.Child, StringComparer.Ordinal)], Basis ?? basis, note.Length == 0 ? null : note);
    }
}

/// <summary>A decision on a plan's open task: approve, return or reject it in review; resubmit (with its revised lines) or withdraw it after a return.</summary>
public sealed record PlanDecisionRequest(string? Decision, string? Note, PlanRequest? Revised);
