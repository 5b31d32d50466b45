using System.Text.Json.Nodes;

namespace Relief.Integration.Tests.Faults;

/// <summary>What a field of a request body holds, and so which wrong values it is tried with.</summary>
public enum FieldKind
{
    /// <summary>A name, code or reference: one line of text.</summary>
    Name,

    /// <summary>A name or reference that may be left out: empty is allowed, the rest is not.</summary>
    OptionalName,

    /// <summary>Free text (a reason, a comment, a note): may hold line breaks.</summary>
    FreeText,

    /// <summary>Free text that may be left out: empty is allowed, the rest is not.</summary>
    OptionalFreeText,

    /// <summary>An amount in yuan that must be more than zero.</summary>
    Amount,

    /// <summary>An amount in yuan that may be zero (an income).</summary>
    AmountOrZero,

    /// <summary>A whole number that must be at least one.</summary>
    Count,

    /// <summary>A whole number that may be zero (a child's places in a plan).</summary>
    CountOrZero,

    Enum,
    Id,
    Date,
    Flag,
    ResidentIdNumber,
}

/// <summary>A field of a request body, the kind of value it holds and, for an enum, its names.</summary>
public readonly record struct BodyField(string Path, FieldKind Kind, int Max = 0, string[]? Names = null)
{
    public static implicit operator BodyField((string Path, FieldKind Kind, int Max) field) => new(field.Path, field.Kind, field.Max);

    /// <summary>An enum field: its wrong values include the names of <typeparamref name="T"/> joined as .NET's parser would combine them.</summary>
    public static BodyField Enum<T>(string path) where T : struct, System.Enum => new(path, FieldKind.Enum, 0, System.Enum.GetNames<T>());
}

/// <summary>
/// Wrong values, by the kind of field they are sent to: each is one a careless client, a broken spreadsheet
/// export or a hostile caller sends, and each must be refused. Raw JSON, so that values System.Text.Json would
/// never write itself (1e400, a lone surrogate escape, NaN as a number) can be sent too.
/// </summary>
public static class BadValues
{
    private static readonly string[] WrongTypesForText = ["123", "true", "{}", "[\"a\"]"];
    private static readonly string[] WrongTypesForNumbers = ["true", "{}", "[1]", "\"abc\""];

    public static IEnumerable<(string What, string Json)> For(BodyField field) =>
        field.Kind == FieldKind.Enum && field.Names is { Length: >= 2 } names
            ? [.. For(field.Kind, field.Max), .. JoinedNames(names)]
            : For(field.Kind, field.Max);

    /// <summary>Names that each exist, joined: "Letter,Online" reads as a value neither name means.</summary>
    public static IEnumerable<(string What, string Json)> JoinedNames(string[] names)
    {
        yield return ("two names joined", Quote($"{names[1]},{names[2 % names.Length]}"));
        yield return ("two names joined with a space", Quote($"{names[0]}, {names[1]}"));
        yield return ("a name and a number joined", Quote($"{names[1]},1"));
        yield return ("a number as text", "\"1\"");
    }

    public static IEnumerable<(string What, string Json)> For(FieldKind kind, int maxLength) => kind switch
    {
        FieldKind.Name => Text(maxLength, multiline: false),
        FieldKind.OptionalName => Text(maxLength, multiline: false).Where(v => v.What is not ("empty" or "blank")),
        FieldKind.FreeText => Text(maxLength, multiline: true),
        FieldKind.OptionalFreeText => Text(maxLength, multiline: true).Where(v => v.What is not ("empty" or "blank")),
        FieldKind.Amount => Amounts(zeroAllowed: false),
        FieldKind.AmountOrZero => Amounts(zeroAllowed: true),
        FieldKind.Count =>
        [
            ("negative", "-1"), ("zero", "0"), ("above int", "2147483648"), ("fraction", "1.5"), ("exponent", "1e10"),
            ("NaN text", "\"NaN\""), .. WrongTypesForNumbers.Select(j => ($"wrong type {j}", j)),
        ],
        FieldKind.CountOrZero => [.. For(FieldKind.Count, maxLength).Where(v => v.What != "zero")],
        FieldKind.Enum => [("unknown name", "\"Bogus\""), ("number", "99"), ("negative number", "-1"), ("empty", "\"\""), ("wrong type", "true"), ("object", "{}")],
        FieldKind.Id => [("not a guid", "\"not-a-guid\""), ("number", "12"), ("bad hex", "\"00000000-0000-0000-0000-00000000000g\""), ("wrong type", "true")],
        FieldKind.Date => [("month 13", "\"2027-13-45\""), ("a word", "\"yesterday\""), ("day first", "\"27/01/2027\""), ("number", "20270101"), ("empty", "\"\"")],
        FieldKind.Flag => [("a word", "\"yes\""), ("number", "1"), ("object", "{}")],
        FieldKind.ResidentIdNumber =>
        [
            ("wrong check character", Quote(WrongCheckCharacter())),
            ("too short", "\"44030519600101001\""),
            ("too long", "\"4403051960010100111\""),
            ("letters", "\"ABCDEFGHIJKLMNOPQR\""),
            ("born in the future", Quote(Valid("440305" + "20991231" + "001"))),
            ("month 13", Quote(Valid("440305" + "19601301" + "001"))),
            ("full-width digits", "\"４４０３０５１９６００１０１００１Ｘ\""),
            ("unknown region", Quote(Valid("000000" + "19600101" + "001"))),
            ("number", "440305196001010010"),
            .. Text(18, multiline: false).Where(v => !v.What.StartsWith("overlong", StringComparison.Ordinal)),
        ],
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static IEnumerable<(string What, string Json)> Text(int maxLength, bool multiline)
    {
        yield return ("empty", "\"\"");
        yield return ("blank", "\"   \"");
        yield return ($"overlong ({maxLength + 1})", Quote(new string('字', maxLength + 1)));
        yield return ("overlong (100,000)", Quote(new string('x', 100_000)));
        yield return ("NUL", "\"张\\u0000明\"");
        yield return ("bell", "\"张\\u0007明\"");
        yield return ("escape", "\"张\\u001b[31m明\"");
        yield return ("delete", "\"张\\u007f明\"");
        yield return ("right-to-left override", "\"张\\u202e明\"");
        yield return ("zero-width space", "\"张\\u200b明\"");
        yield return ("lone surrogate", "\"张\\ud800明\"");
        yield return ("private use", "\"张\\ue000明\"");
        yield return ("replacement character", "\"张\\ufffd明\"");
        yield return ("unassigned", "\"张\\u0378明\"");
        yield return ("combining marks only", "\"\\u0301\\u0301\\u0301\"");
        yield return ("starts with a combining mark", "\"\\u0301张明\"");
        yield return ("Hangul fillers only", "\"\\u3164\\u3164\"");
        yield return ("word joiner", "\"张\\u2060明\"");
        yield return ("soft hyphen", "\"张\\u00ad明\"");
        if (!multiline)
        {
            yield return ("line break", "\"张\\n明\"");
        }
        foreach (var json in WrongTypesForText)
        {
            yield return ($"wrong type {json}", json);
        }
    }

    private static IEnumerable<(string What, string Json)> Amounts(bool zeroAllowed)
    {
        yield return ("negative", "-1");
        yield return ("negative text", "\"-0.01\"");
        if (!zeroAllowed)
        {
            yield return ("zero", "0");
            yield return ("zero text", "\"0.00\"");
        }
        yield return ("NaN", "\"NaN\"");
        yield return ("NaN literal", "NaN");
        yield return ("Infinity", "\"Infinity\"");
        yield return ("beyond double", "1e400");
        yield return ("beyond decimal", "79228162514264337593543950336");
        yield return ("decimal's maximum", "79228162514264337593543950335");
        yield return ("beyond 64-bit fen", "92233720368547758.08");
        yield return ("beyond the cap", "100000000000.01");
        yield return ("a thousandth", "0.001");
        yield return ("comma decimal", "\"12,50\"");
        yield return ("grouped", "\"1 500\"");
        yield return ("currency sign", "\"¥1500\"");
        foreach (var json in WrongTypesForNumbers)
        {
            yield return ($"wrong type {json}", json);
        }
    }

    private static string Quote(string text) => JsonValue.Create(text)!.ToJsonString();

    private static string Valid(string first17) => first17 + Relief.Workflows.Applicants.ResidentIdNumber.CheckCharacter(first17);

    private static string WrongCheckCharacter()
    {
        var good = Valid("44030519600101001");
        return good[..17] + (good[17] == '0' ? '1' : '0');
    }
}
