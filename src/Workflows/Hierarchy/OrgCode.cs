using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Relief.Workflows.Hierarchy;

/// <summary>
/// The code of an org unit. It spells the unit's path from the national unit down
/// (<c>CN</c>, <c>CN-44</c>, <c>CN-44-03</c>, <c>CN-44-03-05</c>, <c>CN-44-03-05-0012</c>),
/// so the level and the parent follow from the code itself (see docs/adr/0002-org-codes.md).
/// </summary>
[GenerateSerializer, Immutable, Alias("Relief.OrgCode")]
public readonly partial record struct OrgCode
{
    public const string NationalCode = "CN";

    [Id(0)] public string Value { get; }

    private OrgCode(string value) => Value = value;

    public static OrgCode National { get; } = new(NationalCode);

    /// <summary>The level is the number of segments.</summary>
    public OrgLevel Level => (OrgLevel)(Value.Count(c => c == '-') + 1);

    /// <summary>The parent's code, or null for the national unit.</summary>
    public OrgCode? Parent
    {
        get
        {
            var cut = Value.LastIndexOf('-');
            return cut < 0 ? null : new OrgCode(Value[..cut]);
        }
    }

    /// <summary>The unit above (or this one) at the given level, e.g. the district of a branch.</summary>
    public OrgCode? AncestorAt(OrgLevel level)
    {
        if (level > Level)
        {
            return null;
        }
        var code = this;
        while (code.Level > level)
        {
            code = code.Parent!.Value;
        }
        return code;
    }

    /// <summary>How many digits the last segment has at each level below the national one.</summary>
    public static int SegmentDigits(OrgLevel level) => level switch
    {
        OrgLevel.Provincial or OrgLevel.City or OrgLevel.District => 2,
        OrgLevel.Branch => 4,
        _ => 0,
    };

    public static bool TryParse([NotNullWhen(true)] string? text, out OrgCode code, [NotNullWhen(false)] out string? reason)
    {
        code = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            reason = "the code is empty";
            return false;
        }
        if (!CodePattern().IsMatch(text))
        {
            reason = $"'{text}' is not an org code: expected CN, then up to four parts of digits separated by '-', " +
                     "two digits for a province, city and district, four for a branch (e.g. CN-44-03-05-0012)";
            return false;
        }
        code = new OrgCode(text);
        reason = null;
        return true;
    }

    public static OrgCode Parse(string text) =>
        TryParse(text, out var code, out var reason) ? code : throw new FormatException(reason);

    public override string ToString() => Value;

    [GeneratedRegex(@"^CN(-[0-9]{2}(-[0-9]{2}(-[0-9]{2}(-[0-9]{4})?)?)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex CodePattern();
}
