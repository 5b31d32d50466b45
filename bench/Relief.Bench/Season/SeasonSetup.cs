using Relief.Api.Acting;
using Relief.Workflows.Funds;
using Relief.Workflows.Hierarchy;

namespace Relief.Bench.Season;

/// <summary>
/// The programme and its money, set up over the API as the national admin and each level's finance staff do: a
/// published programme with a three-level route and a district notice, a national grant, and at every level an
/// allocation of money and quota to each child, whose receipt the child confirms.
/// </summary>
public sealed class SeasonSetup(ReliefApi api, SeasonPlan plan, int concurrency)
{
    /// <summary>District, city and province approve; the district notices the approved list for five working days.</summary>
    public const string Route = """{ "route": ["District", "City", "Provincial"], "notice": { "level": "District", "days": 5 } }""";

    public async Task Run()
    {
        var created = await api.Expect(HttpMethod.Post, "/api/programmes", "admin", OrgCode.NationalCode, ReliefRole.Admin, new
        {
            name = "2027年两节送温暖（基准测试）",
            opens = "2026-12-01",
            lastFilingDay = "2027-01-20",
            lastPaymentDay = "2027-02-05",
            allowAboveStandard = false,
            categories = new[] { new { code = "archived", name = "在档困难职工", standard = SeasonPlan.Standard.ToString() } },
            minimumLivingLines = new Dictionary<string, string>(),
        });
        plan.ProgrammeId = created.Json.GetProperty("id").GetGuid();
        var programme = $"/api/programmes/{plan.ProgrammeId}";
        await api.Expect(HttpMethod.Put, $"{programme}/workflow", "admin", OrgCode.NationalCode, ReliefRole.Admin, Route);
        await api.Expect(HttpMethod.Post, $"{programme}/publish", "admin", OrgCode.NationalCode, ReliefRole.Admin);

        var national = OrgCode.NationalCode;
        await api.Expect(HttpMethod.Put, $"{programme}/orgunits/{national}/quota", $"finance-{national}", national, ReliefRole.Finance,
            new { recipients = plan.Cases });
        await api.Expect(HttpMethod.Post, $"{programme}/orgunits/{national}/grants", $"finance-{national}", national, ReliefRole.Finance,
            new { source = "NationalAllocation", amount = AmountFor(plan.Cases) });

        // Top-down, a level at a time: a parent has received its money before it passes it on.
        foreach (var level in new[] { OrgLevel.Provincial, OrgLevel.City, OrgLevel.District, OrgLevel.Branch })
        {
            var units = plan.Hierarchy.At(level).Select(u => (u.Code, Parent: u.Parent!, Cases: plan.CasesBelow(u.Code)))
                .Where(u => u.Cases > 0).ToList();
            await Parallel.ForEachAsync(units, new ParallelOptions { MaxDegreeOfParallelism = concurrency },
                async (unit, _) => await HandDown(programme, unit.Parent, unit.Code, unit.Cases));
        }
    }

    private async Task HandDown(string programme, string parent, string child, int cases)
    {
        var sent = await api.Expect(HttpMethod.Post, $"{programme}/orgunits/{parent}/allocations", $"finance-{parent}", parent, ReliefRole.Finance,
            new { child, amount = AmountFor(cases), recipients = cases });
        var allocation = sent.Json.GetProperty("id").GetGuid();
        await api.Expect(HttpMethod.Post, $"{programme}/orgunits/{child}/receipts/{allocation}", $"finance-{child}", child, ReliefRole.Finance);
    }

    private static string AmountFor(int cases) => new Money(checked(SeasonPlan.Standard.Fen * cases)).ToString();
}
