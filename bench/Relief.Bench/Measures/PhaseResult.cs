namespace Relief.Bench.Measures;

/// <summary>What one timed phase of a season did and how fast.</summary>
public sealed record PhaseResult(
    string Phase,
    double Seconds,
    int Cases,
    int Decisions,
    long StateWrites,
    LatencySummary? DecisionRoute = null,
    string? Note = null,
    CpuUse? Cpu = null)
{
    public double CasesPerSecond => Seconds > 0 ? Cases / Seconds : 0;

    public double DecisionsPerSecond => Seconds > 0 ? Decisions / Seconds : 0;

    public double StateWritesPerSecond => Seconds > 0 ? StateWrites / Seconds : 0;
}
