namespace Relief.Workflows.Applicants;

/// <summary>Masks a name for lists others see: 张*明, 李* (first character, and the last for three or more).</summary>
public static class ApplicantNames
{
    public static string Mask(string name)
    {
        var text = name.Trim();
        var characters = System.Globalization.StringInfo.ParseCombiningCharacters(text).Length;
        if (characters <= 1)
        {
            return text;
        }
        var info = new System.Globalization.StringInfo(text);
        var first = info.SubstringByTextElements(0, 1);
        return characters == 2
            ? first + "*"
            : first + new string('*', characters - 2) + info.SubstringByTextElements(characters - 1, 1);
    }
}
