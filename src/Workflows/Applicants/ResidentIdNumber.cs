using System.Globalization;

namespace Relief.Workflows.Applicants;

/// <summary>
/// Checks an 18-character resident identity number (GB 11643-1999): 17 digits beginning with a province's
/// code, a valid birth date in positions 7–14, and the ISO 7064 MOD 11-2 check character (0–9 or X) in position 18.
/// The number is personal data: it is kept in case state only, never in keys, logs or traces.
/// </summary>
public static class ResidentIdNumber
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    // The province-level codes of GB/T 2260 that begin an address code, and 81–83 of the residence permits of
    // Hong Kong, Macao and Taiwan residents.
    private static readonly HashSet<int> ProvinceCodes =
        [11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83];

    /// <summary>Null when the number is valid, else why it is not (never echoing the number).</summary>
    public static string? Problem(string? number, DateOnly today)
    {
        if (string.IsNullOrEmpty(number))
        {
            return "the ID number is missing";
        }
        if (number.Length != 18)
        {
            return $"an ID number has 18 characters, this one has {number.Length}";
        }
        for (var i = 0; i < 17; i++)
        {
            if (!char.IsAsciiDigit(number[i]))
            {
                return "the first 17 characters of an ID number must be digits";
            }
        }
        if (!ProvinceCodes.Contains(int.Parse(number.AsSpan(0, 2), CultureInfo.InvariantCulture)))
        {
            return "the ID number does not begin with the code of a province (characters 1 and 2)";
        }
        var last = char.ToUpperInvariant(number[17]);
        if (!char.IsAsciiDigit(last) && last != 'X')
        {
            return "the last character of an ID number must be a digit or X";
        }
        if (!DateOnly.TryParseExact(number.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birth)
            || birth.Year < 1900 || birth > today)
        {
            return "the birth date in the ID number (characters 7 to 14) is not a real date";
        }
        if (CheckCharacter(number) != last)
        {
            return "the check character of the ID number does not match (GB 11643): a digit is mistyped";
        }
        return null;
    }

    /// <summary>The number in its canonical form (upper-case X).</summary>
    public static string Normalise(string number) => number.Trim().ToUpperInvariant();

    /// <summary>The check character that the first 17 digits call for.</summary>
    public static char CheckCharacter(ReadOnlySpan<char> number)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (number[i] - '0') * Weights[i];
        }
        return CheckCharacters[sum % 11];
    }

    /// <summary>The number masked for public lists: the first 6 and the last 4 characters.</summary>
    public static string Mask(string number) => number[..6] + new string('*', 8) + number[^4..];
}
