namespace Relief.Bench.References.WorkflowCoreRoute;

/// <summary>The state of one aid case in the WorkflowCore reference: what Relief's case grain holds, reduced to the route.</summary>
public sealed class AidCaseData
{
    public string CaseKey { get; set; } = "";

    public string Branch { get; set; } = "";

    public string IdNumber { get; set; } = "";

    public long AmountFen { get; set; }

    /// <summary>Events count from here on: the case subscribes to its decisions as of its filing.</summary>
    public DateTime FiledAt { get; set; }

    public string Status { get; set; } = "";

    public object? LastEvent { get; set; }

    public List<string> Journal { get; set; } = [];
}
