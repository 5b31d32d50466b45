namespace Relief.Integration.Tests.Telemetry;

/// <summary>
/// The tests that look at what is traced run alone, after the others: every host in the test process listens to the
/// same static ActivitySources, and an ActivitySource builds what its most demanding listener asks for, so a host
/// next door that samples everything would sample this test's spans too.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TracedAlone
{
    public const string Name = "Tracing, alone";
}
