using System.Text.Json.Nodes;
using Relief.Workflows.Common;
using Relief.Workflows.Engine.Activities;
using Relief.Workflows.Engine.Forms;
using Relief.Workflows.Engine.Runtime;
using Relief.Workflows.Hierarchy;
using Relief.Workflows.Telemetry;

namespace Relief.Workflows.Cases;

/// <summary>What people do to a case: decide it, complete its tasks, vote on it, pay it.</summary>
public sealed partial class CaseGrain
{
    private static readonly string[] ApproverRole = ["approver"];

    private static readonly System.Text.Json.JsonSerializerOptions Readable =
        new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>An answer as the journal keeps it: text as written, anything else (a list, yes/no) as JSON people can read.</summary>
    private static string AnswerText(JsonNode? answer) =>
        answer is JsonValue value && value.TryGetValue<string>(out var text) ? text : answer?.ToJsonString(Readable) ?? "";

    private static bool IsInboxTask(Bookmark bookmark) => bookmark.At is not null && ActivityRegistry.Default.Find(bookmark.Kind)?.DoneFromInbox == true;

    private static IReadOnlyList<string> OutcomesOf(Bookmark bookmark, Engine.Definitions.NodeDefinition node) => TaskForms.OutcomesOf(bookmark, node);

    private static FormDefinition FormOf(Bookmark bookmark, Engine.Definitions.NodeDefinition node) => TaskForms.FormOf(bookmark, node);

    public async Task<CommandResult> Decide(Decision decision, Actor actor)
    {
        if (State.Application is null)
        {
            return CommandResult.NotFound($"No case has the id {Id}.");
        }
        var runtime = await Runtime();
        var waitingAt = WaitingUnit();
        var bookmark = State.Instance!.Bookmarks.FirstOrDefault(b => b.Kind == "approve" && TaskUnit(b) == actor.UnitCode
            && b.Roles.Intersect(ApproverRole).Any());
        using var span = ReliefTelemetry.StartStep("decide", State.Application.ProgrammeId, Id, waitingAt, bookmark?.At?.ToString());
        span?.SetTag(ReliefTelemetry.Decision, decision.Kind.ToString().ToLowerInvariant());
        if (bookmark is null)
        {
            return CommandResult.Conflict(waitingAt is null
                ? $"Case {Id} is {State.Status}: it waits for no decision."
                : waitingAt == actor.UnitCode
                    ? $"Case {Id} waits at {waitingAt} for a task that is not an approver's decision; open it from the inbox."
                    : $"Case {Id} waits for a decision at {waitingAt}, not at {actor.UnitCode}.");
        }
        return await Decide(bookmark, decision.Kind.ToString().ToLowerInvariant(), decision.Comment, decision.ExpectedVersion, actor);
    }

    /// <summary>A decision (or a committee member's vote) on an open approval: the checks of today, then the step.</summary>
    private async Task<CommandResult> Decide(Bookmark bookmark, string outcome, string? comment, int? expectedVersion, Actor actor)
    {
        var runtime = await Runtime();
        var node = runtime.Definition.Node(bookmark.Node);
        if (expectedVersion is { } expected && expected != State.Version)
        {
            return CommandResult.Conflict($"Case {Id} has changed since you read it (version {expected}, now {State.Version}): reload it.");
        }
        if (outcome is not ("approve" or "return" or "reject"))
        {
            return CommandResult.Invalid("outcome", "approve, return or reject");
        }
        if (outcome == "approve" && MakerCheckerRefusal(actor, bookmark.At!.Value) is { } refusal)
        {
            return refusal;
        }
        if (outcome != "approve" && string.IsNullOrWhiteSpace(comment))
        {
            return CommandResult.Invalid("comment", $"say why the case is {(outcome == "return" ? "returned" : "rejected")}");
        }
        var quorum = node.Settings["quorum"] is not null;
        RuntimeEvent step = quorum ? new VoteCast(actor, bookmark.Id, outcome) : new Completed(actor, bookmark.Id, outcome);
        var result = await Step(step, actor, new StepNote(null, TaskUnit(bookmark), comment, Task: bookmark.Id));
        if (!result.Succeeded)
        {
            return result;
        }
        await CountActivity(() => activity.Decided(State.Application!.ProgrammeId, TaskUnit(bookmark), clock.GetUtcNow()));
        ReliefTelemetry.Decisions.Add(1, new KeyValuePair<string, object?>(ReliefTelemetry.Programme, State.Application!.ProgrammeId.ToString()),
            new KeyValuePair<string, object?>(ReliefTelemetry.Level, bookmark.At.ToString()),
            new KeyValuePair<string, object?>(ReliefTelemetry.Decision, outcome));
        return CommandResult.Done;
    }

    public async Task<CommandResult> Complete(TaskCompletion completion, Actor actor, IReadOnlyList<string> roles)
    {
        if (State.Application is null)
        {
            return CommandResult.NotFound($"No case has the id {Id}.");
        }
        var runtime = await Runtime();
        if (State.Instance!.Bookmarks.FirstOrDefault(b => b.Id == completion.TaskId) is not { } bookmark)
        {
            return State.CompletedTasks.TryGetValue(completion.TaskId, out var done)
                ? done.Outcome == completion.Outcome && done.By == actor.UserId
                    ? CommandResult.Done // completing it again returns the first result
                    : done.By == ClosedBy
                        ? CommandResult.Conflict($"Task {completion.TaskId} was closed when the case moved on ({State.Status}): see the case's journal.")
                        : CommandResult.Conflict($"Task {completion.TaskId} was completed already ({done.Outcome}, by {done.By}).")
                : CommandResult.NotFound($"Case {Id} has no open task {completion.TaskId}.");
        }
        var node = runtime.Definition.Node(bookmark.Node);
        if (!IsInboxTask(bookmark))
        {
            return CommandResult.Conflict($"Task {completion.TaskId} ({node.Title ?? node.Id}) is not done from an inbox.");
        }
        var unit = TaskUnit(bookmark);
        if (unit != actor.UnitCode)
        {
            return CommandResult.Forbidden($"Task {completion.TaskId} is done at {unit}, not at {actor.UnitCode}.");
        }
        if (!bookmark.Roles.Intersect(roles).Any())
        {
            return CommandResult.Forbidden($"Task {completion.TaskId} is done by a {string.Join(" or ", bookmark.Roles)} of {unit}.");
        }
        if (bookmark.Kind == "approve")
        {
            if (completion.Answers is not null)
            {
                return CommandResult.Invalid("answers", "a decision takes a comment, not answers");
            }
            return await Decide(bookmark, completion.Outcome, completion.Comment, completion.ExpectedVersion, actor);
        }
        if (completion.ExpectedVersion is { } expected && expected != State.Version)
        {
            return CommandResult.Conflict($"Case {Id} has changed since you read it (version {expected}, now {State.Version}): reload it.");
        }
        if (IsAmendment(node) && completion.Outcome == "resubmit")
        {
            return CommandResult.Invalid("outcome", "a returned case is resubmitted by amending it (PUT /api/cases/{id})");
        }
        var outcomes = OutcomesOf(bookmark, node);
        if (!outcomes.Contains(completion.Outcome))
        {
            return CommandResult.Invalid("outcome", $"one of {string.Join(", ", outcomes)}");
        }
        JsonObject? given;
        try
        {
            given = completion.Answers is null ? null : JsonNode.Parse(completion.Answers) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return CommandResult.Invalid("answers", "the answers are not a JSON object");
        }
        var answers = FormAnswers.Check(node.Id, FormOf(bookmark, node), given);
        if (answers.Problems.Count > 0)
        {
            return CommandResult.Invalid(answers.Problems);
        }
        var kept = answers.Answers.ToDictionary(a => a.Key, a => AnswerText(a.Value));
        return await Step(new Completed(actor, bookmark.Id, completion.Outcome, answers.Variables), actor,
            new StepNote(null, unit, completion.Comment, kept.Count == 0 ? null : kept, Task: bookmark.Id));
    }

    public async Task<CommandResult> Pay(PaymentMethod method, string reference, Actor actor)
    {
        if (State.Application is not { } application)
        {
            return CommandResult.NotFound($"No case has the id {Id}.");
        }
        using var span = ReliefTelemetry.StartStep("pay", application.ProgrammeId, Id, application.BranchCode, nameof(OrgLevel.Branch));
        if (actor.UnitCode != application.BranchCode)
        {
            return CommandResult.Forbidden($"Case {Id} is paid by the finance staff of its branch {application.BranchCode}.");
        }
        if (State.Paid)
        {
            return CommandResult.Done; // a repeated payment returns the first one
        }
        if (ApprovedBy(actor.UserId))
        {
            return CommandResult.Forbidden($"{actor.UserId} approved case {Id}: another member of the finance staff pays it.");
        }
        // Refusals of a payment on its merits are what ops watch in the peak (who may pay is access, not failure).
        CommandResult PaymentFailed(CommandResult refusal, string reason)
        {
            ReliefTelemetry.PaymentFailures.Add(1, ReliefTelemetry.Tag(ReliefTelemetry.Programme, application.ProgrammeId), ReliefTelemetry.Tag("reason", reason));
            span?.SetTag("relief.payment_refused", reason);
            return refusal;
        }
        if (Open("pay") is not { } payment)
        {
            return PaymentFailed(CommandResult.Conflict(State.Notice is null
                ? $"Case {Id} is {State.Status}: only an approved case is payable."
                : $"Case {Id} is {State.Status}: it is payable once its public notice closed with no objection upheld."), "not-payable");
        }
        var terms = await GrainFactory.GetGrain<Programmes.IProgrammeGrain>(application.ProgrammeId).FilingTerms();
        if (terms is not null && CaseClock.Today(clock) > terms.Terms.LastPaymentDay)
        {
            return PaymentFailed(CommandResult.Conflict(
                $"Payments of this programme closed after {terms.Terms.LastPaymentDay:yyyy-MM-dd}; the case stays unpaid and is reported as such."), "payments-closed");
        }
        var paid = await Step(new Completed(actor, payment.Id, "done"), actor,
            new StepNote("pay", application.BranchCode, $"{method} {reference}", Payment: $"{method}:{reference}"));
        return paid.Succeeded ? CommandResult.Done : PaymentFailed(paid, "ledger-refused");
    }

    /// <summary>
    /// Maker-checker: whoever filed or amended a case does not approve it, and nobody approves one case at two
    /// levels (approving again at the same level after an amendment is the same check done twice, not two checks).
    /// </summary>
    private CommandResult? MakerCheckerRefusal(Actor actor, OrgLevel level)
    {
        if (State.Journal.Any(e => e.Step is "file" or "amend" && e.Actor == actor.UserId))
        {
            return CommandResult.Forbidden($"{actor.UserId} filed this case: another person approves it.");
        }
        var here = $"approve@{level}";
        return State.Journal.Any(e => e.Step.StartsWith("approve@", StringComparison.Ordinal) && e.Step != here && e.Actor == actor.UserId)
            ? CommandResult.Forbidden($"{actor.UserId} already approved this case at another level: another person approves it here.")
            : null;
    }

    private bool ApprovedBy(string userId) =>
        State.Journal.Any(e => (e.Step.StartsWith("approve@", StringComparison.Ordinal) || (e.Step.StartsWith("vote@", StringComparison.Ordinal)
            && e.Comment?.StartsWith("vote approve", StringComparison.Ordinal) == true)) && e.Actor == userId);
}
