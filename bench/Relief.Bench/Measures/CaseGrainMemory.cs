using Orleans.Runtime;

namespace Relief.Bench.Measures;

/// <summary>
/// Memory per active case grain by the delta method: the live managed heap (after a full compacting collection) and
/// the number of active case-grain activations, taken before and after the filing phase. The difference in heap is
/// everything filing left alive (the case grains with their state, the applicant-claim grains, Orleans' activation
/// bookkeeping, the harness's own list of filed cases), divided by the case grains it activated; so it is an upper
/// bound for a case grain alone.
/// </summary>
public sealed record CaseGrainMemory(long HeapBeforeBytes, long HeapAfterBytes, int CaseGrainsBefore, int CaseGrainsAfter)
{
    public int NewCaseGrains => CaseGrainsAfter - CaseGrainsBefore;

    public long BytesPerCaseGrain => NewCaseGrains > 0 ? (HeapAfterBytes - HeapBeforeBytes) / NewCaseGrains : 0;

    public static async Task<(long Heap, int CaseGrains)> Snapshot(IGrainFactory grains)
    {
        var heap = MemoryWatch.LiveHeapBytes();
        var statistics = await grains.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        var caseGrains = statistics.Where(s => IsCaseGrain(s.GrainType)).Sum(s => s.ActivationCount);
        return (heap, caseGrains);
    }

    private static bool IsCaseGrain(string grainType) =>
        grainType.Split(',')[0].Trim() is var name && (name.EndsWith(".CaseGrain", StringComparison.Ordinal) || name == "case");
}
