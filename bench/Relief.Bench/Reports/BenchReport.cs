using System.Text.Json.Serialization;
using Relief.Bench.References;
using Relief.Bench.References.WorkflowCoreRoute;

namespace Relief.Bench.Reports;

/// <summary>One target of the issue, judged against this run.</summary>
public sealed record TargetVerdict(string Target, string Measured, bool? Met, string By);

/// <summary>Everything a run measured, as written to JSON and Markdown.</summary>
public sealed record BenchReport(
    DateTimeOffset At,
    string Label,
    MachineFacts Machine,
    double Scale,
    int Cases,
    double SamplingRatio,
    IReadOnlyList<ModeResult> Modes,
    PgBenchResult? PgBench,
    WorkflowCoreResult? WorkflowCore,
    string? ReferenceProblem,
    BaselineRun? Baseline = null)
{
    [JsonIgnore]
    public ModeResult? Sqlite => Modes.FirstOrDefault(m => m.Storage.StartsWith("SQLite", StringComparison.Ordinal));

    [JsonIgnore]
    public ModeResult? Postgres => Modes.FirstOrDefault(m => m.Storage == "PostgreSQL");

    public bool Passed => Modes.All(m => m.Passed) && WorkflowCore is not { BooksBalance: false };

    /// <summary>Relief's cases per second end to end on PostgreSQL ÷ pgbench simple-update TPS on the same server.</summary>
    public double? CasesOverPgBench =>
        Postgres is { } pg && PgBench is { Tps: > 0 } bench ? pg.EndToEnd.CasesPerSecond / bench.Tps : null;

    /// <summary>Relief's durable state writes per second on PostgreSQL ÷ pgbench simple-update TPS on the same server.</summary>
    public double? WritesOverPgBench =>
        Postgres is { } pg && PgBench is { Tps: > 0 } bench ? pg.EndToEnd.StateWritesPerSecond / bench.Tps : null;

    /// <summary>Relief's embedded (SQLite) cases per second end to end ÷ WorkflowCore's on the same route.</summary>
    public double? EmbeddedOverWorkflowCore =>
        Sqlite is { } sqlite && WorkflowCore is { CasesPerSecond: > 0 } peer ? sqlite.EndToEnd.CasesPerSecond / peer.CasesPerSecond : null;

    /// <summary>Issue 17's targets: ratios taken within this run, and against a baseline run of the same day.</summary>
    public IReadOnlyList<TargetVerdict> Targets()
    {
        var verdicts = new List<TargetVerdict>();
        if (CasesOverPgBench is { } casesRatio)
        {
            verdicts.Add(Against("PostgreSQL end to end, cases/s ÷ pgbench TPS ≥ 0.10", casesRatio, 0.10, "×"));
        }
        if (WritesOverPgBench is { } writesRatio)
        {
            verdicts.Add(Against("durable state writes/s ÷ pgbench TPS ≥ 1.0", writesRatio, 1, "×"));
        }
        if (EmbeddedOverWorkflowCore is { } peerRatio)
        {
            verdicts.Add(Against("embedded (SQLite) cases/s ÷ WorkflowCore cases/s ≥ 2", peerRatio, 2, "×"));
        }
        foreach (var mode in Modes)
        {
            if (Baseline?.CasesPerSecond.GetValueOrDefault(mode.Storage) is > 0 and var before)
            {
                verdicts.Add(Against($"end to end ≥ 4 × the baseline ({mode.Storage}, {before:F0} cases/s)", mode.EndToEnd.CasesPerSecond / before, 4, "×"));
            }
        }
        foreach (var mode in Modes)
        {
            var p99 = mode.DecisionRoute.P99;
            verdicts.Add(new TargetVerdict($"p99 of the decision route < 50 ms ({mode.Storage})", $"{p99:F1} ms", p99 < 50,
                p99 < 50 ? $"{50 - p99:F1} ms under" : $"{p99 - 50:F1} ms over ({p99 / 50:F1}×)"));
        }
        foreach (var mode in Modes.Where(m => m.Reports is not null))
        {
            var rollUp = mode.Reports!.Timings[0];
            verdicts.Add(new TargetVerdict($"national roll-up over {mode.Reports.PaidCases:N0} paid cases < 2 s ({mode.Storage})",
                $"{rollUp.Slowest:F2} s (slowest of {rollUp.Seconds.Count})", rollUp.Slowest < 2,
                rollUp.Slowest < 2 ? $"{2 - rollUp.Slowest:F2} s under" : $"{rollUp.Slowest - 2:F2} s over"));
        }
        return verdicts;
    }

    private static TargetVerdict Against(string target, double measured, double wanted, string unit) => new(
        target,
        $"{measured:F2} {unit}",
        measured >= wanted,
        measured >= wanted ? $"{(measured / wanted - 1) * 100:F0} % above" : $"{(1 - measured / wanted) * 100:F0} % short ({measured / wanted:F2} of the target)");
}
