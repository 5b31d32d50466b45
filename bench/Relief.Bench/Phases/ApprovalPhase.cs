using System.Text.Json;
using Relief.Api.Acting;
using Relief.Bench.Measures;
using Relief.Bench.Season;
using Relief.Workflows.Hierarchy;

namespace Relief.Bench.Phases;

/// <summary>
/// One level of approval, as its approvers work: each reads the oldest page of its queue and approves the page in one
/// bulk decision, until its queue is empty. Meanwhile a sample of the cases (every k-th) is held back from the bulk
/// decisions and approved one by one through the single-case route, whose round trips are timed under that load.
/// </summary>
public sealed class ApprovalPhase(
    ReliefApi api, SeasonPlan plan, IReadOnlyCollection<FiledCase> cases, OrgLevel level, int approvers, int sampleEvery, Latencies season)
{
    private const int PageSize = 500;

    private readonly HashSet<Guid> _sample = cases.Where(c => c.Number % sampleEvery == 0).Select(c => c.Id).ToHashSet();
    private int _bulkDecisions;

    public Latencies SingleCaseRoute { get; } = new();

    public async Task<PhaseOutcome> Run()
    {
        var units = cases.Select(c => SeasonPlan.UnitAt(c.Branch, level)).Distinct(StringComparer.Ordinal).ToList();
        var bulk = Parallel.ForEachAsync(units, new ParallelOptions { MaxDegreeOfParallelism = approvers }, async (unit, _) => await WorkQueue(unit));
        var single = DecideSampleOneByOne();
        await Task.WhenAll(bulk, single);
        return new PhaseOutcome(cases.Count, _bulkDecisions + _sample.Count, SingleCaseRoute.Summary());
    }

    private async Task WorkQueue(string unit)
    {
        var approver = $"approver-{unit}";
        var offset = 0;
        while (true)
        {
            var page = (await api.Expect(HttpMethod.Get,
                $"/api/orgunits/{unit}/queue?programme={plan.ProgrammeId}&limit={PageSize}&offset={offset}", approver, unit, ReliefRole.Approver)).Json;
            var lines = page.GetProperty("items").EnumerateArray()
                .Select(line => (Id: line.GetProperty("caseId").GetGuid(), Version: line.GetProperty("caseVersion").GetInt32()))
                .ToList();
            var mine = lines.Where(l => !_sample.Contains(l.Id)).ToList();
            if (mine.Count == 0)
            {
                // A page of only held-back sample cases: look past it, or stop when the queue has nothing else.
                if (offset + lines.Count < page.GetProperty("total").GetInt32() && lines.Count > 0)
                {
                    offset += lines.Count;
                    continue;
                }
                return;
            }
            var answer = await api.Expect(HttpMethod.Post, "/api/cases/decisions", approver, unit, ReliefRole.Approver,
                new { decision = "approve", cases = mine.Select(l => new { id = l.Id, version = l.Version }) });
            var refused = answer.Json.GetProperty("results").EnumerateArray().Where(r => r.GetProperty("status").GetInt32() != 200).ToList();
            if (refused.Count > 0)
            {
                throw new SeasonRefusedException($"bulk decision at {unit}: {refused.Count} refused, e.g. {JsonSerializer.Serialize(refused[0])}");
            }
            Interlocked.Add(ref _bulkDecisions, mine.Count);
        }
    }

    private async Task DecideSampleOneByOne()
    {
        // Let the approvers' bulk load start first: the point is the single route's latency under that load.
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        var sample = cases.Where(c => _sample.Contains(c.Id)).ToList();
        await Parallel.ForEachAsync(sample, new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (c, _) =>
        {
            var unit = SeasonPlan.UnitAt(c.Branch, level);
            var answer = await api.Expect(HttpMethod.Post, $"/api/cases/{c.Id}/decisions", $"approver-{unit}", unit, ReliefRole.Approver,
                new { decision = "approve" });
            SingleCaseRoute.Add(answer.Elapsed);
            season.Add(answer.Elapsed);
        });
    }
}
