using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace Relief.Workflows.Hierarchy;

/// <summary>One line of a hierarchy file: a unit's code, its name, its parent's code, and its members when the file gives them.</summary>
public sealed record HierarchyRow(int Line, OrgCode Code, string Name, OrgCode? Parent, int? Members = null);

/// <summary>A reason a hierarchy file is refused, with the line it is on (0 for the file as a whole).</summary>
public sealed record HierarchyFileError(int Line, string Reason)
{
    public override string ToString() => Line > 0 ? $"line {Line}: {Reason}" : Reason;
}

/// <summary>
/// Reads a hierarchy CSV file (<c>code,name,parent_code[,members]</c>, UTF-8, an optional header line; <c>members</c>
/// is the unit's trade-union members, its whole subtree's, which allocation plans may be proposed in proportion to) and checks
/// every rule that the file alone can decide. Rules that need the stored hierarchy (a parent that is not
/// in the file) are checked by <see cref="HierarchyImporter"/>.
/// </summary>
public static class HierarchyFile
{
    // More members than the national federation has (about 300 million) is a typing error.
    private const int MaxMembers = 400_000_000;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static (IReadOnlyList<HierarchyRow> Rows, IReadOnlyList<HierarchyFileError> Errors) Read(byte[] content)
    {
        if (!TryDecode(content, out var text, out var encodingError))
        {
            return ([], [encodingError]);
        }
        var errors = new List<HierarchyFileError>();
        var rows = new List<HierarchyRow>();
        foreach (var (line, fields) in ReadRecords(text, errors))
        {
            if (rows.Count == 0 && errors.Count == 0 && IsHeader(fields))
            {
                continue;
            }
            if (ReadRow(line, fields, errors) is { } row)
            {
                rows.Add(row);
            }
        }
        errors.AddRange(CheckWithinFile(rows));
        if (rows.Count == 0 && errors.Count == 0)
        {
            errors.Add(new HierarchyFileError(0, "the file lists no org units"));
        }
        return (rows, errors.OrderBy(e => e.Line).ToList());
    }

    private static bool TryDecode(byte[] content, out string text, out HierarchyFileError error)
    {
        try
        {
            text = StrictUtf8.GetString(content);
            if (text.Length > 0 && text[0] == '\uFEFF')
            {
                text = text[1..];
            }
            error = null!;
            return true;
        }
        catch (DecoderFallbackException ex)
        {
            var badByte = Math.Max(0, ex.Index);
            var line = 1 + content.AsSpan(0, Math.Min(badByte, content.Length)).Count((byte)'\n');
            error = new HierarchyFileError(line, "the file is not valid UTF-8 (a GBK or GB18030 file must be saved as UTF-8 first)");
            text = "";
            return false;
        }
    }

    private static IEnumerable<(int Line, string[] Fields)> ReadRecords(string text, List<HierarchyFileError> errors)
    {
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = false,
            IgnoreBlankLines = true,
            TrimOptions = TrimOptions.Trim,
            BadDataFound = args => errors.Add(new HierarchyFileError(args.Context.Parser!.RawRow, "a quote is misplaced in this line")),
        };
        using var parser = new CsvParser(new StringReader(text), config);
        while (parser.Read())
        {
            yield return (parser.RawRow, parser.Record ?? []);
        }
    }

    private static bool IsHeader(string[] fields) =>
        fields.Length > 0 && string.Equals(fields[0], "code", StringComparison.OrdinalIgnoreCase);

    private static HierarchyRow? ReadRow(int line, string[] fields, List<HierarchyFileError> errors)
    {
        if (fields.Length is not (3 or 4))
        {
            errors.Add(new HierarchyFileError(line, $"expected 3 fields (code, name, parent code) or 4 (and members), found {fields.Length}"));
            return null;
        }
        int? members = null;
        if (fields.Length == 4 && fields[3].Length > 0)
        {
            if (!int.TryParse(fields[3], NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count > MaxMembers)
            {
                errors.Add(new HierarchyFileError(line, $"members: a whole number of trade-union members, 0 to {MaxMembers} (found '{fields[3]}')"));
                return null;
            }
            members = count;
        }
        if (!OrgCode.TryParse(fields[0], out var code, out var codeProblem))
        {
            errors.Add(new HierarchyFileError(line, codeProblem));
            return null;
        }
        if (OrgUnitName.Problem(fields[1]) is { } nameProblem)
        {
            errors.Add(new HierarchyFileError(line, $"{code}: {nameProblem}"));
            return null;
        }
        var parentText = fields[2];
        OrgCode? parent = null;
        if (parentText.Length > 0)
        {
            if (!OrgCode.TryParse(parentText, out var parsedParent, out var parentProblem))
            {
                errors.Add(new HierarchyFileError(line, $"parent code: {parentProblem}"));
                return null;
            }
            parent = parsedParent;
        }
        if (parent is null && code != OrgCode.National)
        {
            errors.Add(new HierarchyFileError(line, $"{code} has no parent code; only the national unit {OrgCode.NationalCode} has none"));
            return null;
        }
        if (parent is { } p && code == OrgCode.National)
        {
            errors.Add(new HierarchyFileError(line, $"the national unit {OrgCode.NationalCode} cannot have a parent (found {p})"));
            return null;
        }
        if (parent is { } given && code.Parent != given)
        {
            // The code spells the path, so a unit's level is always its parent's level + 1.
            errors.Add(new HierarchyFileError(line,
                $"{code} cannot sit under {given}: a {code.Level} unit's code must extend its parent's code by one part (expected parent {code.Parent})"));
            return null;
        }
        return new HierarchyRow(line, code, fields[1].Trim(), parent, members);
    }

    private static IEnumerable<HierarchyFileError> CheckWithinFile(IReadOnlyList<HierarchyRow> rows)
    {
        var firstLine = new Dictionary<OrgCode, int>();
        foreach (var row in rows)
        {
            if (!firstLine.TryAdd(row.Code, row.Line))
            {
                yield return new HierarchyFileError(row.Line, $"duplicate code {row.Code} (first on line {firstLine[row.Code]})");
            }
        }
    }
}
