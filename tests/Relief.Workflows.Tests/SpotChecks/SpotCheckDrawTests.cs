using Relief.Workflows.SpotChecks;

namespace Relief.Workflows.Tests.SpotChecks;

public class SpotCheckDrawTests
{
    // 1,000 approved cases from seven districts of unequal size.
    private static readonly int[] Sizes = [300, 200, 150, 120, 100, 80, 50];

    private static readonly List<ApprovedCase> Approved = Sizes
        .SelectMany((size, d) => Enumerable.Range(0, size).Select(i => new ApprovedCase(new Guid(d * 10_000 + i, 0, 0, new byte[8]), $"CN-44-03-{d + 1:D2}")))
        .ToList();

    [Fact]
    public void A_seven_percent_check_of_1000_cases_draws_70_spread_over_the_sub_units_in_proportion()
    {
        var sample = SpotCheckDraw.Draw(Approved, 7m, seed: 20270115);

        Assert.Equal(70, sample.Count);
        Assert.Equal(70, sample.Select(c => c.CaseId).Distinct().Count());
        Assert.Equal([21, 14, 11, 8, 7, 6, 3], sample.GroupBy(c => c.SubUnit).OrderBy(g => g.Key).Select(g => g.Count()));
        Assert.All(sample, c => Assert.Contains(c, Approved));
    }

    [Fact]
    public void The_same_seed_draws_the_same_sample_and_another_seed_another()
    {
        var first = SpotCheckDraw.Draw(Approved, 7m, seed: 42);
        var again = SpotCheckDraw.Draw([.. Approved.AsEnumerable().Reverse()], 7m, seed: 42);
        var other = SpotCheckDraw.Draw(Approved, 7m, seed: 43);

        Assert.Equal(first.Select(c => c.CaseId).Order(), again.Select(c => c.CaseId).Order());
        Assert.NotEqual(first.Select(c => c.CaseId).Order(), other.Select(c => c.CaseId).Order());
    }

    [Fact]
    public void A_small_check_still_draws_at_least_one_case()
    {
        Assert.Single(SpotCheckDraw.Draw(Approved.Take(5).ToList(), 1m, seed: 7));
        Assert.Empty(SpotCheckDraw.Draw([], 7m, seed: 7));
    }
}
