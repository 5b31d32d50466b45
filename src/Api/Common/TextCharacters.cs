using System.Buffers;
using System.Globalization;
using System.Text;

namespace Relief.Api.Common;

/// <summary>
/// What a name, code or note may be made of. Refused: control characters (free text keeps line breaks and
/// tabs), invisible format characters (zero-width spaces, the bidirectional overrides that make a name read
/// differently from how it sorts and matches), private-use and unassigned code points, halves of surrogate
/// pairs, and U+FFFD, the mark of text already mangled by a wrong encoding. Such text would reach notice
/// lists, ledgers and exported reports, where nobody could see what it really says.
/// </summary>
public static class TextCharacters
{
    /// <summary>The first unfit character, described as U+XXXX, or null when the text is fit.</summary>
    public static string? FirstUnfit(string text, bool multiline)
    {
        var rest = text.AsSpan();
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out var rune, out var used) != OperationStatus.Done)
            {
                return $"U+{(int)rest[0]:X4}, half of a surrogate pair";
            }
            if (!Fits(rune, multiline))
            {
                return $"U+{rune.Value:X4}";
            }
            rest = rest[used..];
        }
        return null;
    }

    private static bool Fits(Rune rune, bool multiline)
    {
        if (rune.Value == 0xFFFD)
        {
            return false;
        }
        return Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.Control => multiline && rune.Value is '\n' or '\r' or '\t',
            UnicodeCategory.Format or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned or UnicodeCategory.Surrogate => false,
            _ => true,
        };
    }
}
