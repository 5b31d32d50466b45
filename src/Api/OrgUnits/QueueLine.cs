using Relief.Workflows.Funds;
using Relief.Workflows.Queues;

namespace Relief.Api.OrgUnits;

/// <summary>A line of a unit's inbox: one open task of a case (its id, node and title), with its due time and whether it is past it now.</summary>
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
    DateTimeOffset? EscalatesAt,
    Guid TaskId,
    string Node,
    string Title,
    IReadOnlyList<string> Roles)
{
    public static QueueLine From(QueueEntry entry, DateTimeOffset now) => new(entry.CaseId, entry.ProgrammeId, entry.UnitCode,
        entry.WaitingFor, entry.BranchCode, entry.Category, entry.Amount, entry.MaskedName, entry.WaitingSince, entry.CaseVersion,
        entry.DueAt, entry.IsOverdueAt(now), entry.EscalatesAt, entry.TaskId, entry.Node, entry.Title, entry.Roles ?? []);
}
