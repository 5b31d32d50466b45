using Relief.Workflows.Funds;
using Relief.Workflows.Queues;

namespace Relief.Api.OrgUnits;

/// <summary>A line of an approver's queue, with its service deadline and whether it is past it now.</summary>
public sealed record QueueLine(
    Guid CaseId,
    Guid ProgrammeId,
    string UnitCode,
    WaitingFor WaitingFor,
    string BranchCode,
    string Category,
    Money Amount,
    string MaskedName,
    DateTimeOffset WaitingSince,
    int CaseVersion,
    DateTimeOffset? DueAt,
    bool Overdue,
    DateTimeOffset? EscalatesAt)
{
    public static QueueLine From(QueueEntry entry, DateTimeOffset now) => new(entry.CaseId, entry.ProgrammeId, entry.UnitCode,
        entry.WaitingFor, entry.BranchCode, entry.Category, entry.Amount, entry.MaskedName, entry.WaitingSince, entry.CaseVersion,
        entry.DueAt, entry.IsOverdueAt(now), entry.EscalatesAt);
}
