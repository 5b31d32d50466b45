namespace Relief.Integration.Tests.Api;

/// <summary>Request bodies for programmes, shaped like a real winter campaign.</summary>
public static class ProgrammeSamples
{
    public static object Terms(string name = "2027年两节送温暖") => new
    {
        name,
        opens = "2026-12-01",
        lastFilingDay = "2027-01-20",
        lastPaymentDay = "2027-02-05",
        allowAboveStandard = false,
        categories = new object[]
        {
            new { code = "archived", name = "在档困难职工", standard = "1500.00", goods = new[] { new { name = "大米", quantity = 1, unit = "袋", unitValue = "80.00" } } },
            new { code = "low-income", name = "低保线以下困难职工家庭", standard = "1500.00", eligibility = new { incomeLimit = "BelowMinimumLivingLine" } },
            new { code = "near-low-income", name = "低保边缘困难职工家庭", standard = "1000.00", eligibility = new { incomeLimit = "BelowLineTimesFactor", lineFactor = 1.5 } },
            new { code = "migrant", name = "困难农民工", standard = "800.00" },
            new { code = "model-worker", name = "劳动模范", standard = "1000.00" },
            new { code = "front-line", name = "一线职工", standard = "400.00" },
        },
        minimumLivingLines = new Dictionary<string, string> { ["CN-44"] = "1120.00", ["CN-44-03"] = "1365.00", ["CN-32"] = "1050.00" },
    };

    public const string BranchDistrictCity = """
        {
          "route": ["Branch", "District", "City"],
          "rules": [ { "name": "大额加审", "when": { "amountAbove": "2000.00" }, "add": ["Provincial"] } ]
        }
        """;
}
