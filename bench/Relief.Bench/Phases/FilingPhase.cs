using System.Collections.Concurrent;
using Relief.Api.Acting;
using Relief.Bench.Measures;
using Relief.Bench.Season;

namespace Relief.Bench.Phases;

/// <summary>Clerks at every branch file the season's cases, one request per case, many branches at once.</summary>
public sealed class FilingPhase(ReliefApi api, SeasonPlan plan, int clients)
{
    public ConcurrentBag<FiledCase> Filed { get; } = [];

    public async Task<PhaseOutcome> Run()
    {
        await Parallel.ForEachAsync(Enumerable.Range(0, plan.Cases), new ParallelOptions { MaxDegreeOfParallelism = clients }, async (n, _) =>
        {
            var branch = plan.BranchOf(n);
            var answer = await api.Expect(HttpMethod.Post, $"/api/programmes/{plan.ProgrammeId}/cases", $"clerk-{branch}", branch,
                ReliefRole.Clerk, Applicants.Filing(n));
            Filed.Add(new FiledCase(n, answer.Json.GetProperty("id").GetGuid(), branch));
        });
        return new PhaseOutcome(Filed.Count);
    }
}
