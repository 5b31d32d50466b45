using Relief.Workflows.Common;

namespace Relief.Workflows.SpotChecks;

/// <summary>
/// The spot checks (抽查) one level runs over what its sub-units approved in a programme (key
/// <c>spot-checks/{programme}/{unit}</c>): it draws samples and lists them.
/// </summary>
[Alias("Relief.ISpotChecksGrain")]
public interface ISpotChecksGrain : IGrainWithStringKey
{
    /// <summary>Draws a sample of <paramref name="percent"/>% (at least one case); without a seed, one is chosen and recorded.</summary>
    [Alias("Draw")]
    Task<(CommandResult Result, Guid? SpotCheckId)> Draw(decimal percent, long? seed, Actor actor);

    [Alias("List")]
    Task<IReadOnlyList<Guid>> List();
}

/// <summary>One drawn sample: its seed, its cases, the auditors' findings and vetoes, and its journal.</summary>
[Alias("Relief.ISpotCheckGrain")]
public interface ISpotCheckGrain : IGrainWithGuidKey
{
    [Alias("Start")]
    Task Start(SpotCheckDrawing drawing);

    [Alias("Describe")]
    Task<SpotCheckView?> Describe();

    /// <summary>Records an auditor's finding on a sampled case; a veto rejects the case (or flags a paid one for recovery).</summary>
    [Alias("RecordFinding")]
    Task<CommandResult> RecordFinding(Guid caseId, SpotCheckVerdict verdict, string note, Actor actor);
}

/// <summary>Key scheme of the spot-check registers.</summary>
public static class SpotCheckKeys
{
    public static string For(Guid programmeId, string unit) => $"spot-checks/{programmeId:N}/{unit}";

    public static (Guid ProgrammeId, string Unit) Parse(string key)
    {
        var parts = key.Split('/');
        return (Guid.Parse(parts[1]), parts[2]);
    }
}
