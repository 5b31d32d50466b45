using Relief.Workflows.Applicants;

namespace Relief.Bench.Season;

/// <summary>Filing bodies for distinct, valid applicants: applicant <c>n</c> always has the same resident ID number.</summary>
public static class Applicants
{
    public static string IdNumber(int n)
    {
        // A different birth day every thousand applicants and a sequence number within it: unique up to a billion.
        var birth = new DateOnly(1950, 1, 1).AddDays(n / 1000 % 18_000);
        var first17 = $"440305{birth:yyyyMMdd}{n % 1000:D3}";
        return first17 + ResidentIdNumber.CheckCharacter(first17);
    }

    public static object Filing(int n) => new
    {
        applicant = new
        {
            name = "张建明",
            idNumber = IdNumber(n),
            householdSize = 3,
            monthlyIncomePerHead = "800.00",
            category = "archived",
            reason = "家庭成员重病，收入骤降",
        },
    };
}
