using Relief.Workflows.Common;

namespace Relief.Workflows.Cases;

/// <summary>
/// The case's branch, the unit where it waits for a decision (none when it waits for none), and its programme (whose
/// quota at that unit an approval takes a place of; empty when answered by a silo of a version before it was added).
/// </summary>
[GenerateSerializer, Immutable, Alias("Relief.CaseWhereabouts")]
public sealed record CaseWhereabouts([property: Id(0)] string BranchCode, [property: Id(1)] string? WaitingAt, [property: Id(2)] Guid ProgrammeId);

/// <summary>One aid case: filed at a branch, carried up its route by decisions, journalled at every step.</summary>
[Alias("Relief.ICaseGrain")]
public interface ICaseGrain : IGrainWithGuidKey
{
    /// <summary>Files the case. Filing the same application again returns the first result (an idempotent retry).</summary>
    [Alias("File")]
    Task<CommandResult> File(CaseApplication application, Actor actor);

    /// <summary>Corrects a returned case and sends it up its route again from the start.</summary>
    [Alias("Amend")]
    Task<CommandResult> Amend(CaseApplication application, Actor actor);

    /// <summary>Approve, return or reject, by an approver of the unit where the case waits.</summary>
    [Alias("Decide")]
    Task<CommandResult> Decide(Decision decision, Actor actor);

    /// <summary>
    /// Completes an open task of the case by its id: a decision or a committee member's vote, or a task's outcome
    /// with the answers to its form. <paramref name="roles"/> are the roles the person holds at their unit.
    /// Completing a task again with the same outcome returns the first result.
    /// </summary>
    [Alias("Complete")]
    Task<CommandResult> Complete(TaskCompletion completion, Actor actor, IReadOnlyList<string> roles);

    /// <summary>Pays an approved case from its branch's reservation; paying again returns the first payment.</summary>
    [Alias("Pay")]
    Task<CommandResult> Pay(PaymentMethod method, string reference, Actor actor);

    /// <summary>Runs again the steps that faulted (queue updates), resolving their incidents.</summary>
    [Alias("RetryIncidents")]
    Task<CommandResult> RetryIncidents(Actor actor);

    [Alias("Describe")]
    Task<CaseView?> Describe();

    /// <summary>Where the case belongs and where it waits for a decision: what an access check needs, without the whole view.</summary>
    [Alias("Whereabouts")]
    Task<CaseWhereabouts?> Whereabouts();

    // The notice steps, called by the notice board and list.
    [Alias("NoticePublished")]
    Task NoticePublished(Guid listId, Notices.NoticeWindow window, Actor actor);

    [Alias("NoticeClosed")]
    Task NoticeClosed(Guid listId);

    [Alias("Suspend")]
    Task Suspend(Guid objectionId);

    /// <summary>Upheld: the case is rejected, its money and quota places released. Dismissed: it carries on.</summary>
    [Alias("ObjectionResolved")]
    Task<CommandResult> ObjectionResolved(bool upheld, string reason, bool windowClosed, string noticingUnit, Actor actor);

    /// <summary>A spot check's veto: an approved case is rejected and releases its money and quota places; a paid one is flagged for recovery.</summary>
    [Alias("Veto")]
    Task<(CommandResult Result, bool RecoveryDue)> Veto(Guid spotCheckId, string auditingUnit, string reason, Actor actor);

    /// <summary>
    /// Cancels a running case with a reason (the national administrator): its workflow ends rejected wherever it
    /// stands, its open tasks close, its quota places and reserved money are given back, an unpublished notice
    /// line is withdrawn, and the journal says who and why. A case paid, rejected or closed is not running: 409.
    /// </summary>
    [Alias("Cancel")]
    Task<CommandResult> Cancel(string reason, Actor actor);

    /// <summary>An open task given to another unit of the case's way up, or other roles (the national administrator, with a reason).</summary>
    [Alias("Reassign")]
    Task<CommandResult> Reassign(Guid taskId, string unitCode, IReadOnlyList<string>? roles, string reason, Actor actor);

    /// <summary>The waiting case moved to another node of its workflow that waits (the national administrator, with a reason).</summary>
    [Alias("MoveTo")]
    Task<CommandResult> MoveTo(string node, string reason, Actor actor);

    /// <summary>The case carried to another workflow version by a migration (or, in a dry run, where it would land).</summary>
    [Alias("Migrate")]
    Task<CaseMigration> Migrate(MigrationOrder order, bool dryRun, Actor actor);

    /// <summary>The case as a workflow instance (tokens, waits, variables, pending effects, incidents, traced steps); null for no case.</summary>
    [Alias("Instance")]
    Task<CaseInstanceView?> Instance();

    /// <summary>Whether the case still holds its applicant (filed and not rejected): asked by the duplicate guard.</summary>
    [Alias("IsLive")]
    Task<bool> IsLive();
}
