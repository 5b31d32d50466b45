using System.Diagnostics;

namespace Relief.Bench.Measures;

/// <summary>
/// How busy the machine's cores were during a phase, as a share of all cores: this process (Relief and its simulated
/// clients) and the whole machine (which adds PostgreSQL, and anything else running, which would skew the figures).
/// </summary>
public sealed record CpuUse(double ProcessPercent, double MachinePercent)
{
    public static CpuMark Mark() => new(Process.GetCurrentProcess().TotalProcessorTime, MachineTicks(), Stopwatch.GetTimestamp());

    public static CpuUse? Since(CpuMark mark)
    {
        var process = Process.GetCurrentProcess().TotalProcessorTime - mark.ProcessTime;
        var wall = Stopwatch.GetElapsedTime(mark.Timestamp);
        var processPercent = wall > TimeSpan.Zero ? 100 * process / (wall * Environment.ProcessorCount) : 0;
        if (MachineTicks() is not { } now || mark.Machine is not { } then || now.Total == then.Total)
        {
            return new CpuUse(processPercent, double.NaN);
        }
        return new CpuUse(processPercent, 100.0 * (now.Busy - then.Busy) / (now.Total - then.Total));
    }

    /// <summary>Busy and total jiffies of all cores from Linux's <c>/proc/stat</c>; null elsewhere.</summary>
    private static (long Busy, long Total)? MachineTicks()
    {
        const string stat = "/proc/stat";
        if (!File.Exists(stat))
        {
            return null;
        }
        var fields = File.ReadLines(stat).First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(long.Parse).ToArray();
        // user nice system idle iowait irq softirq steal …: idle and iowait are the not-busy ones.
        var total = fields.Take(8).Sum();
        return (total - fields[3] - fields[4], total);
    }
}

/// <summary>The counters at the start of a phase.</summary>
public sealed record CpuMark(TimeSpan ProcessTime, (long Busy, long Total)? Machine, long Timestamp);
