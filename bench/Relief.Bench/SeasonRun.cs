using Microsoft.Extensions.DependencyInjection;
using Relief.Bench.Checks;
using Relief.Bench.Hosting;
using Relief.Bench.Measures;
using Relief.Bench.Phases;
using Relief.Bench.Season;
using Relief.Workflows.Hierarchy;

namespace Relief.Bench;

/// <summary>What a season on one storage mode measured, and whether its books balanced.</summary>
public sealed record ModeResult(
    string Storage,
    int Cases,
    int Units,
    int Branches,
    double SetupSeconds,
    IReadOnlyList<PhaseResult> Phases,
    PhaseResult EndToEnd,
    LatencySummary DecisionRoute,
    long PeakWorkingSetBytes,
    long PeakGcHeapBytes,
    CaseGrainMemory? CaseGrainMemory,
    BooksVerdict? Books,
    string? PostgresFsync,
    string? Error,
    ReportsResult? Reports = null)
{
    public bool Passed => Error is null && Books is { Passed: true } && Reports is null or { Passed: true };
}

/// <summary>One season, start to end, on one storage mode: host, hierarchy, setup, the four timed phases, the checks.</summary>
public sealed class SeasonRun(BenchOptions options, BenchStorage storage)
{
    public async Task<ModeResult> Run()
    {
        var name = storage == BenchStorage.Sqlite ? "SQLite (embedded)" : "PostgreSQL";
        Console.WriteLine($"Season on {name}: {options.Cases:N0} cases at scale {options.Scale}, traces sampled at {options.SamplingRatio}");
        var tokens = new BenchTokens();
        using var writes = new StorageWriteCounter();
        await using var memory = new MemoryWatch();
        var fsync = storage == BenchStorage.PostgreSql ? await PostgresDatabase.Setting(options.Postgres!, "fsync") : null;
        await using var relief = await ReliefUnderTest.Start(storage, options.Postgres, tokens.SigningKey, options.SamplingRatio);
        var grains = relief.Services.GetRequiredService<IGrainFactory>();
        var api = new ReliefApi(relief.Http, tokens);
        var hierarchy = SyntheticHierarchy.Build(options.Scale);
        var plan = new SeasonPlan(hierarchy, options.Cases);
        var timer = new PhaseTimer(writes);
        var phases = new List<PhaseResult>();
        CaseGrainMemory? grainMemory = null;
        BooksVerdict? books = null;
        ReportsResult? reports = null;
        string? error = null;
        var setupSeconds = 0.0;
        var decisionRoute = new Latencies();
        CpuMark? seasonCpu = null;
        CpuUse? endToEndCpu = null;
        try
        {
            var setup = await timer.Run("setup (import, programme, money down to every branch)", async () =>
            {
                await new HierarchyImporter(grains).Import(hierarchy.ToImportFile());
                await new SeasonSetup(api, plan, options.Clients).Run();
                return new PhaseOutcome(0, Note: $"{hierarchy.Units.Count:N0} units");
            });
            setupSeconds = setup.Seconds;

            var before = await CaseGrainMemory.Snapshot(grains);
            seasonCpu = CpuUse.Mark();
            var filing = new FilingPhase(api, plan, options.Clients);
            phases.Add(await timer.Run("file", filing.Run));
            var after = await CaseGrainMemory.Snapshot(grains);
            grainMemory = new CaseGrainMemory(before.Heap, after.Heap, before.CaseGrains, after.CaseGrains);
            var cases = filing.Filed.OrderBy(c => c.Number).ToList();

            foreach (var level in new[] { OrgLevel.District, OrgLevel.City, OrgLevel.Provincial })
            {
                var approvals = new ApprovalPhase(api, plan, cases, level, options.Approvers, options.LatencySampleEvery, decisionRoute);
                phases.Add(await timer.Run($"approve at {level.ToString().ToLowerInvariant()}", approvals.Run));
            }
            phases.Add(await timer.Run("notice (publish, window ends, payable)",
                new NoticePhase(api, plan, cases, relief.Clock, options.Clients).Run));
            phases.Add(await timer.Run("pay", new PaymentPhase(api, cases, options.Clients).Run));
            endToEndCpu = CpuUse.Since(seasonCpu);

            Console.WriteLine("  checking the books …");
            books = await new BooksCheck(api, plan, cases, options.Clients).Run();
            foreach (var failure in books.Failures.Take(20))
            {
                Console.WriteLine($"  FAILED: {failure}");
            }
            if (options.ReportCases > 0)
            {
                reports = await new ReportsPhase(api, relief, hierarchy, options.ReportCases).Run();
            }
        }
        catch (Exception ex) when (ex is SeasonRefusedException or HttpRequestException or TaskCanceledException or InvalidOperationException)
        {
            error = ex.Message;
            Console.WriteLine($"  FAILED: {ex}");
        }
        return new ModeResult(name, options.Cases, hierarchy.Units.Count, hierarchy.Branches.Count, setupSeconds, phases,
            EndToEnd(phases, options.Cases, endToEndCpu), decisionRoute.Summary(), memory.PeakWorkingSetBytes, memory.PeakGcHeapBytes,
            grainMemory, books, fsync, error, reports);
    }

    /// <summary>File to paid: the four timed phases added up (setup excluded: it is the programme's, not the cases').</summary>
    private static PhaseResult EndToEnd(List<PhaseResult> phases, int cases, CpuUse? cpu) => new(
        "end to end (file → 3 approvals → notice → pay)",
        phases.Sum(p => p.Seconds),
        phases.Count == 6 ? cases : 0,
        phases.Sum(p => p.Decisions),
        phases.Sum(p => p.StateWrites),
        Cpu: cpu);
}
