using System.Buffers;
using System.Globalization;
using System.Text;

namespace Relief.Api.Common;

/// <summary>
/// What a name, code or note may be made of. Refused: control characters (free text keeps line breaks and
/// tabs), invisible format characters (zero-width spaces, the bidirectional overrides that make a name read
/// differently from how it sorts and matches), private-use and unassigned code points, halves of surrogate
/// pairs, U+FFFD (the mark of text already mangled by a wrong encoding), letters that print as blank space
/// (the Hangul fillers, the blank braille pattern), and combining marks with nothing to combine with (at the
/// start, or after a space): a "name" of three accents shows as nothing at all. Such text would reach notice
/// lists, ledgers and exported reports, where nobody could see what it really says.
/// </summary>
public static class TextCharacters
{
    // Assigned letters and symbols that print nothing: they would make a blank name look filled in.
    private static readonly HashSet<int> Blank = [0x115F, 0x1160, 0x3164, 0xFFA0, 0x2800];

    /// <summary>The first unfit character, described as U+XXXX, or null when the text is fit.</summary>
    public static string? FirstUnfit(string text, bool multiline)
    {
        var rest = text.AsSpan();
        var afterBase = false;
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
            if (IsCombining(rune))
            {
                if (!afterBase)
                {
                    return $"U+{rune.Value:X4}, a combining mark with no character before it";
                }
            }
            else
            {
                afterBase = !Rune.IsWhiteSpace(rune);
            }
            rest = rest[used..];
        }
        return null;
    }

    private static bool IsCombining(Rune rune) => Rune.GetUnicodeCategory(rune)
        is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;

    private static bool Fits(Rune rune, bool multiline)
    {
        if (rune.Value == 0xFFFD || Blank.Contains(rune.Value))
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
