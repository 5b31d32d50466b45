using Relief.Workflows.Applicants;
using Relief.Workflows.Common;
using Relief.Workflows.Hierarchy;
using Relief.Workflows.Queues;
using Relief.Workflows.Quotas;
using Relief.Workflows.Telemetry;

namespace Relief.Workflows.Cases;

/// <summary>Decisions and the moves they cause: queues, quota places, journal, state.</summary>
public sealed partial class CaseGrain
{
    public async Task<CommandResult> Decide(Decision decision, Actor actor)
    {
        if (State.Application is null)
        {
            return CommandResult.NotFound($"No case has the id {Id}.");
        }
        var waitingAt = WaitingUnit();
        using var span = ReliefTelemetry.StartStep("decide", State.Application.ProgrammeId, Id, waitingAt,
            State.Status == CaseStatus.Waiting ? State.Route[State.Step].ToString() : null);
        span?.SetTag(ReliefTelemetry.Decision, decision.Kind.ToString().ToLowerInvariant());
        if (State.Status != CaseStatus.Waiting || waitingAt != actor.UnitCode)
        {
            return CommandResult.Conflict(waitingAt is null
                ? $"Case {Id} is {State.Status}: it waits for no decision."
                : $"Case {Id} waits for a decision at {waitingAt}, not at {actor.UnitCode}.");
        }
        if (decision.ExpectedVersion is { } expected && expected != State.Version)
        {
            return CommandResult.Conflict($"Case {Id} has changed since you read it (version {expected}, now {State.Version}): reload it.");
        }
        if (decision.Kind == DecisionKind.Approve && MakerCheckerRefusal(actor) is { } refusal)
        {
            return refusal;
        }
        if (decision.Kind != DecisionKind.Approve && string.IsNullOrWhiteSpace(decision.Comment))
        {
            return CommandResult.Invalid("comment", $"say why the case is {(decision.Kind == DecisionKind.Return ? "returned" : "rejected")}");
        }

        var before = Describe(State.Status, State.Step, State.Route);
        var level = State.Route[State.Step];
        var step = $"{decision.Kind.ToString().ToLowerInvariant()}@{level}";
        switch (decision.Kind)
        {
            case DecisionKind.Approve:
                var quota = GrainFactory.GetGrain<IQuotaGrain>(QuotaKeys.For(State.Application.ProgrammeId, waitingAt));
                if (!await quota.TryTake(Id))
                {
                    return CommandResult.Conflict($"The recipient quota of {waitingAt} in this programme is used up (or none was allocated).");
                }
                var next = State.Step + 1;
                var status = next == State.Route.Count ? CaseStatus.Approved : CaseStatus.Waiting;
                Funds.SourceAmounts? reserved = null;
                if (status == CaseStatus.Approved)
                {
                    var reservation = await BranchAccount().Reserve(Id, State.Amount, actor);
                    if (!reservation.Result.Succeeded)
                    {
                        await quota.Release(Id);
                        return CommandResult.Conflict($"Branch {State.Application.BranchCode} lacks the money to approve this case: {reservation.Result.Message}");
                    }
                    reserved = reservation.Entry?.Amounts;
                }
                State.QuotaPlaces.Add(waitingAt);
                State.Journal.Add(Entry(actor, waitingAt, step, before, Describe(status, next, State.Route), decision.Comment));
                await MoveTo(status, next);
                if (reserved is not null)
                {
                    ReliefTelemetry.Add(ReliefTelemetry.MoneyReserved, reserved, State.Application.ProgrammeId);
                }
                if (status == CaseStatus.Approved && State.Notice is { } rule)
                {
                    await SendToNoticeBoard(rule);
                }
                break;
            case DecisionKind.Return:
                await ReleaseQuotaPlaces();
                State.Journal.Add(Entry(actor, waitingAt, step, before, Describe(CaseStatus.Returned, 0, State.Route), decision.Comment));
                await MoveTo(CaseStatus.Returned, 0);
                break;
            default:
                await ReleaseQuotaPlaces();
                State.Journal.Add(Entry(actor, waitingAt, step, before, Describe(CaseStatus.Rejected, State.Step, State.Route), decision.Comment));
                await MoveTo(CaseStatus.Rejected, State.Step);
                break;
        }
        await CountActivity(() => activity.Decided(State.Application.ProgrammeId, waitingAt, clock.GetUtcNow()));
        ReliefTelemetry.Decisions.Add(1, new KeyValuePair<string, object?>(ReliefTelemetry.Programme, State.Application.ProgrammeId.ToString()),
            new KeyValuePair<string, object?>(ReliefTelemetry.Level, level.ToString()),
            new KeyValuePair<string, object?>(ReliefTelemetry.Decision, decision.Kind.ToString().ToLowerInvariant()));
        return CommandResult.Done;
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
        if (State.Status == CaseStatus.Paid)
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
        if (!(State.Status == CaseStatus.Payable || (State.Status == CaseStatus.Approved && State.Notice is null)))
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
        var paid = await BranchAccount().Disburse(Id, $"{method}:{reference}", actor);
        if (!paid.Result.Succeeded)
        {
            return PaymentFailed(paid.Result, "ledger-refused");
        }
        State.Journal.Add(Entry(actor, application.BranchCode, "pay", State.Status.ToString().ToLowerInvariant(), "paid", $"{method} {reference}"));
        State.Status = CaseStatus.Paid;
        State.Version++;
        await @case.WriteStateAsync();
        if (paid.Entry is { } entry)
        {
            ReliefTelemetry.Add(ReliefTelemetry.MoneyPaid, entry.Amounts, application.ProgrammeId);
        }
        return CommandResult.Done;
    }

    private Funds.IAccountGrain BranchAccount() =>
        GrainFactory.GetGrain<Funds.IAccountGrain>(Funds.AccountKeys.For(State.Application!.ProgrammeId, State.Application.BranchCode));

    public async Task<CommandResult> RetryIncidents(Actor actor)
    {
        if (State.Application is null)
        {
            return CommandResult.NotFound($"No case has the id {Id}.");
        }
        if (State.Status == CaseStatus.Approved && State.Notice is not null)
        {
            try
            {
                await NoticeBoard().Add(NoticeCandidate(State.Notice));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                return CommandResult.Conflict($"The notice board still cannot be reached: {ex.Message}");
            }
        }
        await SyncQueues(writeOnFailure: true);
        return State.Incidents.Any(i => i.ResolvedAt is null)
            ? CommandResult.Conflict("The step faulted again; the incident stays open.")
            : CommandResult.Done;
    }

    public Task<CaseView?> Describe()
    {
        if (State.Application is not { } application)
        {
            return Task.FromResult<CaseView?>(null);
        }
        var branch = OrgCode.Parse(application.BranchCode);
        var route = State.Route.Select((level, i) => new RouteStep(level, branch.AncestorAt(level)!.Value.Value, StepState(i))).ToList();
        return Task.FromResult<CaseView?>(new CaseView(Id, application.ProgrammeId, application.BranchCode, application.Applicant,
            State.Amount, State.Goods, State.Status, State.Version, State.DefinitionVersion, route, WaitingUnit(),
            State.Journal, State.Incidents, State.Recovery));
    }

    private string StepState(int index) => State.Status switch
    {
        CaseStatus.Approved or CaseStatus.Paid or CaseStatus.Noticed or CaseStatus.Suspended or CaseStatus.Payable => "approved",
        CaseStatus.Rejected when index == State.Step => "rejected",
        CaseStatus.Returned => "not reached",
        _ when index < State.Step => "approved",
        CaseStatus.Waiting when index == State.Step => "waiting",
        _ => "not reached",
    };

    /// <summary>
    /// Moves the case: the new queue entry first, then the case's own state, then the old entry away. A
    /// fault after the state is written is kept as an incident to retry, never swallowed.
    /// </summary>
    private async Task MoveTo(CaseStatus status, int step)
    {
        State.Status = status;
        State.Step = step;
        State.Version++;
        State.WaitingSince = clock.GetUtcNow();
        if (CurrentEntry() is { } entry)
        {
            await queues.Put(entry);
        }
        await @case.WriteStateAsync();
        // The current entry was put just above, in this turn: only the previous one is left to remove.
        await SyncQueues(writeOnFailure: true, putCurrent: false);
    }

    /// <summary>Makes the queues agree with the state: the current entry present, the previous one gone.</summary>
    private async Task SyncQueues(bool writeOnFailure, bool putCurrent = true)
    {
        try
        {
            var current = CurrentEntry();
            if (current is not null && putCurrent)
            {
                await queues.Put(current);
            }
            // One statement for every other unit the case could be queued at (its route, its branch, the last one).
            await queues.RemoveAllExcept(Id, current?.UnitCode);
            if (State.Incidents.Any(i => i.ResolvedAt is null))
            {
                var now = clock.GetUtcNow();
                State.Incidents = State.Incidents.Select(i => i.ResolvedAt is null ? i with { ResolvedAt = now } : i).ToList();
                await @case.WriteStateAsync();
            }
        }
        catch (Exception ex) when (writeOnFailure && ex is not OperationCanceledException)
        {
            await RecordIncident("queue-sync", ex);
        }
    }

    private QueueEntry? CurrentEntry()
    {
        var application = State.Application!;
        var (unit, waitingFor) = State.Status switch
        {
            CaseStatus.Waiting => (WaitingUnit(), WaitingFor.Decision),
            CaseStatus.Returned => (application.BranchCode, WaitingFor.Amendment),
            _ => (null, WaitingFor.Decision),
        };
        if (unit is null)
        {
            return null;
        }
        // Service deadlines bind the approving levels, not a clerk correcting a returned case.
        var deadline = waitingFor == WaitingFor.Decision && State.Deadlines.FirstOrDefault(d => d.Level == State.Route[State.Step]) is { } rule
            ? StepDeadline.For(State.WaitingSince, rule, calendars.Calendar)
            : null;
        return new QueueEntry(Id, application.ProgrammeId, unit, waitingFor, application.BranchCode, application.Applicant.Category,
            State.Amount, ApplicantNames.Mask(application.Applicant.Name), State.WaitingSince, State.Version, deadline?.DueAt, deadline?.EscalatesAt);
    }

    private async Task ReleaseQuotaPlaces()
    {
        foreach (var unit in State.QuotaPlaces)
        {
            await GrainFactory.GetGrain<IQuotaGrain>(QuotaKeys.For(State.Application!.ProgrammeId, unit)).Release(Id);
        }
        State.QuotaPlaces.Clear();
    }

    /// <summary>
    /// Maker-checker: whoever filed or amended a case does not approve it, and nobody approves one case at two
    /// levels (approving again at the same level after an amendment is the same check done twice, not two checks).
    /// </summary>
    private CommandResult? MakerCheckerRefusal(Actor actor)
    {
        if (State.Journal.Any(e => e.Step is "file" or "amend" && e.Actor == actor.UserId))
        {
            return CommandResult.Forbidden($"{actor.UserId} filed this case: another person approves it.");
        }
        var here = $"approve@{State.Route[State.Step]}";
        return State.Journal.Any(e => e.Step.StartsWith("approve@", StringComparison.Ordinal) && e.Step != here && e.Actor == actor.UserId)
            ? CommandResult.Forbidden($"{actor.UserId} already approved this case at another level: another person approves it here.")
            : null;
    }

    private bool ApprovedBy(string userId) =>
        State.Journal.Any(e => e.Step.StartsWith("approve@", StringComparison.Ordinal) && e.Actor == userId);

    private string? WaitingUnit() => State.Status == CaseStatus.Waiting && State.Application is { } application
        ? OrgCode.Parse(application.BranchCode).AncestorAt(State.Route[State.Step])!.Value.Value
        : null;

    private CaseJournalEntry Entry(Actor actor, string unit, string step, string from, string to, string? comment) =>
        new(clock.GetUtcNow(), actor.UserId, unit, step, from, to, comment);

    private string Describe(CaseStatus status, int step, List<OrgLevel> route) => status switch
    {
        CaseStatus.Waiting => $"waiting at {OrgCode.Parse(State.Application!.BranchCode).AncestorAt(route[step])} ({route[step]})",
        CaseStatus.Returned => "returned to the branch",
        CaseStatus.Rejected => "rejected",
        CaseStatus.Paid => "paid",
        CaseStatus.Noticed => "on public notice",
        CaseStatus.Suspended => "suspended by an objection",
        CaseStatus.Payable => "payable",
        _ => "approved",
    };
}
