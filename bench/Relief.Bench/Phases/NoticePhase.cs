using System.Collections.Concurrent;
using Relief.Api.Acting;
using Relief.Bench.Hosting;
using Relief.Bench.Measures;
using Relief.Bench.Season;
using Relief.Workflows.Hierarchy;

namespace Relief.Bench.Phases;

/// <summary>
/// Every district publishes its notice list; the domain clock jumps past the five working days; the phase ends when
/// every case is payable (each list closes by its own reminder and releases its cases).
/// </summary>
public sealed class NoticePhase(ReliefApi api, SeasonPlan plan, IReadOnlyCollection<FiledCase> cases, MovableClock clock, int clients)
{
    public static readonly TimeSpan PastTheWindow = TimeSpan.FromDays(14);

    public async Task<PhaseOutcome> Run()
    {
        var districts = cases.Select(c => SeasonPlan.UnitAt(c.Branch, OrgLevel.District)).Distinct(StringComparer.Ordinal).ToList();
        await Parallel.ForEachAsync(districts, new ParallelOptions { MaxDegreeOfParallelism = clients }, async (district, _) =>
            await api.Expect(HttpMethod.Post, $"/api/programmes/{plan.ProgrammeId}/orgunits/{district}/notices/publish",
                $"notice-{district}", district, ReliefRole.Approver));
        clock.Advance(PastTheWindow);

        var waiting = new ConcurrentDictionary<Guid, FiledCase>(cases.Select(c => KeyValuePair.Create(c.Id, c)));
        var deadline = DateTime.UtcNow.AddMinutes(10);
        var polls = 0;
        while (!waiting.IsEmpty)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new SeasonRefusedException($"{waiting.Count} cases were still not payable ten minutes after their windows ended");
            }
            polls++;
            await Parallel.ForEachAsync(waiting.Values.ToList(), new ParallelOptions { MaxDegreeOfParallelism = clients }, async (c, _) =>
            {
                var view = await api.Expect(HttpMethod.Get, $"/api/cases/{c.Id}", "auditor-CN", OrgCode.NationalCode, ReliefRole.Auditor);
                if (view.Json.GetProperty("status").GetString() == "Payable")
                {
                    waiting.TryRemove(c.Id, out FiledCase? _);
                }
            });
            if (!waiting.IsEmpty)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }
        return new PhaseOutcome(cases.Count, Note: $"{districts.Count} lists published; payable after {polls} status sweeps");
    }
}
