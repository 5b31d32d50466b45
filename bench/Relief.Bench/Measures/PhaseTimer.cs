using System.Diagnostics;

namespace Relief.Bench.Measures;

/// <summary>Times a phase and takes the storage writes it caused from the counter's difference.</summary>
public sealed class PhaseTimer(StorageWriteCounter writes)
{
    public async Task<PhaseResult> Run(string phase, Func<Task<PhaseOutcome>> work)
    {
        Console.WriteLine($"  {phase} …");
        var writesBefore = writes.Writes;
        var cpu = CpuUse.Mark();
        var started = Stopwatch.GetTimestamp();
        var outcome = await work();
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var result = new PhaseResult(phase, seconds, outcome.Cases, outcome.Decisions, writes.Writes - writesBefore, outcome.DecisionRoute, outcome.Note,
            CpuUse.Since(cpu));
        Console.WriteLine($"  {phase}: {seconds:F1} s, {result.CasesPerSecond:F0} cases/s, {result.DecisionsPerSecond:F0} decisions/s, " +
                          $"{result.StateWritesPerSecond:F0} state writes/s; CPU {result.Cpu?.ProcessPercent:F0} % this process, {result.Cpu?.MachinePercent:F0} % machine");
        return result;
    }
}

/// <summary>What a phase reports of its own work.</summary>
public sealed record PhaseOutcome(int Cases, int Decisions = 0, LatencySummary? DecisionRoute = null, string? Note = null);
