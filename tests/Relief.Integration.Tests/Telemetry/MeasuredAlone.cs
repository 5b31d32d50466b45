namespace Relief.Integration.Tests.Telemetry;

/// <summary>
/// Tests that read a host's own <c>/metrics</c> run with no other host in the process. OpenTelemetry merges
/// instruments of one identity (meter name, instrument name, unit) across the process's meter instances, so another
/// in-process host's gauges and ASP.NET Core meters share this host's metric streams, and when that host stops, its
/// meters' disposal ends the shared streams: this host's gauges vanish from its scrape. A real process has one host.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MeasuredAlone
{
    public const string Name = "Measured alone (one host in the process)";
}
