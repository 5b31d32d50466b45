using System.Collections.Concurrent;

namespace Relief.Bench.Measures;

/// <summary>Percentiles of a latency sample, in milliseconds.</summary>
public sealed record LatencySummary(int Count, double P50, double P95, double P99, double Max);

/// <summary>Round-trip times collected from many tasks; percentiles by the nearest-rank method.</summary>
public sealed class Latencies
{
    private readonly ConcurrentQueue<double> _milliseconds = new();

    public void Add(TimeSpan elapsed) => _milliseconds.Enqueue(elapsed.TotalMilliseconds);

    public LatencySummary Summary()
    {
        var sorted = _milliseconds.Order().ToArray();
        if (sorted.Length == 0)
        {
            return new LatencySummary(0, 0, 0, 0, 0);
        }
        double Rank(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new LatencySummary(sorted.Length, Rank(0.50), Rank(0.95), Rank(0.99), sorted[^1]);
    }
}
