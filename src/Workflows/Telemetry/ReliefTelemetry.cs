using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Relief.Workflows.Telemetry;

/// <summary>
/// The spans and instruments of the workflow. Spans carry ids and codes only (programme, case, unit, level,
/// step, decision), never a name or an ID number. Money counters are in fen, exact, by funding source.
/// </summary>
public static class ReliefTelemetry
{
    public const string Name = "Relief";

    public static readonly ActivitySource Source = new(Name);
    public static readonly Meter Meter = new(Name);

    public static readonly Counter<long> CasesFiled = Meter.CreateCounter<long>("relief.cases.filed", "{case}", "Cases filed, by programme.");
    public static readonly Counter<long> Decisions = Meter.CreateCounter<long>("relief.decisions", "{decision}", "Decisions, by level and outcome.");
    public static readonly Counter<long> MoneyReserved = Meter.CreateCounter<long>("relief.money.reserved", "fen", "Money set aside for approved cases, by funding source.");
    public static readonly Counter<long> MoneyPaid = Meter.CreateCounter<long>("relief.money.paid", "fen", "Money paid to households, by funding source.");
    public static readonly Counter<long> PaymentFailures = Meter.CreateCounter<long>("relief.payments.failed", "{payment}", "Payments refused or faulted, by reason.");
    public static readonly UpDownCounter<long> NoticeListsOpen = Meter.CreateUpDownCounter<long>("relief.notice_lists.open", "{list}", "Published notice lists whose window is open.");
    public static readonly UpDownCounter<long> ObjectionsOpen = Meter.CreateUpDownCounter<long>("relief.objections.open", "{objection}", "Objections raised and not yet resolved.");
    public static readonly Histogram<double> StorageLatency = Meter.CreateHistogram<double>("relief.storage.duration", "ms", "Grain state reads and writes, by operation and state.");
    public static readonly Histogram<int> StorageBatchSize = Meter.CreateHistogram<int>("relief.storage.batch.size", "{write}", "Grain-state writes carried by one database commit, by store.",
        advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256] });
    public static readonly Histogram<double> StorageCommitDuration = Meter.CreateHistogram<double>("relief.storage.commit.duration", "ms", "One group commit's database time, by store.");

    public const string Programme = "relief.programme";
    public const string CaseId = "relief.case_id";
    public const string OrgUnit = "relief.org_unit";
    public const string Level = "relief.level";
    /// <summary>The province a unit belongs to: its code's first two segments (<c>CN-44</c>); <c>CN</c> for the national unit.</summary>
    public const string Province = "relief.province";
    public const string Step = "relief.step";
    public const string Decision = "relief.decision";

    public static KeyValuePair<string, object?> Tag(string name, object value) => new(name, value.ToString());

    /// <summary>A span for one workflow step of a case.</summary>
    public static Activity? StartStep(string step, Guid programmeId, Guid caseId, string? orgUnit, string? level)
    {
        var activity = Source.StartActivity($"case {step}");
        activity?.SetTag(Programme, programmeId.ToString());
        activity?.SetTag(CaseId, caseId.ToString());
        activity?.SetTag(Step, step);
        if (orgUnit is not null)
        {
            activity?.SetTag(OrgUnit, orgUnit);
        }
        if (level is not null)
        {
            activity?.SetTag(Level, level);
        }
        return activity;
    }

    /// <summary>
    /// A failure a step survives (a count not made, a wake-up not lowered): a span in error. Under a sampled trace it is
    /// a span of that trace; under one not sampled, where a child would be dropped, it starts a trace of its own linked
    /// to the request's, which the silo keeps because it ended in error (ADR 25).
    /// </summary>
    public static void SurvivedFailure(string name, string reason)
    {
        var current = Activity.Current;
        if (current is null || current.Recorded)
        {
            Source.StartActivity(name)?.SetStatus(ActivityStatusCode.Error, reason).Dispose();
            return;
        }
        // ActivitySource takes Activity.Current as the parent of a span given none, so it is set aside for this one.
        Activity.Current = null;
        try
        {
            Source.StartActivity(name, ActivityKind.Internal, default(ActivityContext), links: [new ActivityLink(current.Context)])?
                .SetStatus(ActivityStatusCode.Error, reason).Dispose();
        }
        finally
        {
            Activity.Current = current;
        }
    }

    /// <summary>Adds each funding source's part of an amount to a money counter.</summary>
    public static void Add(Counter<long> counter, Funds.SourceAmounts amounts, Guid programmeId)
    {
        foreach (var source in Funds.SourceAmounts.Sources)
        {
            if (amounts[source].Fen != 0)
            {
                counter.Add(amounts[source].Fen, new KeyValuePair<string, object?>("source", source.ToString()),
                    new KeyValuePair<string, object?>(Programme, programmeId.ToString()));
            }
        }
    }
}
