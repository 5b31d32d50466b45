using Relief.Workflows.Funds;
using Relief.Workflows.Hierarchy;
using Relief.Workflows.Programmes;

namespace Relief.Workflows.Cases;

/// <summary>A case as <c>GET /api/cases/{id}</c> shows it.</summary>
[GenerateSerializer, Immutable, Alias("Relief.CaseView")]
public sealed record CaseView(
    [property: Id(0)] Guid Id,
    [property: Id(1)] Guid ProgrammeId,
    [property: Id(2)] string BranchCode,
    [property: Id(3)] Applicant Applicant,
    [property: Id(4)] Money Amount,
    [property: Id(5)] IReadOnlyList<GoodsItem> Goods,
    [property: Id(6)] CaseStatus Status,
    [property: Id(7)] int Version,
    [property: Id(8)] int DefinitionVersion,
    [property: Id(9)] IReadOnlyList<RouteStep> Route,
    [property: Id(10)] string? WaitingAt,
    [property: Id(11)] IReadOnlyList<CaseJournalEntry> Journal,
    [property: Id(12)] IReadOnlyList<CaseIncident> Incidents,
    [property: Id(13)] RecoveryFlag? Recovery = null,
    [property: Id(14)] IReadOnlyList<CaseTask>? Tasks = null,
    [property: Id(15)] IReadOnlyList<string>? CurrentNodes = null);

/// <summary>
/// An open task of a case, as its page shows it: what is to be done, where, by whom, by when, and for a
/// committee how the vote stands (who voted, not how: the tally is in the journal once decided).
/// </summary>
[GenerateSerializer, Immutable, Alias("Relief.CaseTask")]
public sealed record CaseTask(
    [property: Id(0)] Guid TaskId,
    [property: Id(1)] string Node,
    [property: Id(2)] string Kind,
    [property: Id(3)] string Title,
    [property: Id(4)] string? UnitCode,
    [property: Id(5)] IReadOnlyList<string> Roles,
    [property: Id(6)] DateTimeOffset? DueAt,
    [property: Id(7)] IReadOnlyList<string> Outcomes,
    [property: Id(8)] IReadOnlyList<string> Voted,
    [property: Id(9)] int? Members,
    [property: Id(10)] int? Needed,
    [property: Id(11)] string? Form);

/// <summary>One step of a case's route and how far it got.</summary>
[GenerateSerializer, Immutable, Alias("Relief.RouteStep")]
public sealed record RouteStep(
    [property: Id(0)] OrgLevel Level,
    [property: Id(1)] string UnitCode,
    [property: Id(2)] string State);

/// <summary>An approver's decision on a case waiting at their unit.</summary>
public enum DecisionKind
{
    Approve,
    Return,
    Reject,
}

/// <summary>A task completed by its id: the outcome, the answers to its form (a JSON object), a comment, the version read.</summary>
[GenerateSerializer, Immutable, Alias("Relief.TaskCompletion")]
public sealed record TaskCompletion(
    [property: Id(0)] Guid TaskId,
    [property: Id(1)] string Outcome,
    [property: Id(2)] string? Answers,
    [property: Id(3)] string? Comment,
    [property: Id(4)] int? ExpectedVersion);

[GenerateSerializer, Immutable, Alias("Relief.Decision")]
public sealed record Decision(
    [property: Id(0)] DecisionKind Kind,
    [property: Id(1)] string? Comment,
    [property: Id(2)] int? ExpectedVersion);
