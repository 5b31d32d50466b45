using System.Globalization;
using Relief.Silo.Configuration;

namespace Relief.Silo.Telemetry;

/// <summary>
/// How traces are chosen (<c>Relief:Telemetry:SamplingRatio</c> and <c>…:SlowRequest</c>), read and checked once at
/// start: a bad value is a <see cref="ReliefConfigurationException"/> naming the setting.
/// </summary>
public sealed record TracingSettings(double SamplingRatio, TimeSpan SlowRequest)
{
    /// <summary>
    /// A silo that is not told otherwise samples one trace in ten and keeps every failed or slow request (ADR 25):
    /// enough whole traces to see what a normal request does at the peak, at a fraction of the cost of tracing all.
    /// </summary>
    public const double DefaultSamplingRatio = 0.1;

    /// <summary>Twenty times the decision route's p99 under the bulk load: a request this slow is worth a look.</summary>
    public static readonly TimeSpan DefaultSlowRequest = TimeSpan.FromSeconds(1);

    public static TracingSettings FromConfiguration(IConfiguration section) =>
        new(Ratio(section["SamplingRatio"]), Slow(section["SlowRequest"]));

    private static double Ratio(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return DefaultSamplingRatio;
        }
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var ratio) && ratio is >= 0 and <= 1
            ? ratio
            : throw new ReliefConfigurationException($"{TelemetrySetup.Section}:SamplingRatio", $"'{text}' is not a share between 0 and 1");
    }

    private static TimeSpan Slow(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return DefaultSlowRequest;
        }
        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var slow) && slow > TimeSpan.Zero
            ? slow
            : throw new ReliefConfigurationException($"{TelemetrySetup.Section}:SlowRequest", $"'{text}' is not a positive duration (hh:mm:ss.fff, e.g. 00:00:01)");
    }
}
