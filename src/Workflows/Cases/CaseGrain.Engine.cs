using Relief.Workflows.Common;
using Relief.Workflows.Engine.Activities;
using Relief.Workflows.Engine.Runtime;
using Relief.Workflows.Funds;
using Relief.Workflows.Programmes;
using Relief.Workflows.Queues;
using Relief.Workflows.Quotas;
using Relief.Workflows.Telemetry;

namespace Relief.Workflows.Cases;

/// <summary>
/// One step of the case (ADR 17, 18): the engine's core says what happens; when the step asks grains that may
/// refuse it (a quota place, money), a recovery wake-up is held first, so a silo dying between their answer and
/// the step's write leaves a case that wakes and gives back what it never recorded; the asked effects are undone
/// if a later one refuses; the step is written with its intents, its inbox lines and its next wake-up in one
/// transaction; then the intents are sent.
/// </summary>
public sealed partial class CaseGrain
{
    /// <summary>
    /// The wake-up of a step that has not been written, and of an intent or incident waiting for its retry: due at
    /// once, so the next sweep wakes the case (a sweep that meets a step still running only queues a wake behind it,
    /// which finds the records right). The earliest instant rather than the domain clock, which tests hold still.
    /// </summary>
    private static readonly DateTimeOffset AtOnce = DateTimeOffset.UnixEpoch;

    /// <summary>Who closed a task that nobody completed: the workflow, as the case moved on without it.</summary>
    private const string ClosedBy = "workflow";

    private WorkflowRuntime? _runtime;

    /// <summary>
    /// Whether this activation has put the case's records right since it loaded: a wake-up after that finds only
    /// what its state says is due (an activation loaded after a crash may meet a recovery wake-up its state never saw).
    /// </summary>
    private bool _recordsChecked;

    /// <summary>
    /// What a request adds to the step the engine journals: the first entry's name and unit (<c>approve@District</c>,
    /// <c>pay</c>), its comment and answers, and the payment reference a disbursement is made with.
    /// </summary>
    private sealed record StepNote(
        string? Name, string Unit, string? Comment = null, IReadOnlyDictionary<string, string>? Answers = null, string? Payment = null, Guid? Task = null);

    private async Task<WorkflowRuntime> Runtime()
    {
        if (_runtime is null)
        {
            var workflow = await GrainFactory.GetGrain<IProgrammeGrain>(State.Application!.ProgrammeId).Workflow(State.DefinitionVersion)
                ?? throw new InvalidOperationException($"The programme of case {Id} has no workflow version {State.DefinitionVersion}.");
            _runtime = CaseWorkflows.Runtime(workflow);
        }
        return _runtime;
    }

    /// <summary>
    /// One step. A fault anywhere in it drops the activation, so that memory is never ahead of storage (the caller
    /// may have changed the state before, as filing does); what other grains granted is given back by the wake-up
    /// <see cref="ICaseQueues.Prepare"/> set.
    /// </summary>
    private async Task<CommandResult> Step(RuntimeEvent @event, Actor actor, StepNote note, WorkflowRuntime? runtimeBefore = null)
    {
        try
        {
            return await StepOnce(@event, actor, note, runtimeBefore);
        }
        catch
        {
            _recordsChecked = false;
            DeactivateOnIdle();
            throw;
        }
    }

    /// <param name="runtimeBefore">The definition the case stood on before the step, when the step changes it (a migration).</param>
    private async Task<CommandResult> StepOnce(RuntimeEvent @event, Actor actor, StepNote note, WorkflowRuntime? runtimeBefore)
    {
        var runtime = await Runtime();
        var now = clock.GetUtcNow();
        var before = State.Instance!;
        var transition = runtime.Handle(before, @event, new RuntimeContext(now, calendars.Calendar, Guid.NewGuid));
        if (!transition.Result.Succeeded)
        {
            return transition.Result;
        }
        var after = transition.State;
        var since = State.TaskSince.Where(t => after.Bookmarks.Any(b => b.Id == t.Key)).ToDictionary();
        foreach (var bookmark in after.Bookmarks.Where(b => !since.ContainsKey(b.Id)))
        {
            since[bookmark.Id] = now;
        }
        var version = State.Version + 1;
        var asks = transition.Effects.Where(e => EffectKinds.MayRefuse(e.Kind)).ToList();
        if (asks.Count > 0)
        {
            _writtenWake = UnknownWake;
            await wakeups.HoldForStep(this.GetGrainId(), version, AtOnce);
        }

        var placesBefore = State.QuotaPlaces.ToHashSet();
        var granted = new List<(Effect Effect, string Target, LedgerEntry? Entry)>();
        foreach (var effect in asks)
        {
            var (refusal, target, entry) = await Ask(effect, actor, note, runtime);
            if (refusal is not null)
            {
                await Undo(granted.Select(g => (g.Effect, g.Target)), placesBefore, actor);
                await wakeups.ReleaseStep(this.GetGrainId(), version, State.WakeAt);
                _writtenWake = State.WakeAt;
                return refusal;
            }
            granted.Add((effect, target, entry));
        }

        var from = Where(before, State.Status, runtimeBefore ?? runtime);
        foreach (var (effect, target, _) in granted)
        {
            Hold(effect, target);
        }
        foreach (var effect in transition.Effects.Where(e => !EffectKinds.MayRefuse(e.Kind)))
        {
            Intend(effect, runtime);
        }
        foreach (var gone in before.Bookmarks.Where(b => after.Bookmarks.All(a => a.Id != b.Id)))
        {
            // The task this step completed, with its outcome; any other closed by the step (a branch ended, the case rejected).
            State.CompletedTasks[gone.Id] = gone.Id == note.Task
                ? new CompletedTask(transition.Journal.FirstOrDefault(j => j.Node == gone.Node && j.Outcome is not null)?.Outcome ?? "done", actor.UserId)
                : new CompletedTask("closed", ClosedBy);
        }
        State.Instance = after;
        State.TaskSince = since;
        State.Status = StatusOf(after);
        State.Version = version;
        State.WaitingSince = now;
        Journal(transition.Journal, actor, note, from, Where(after, State.Status, runtime), runtime, now);
        await WriteCase();

        foreach (var (effect, _, entry) in granted.Where(g => g.Entry is not null))
        {
            ReliefTelemetry.Add(effect.Kind == EffectKinds.Reserve ? ReliefTelemetry.MoneyReserved : ReliefTelemetry.MoneyPaid,
                entry!.Amounts, State.Application!.ProgrammeId);
        }
        await SendIntents(actor);
        await Relax(runtime);
        return CommandResult.Done;
    }

    /// <summary>
    /// Writes the state with the records that follow it (ADR 18): the inbox lines of its open tasks and its next
    /// wake-up, worked out from the state itself, so that no write can leave them saying something else.
    /// </summary>
    private async Task WriteCase(bool whole = false)
    {
        if (State.Instance is null || _runtime is null)
        {
            await @case.WriteStateAsync();
            return;
        }
        var lines = Lines(State.Instance, State.TaskSince, State.Version, _runtime);
        State.InboxLines = lines;
        State.WakeAt = NextWake(State.Instance, _runtime);
        State.Changing(whole || _writtenLines is null ? null : CaseRecordChanges.Between(_writtenLines, _writtenWake, lines, State.WakeAt));
        _writtenLines = null; // unknown until the write is known to have gone through
        await @case.WriteStateAsync();
        State.Changing(null);
        _writtenLines = lines.ToDictionary(line => line.TaskId);
        _writtenWake = State.WakeAt;
    }

    /// <summary>
    /// The records as this activation last wrote (or read) them, so a write changes only what moved; null when not
    /// known (a write that failed, a state stored before schema 8), and the next write puts them whole. A held
    /// recovery wake-up is an unknown wake-up (<see cref="UnknownWake"/>), which the step's write always replaces.
    /// </summary>
    private Dictionary<Guid, QueueEntry>? _writtenLines;

    private DateTimeOffset? _writtenWake;

    private static readonly DateTimeOffset UnknownWake = DateTimeOffset.MinValue;

    /// <summary>
    /// Once every intent is acknowledged: the incidents they had are resolved (a write), or else the retry wake-up
    /// written with the step is lowered to the case's real next one. Should that fail, the case only wakes once more.
    /// </summary>
    private async Task Relax(WorkflowRuntime runtime)
    {
        if (State.Intents.Count > 0)
        {
            return;
        }
        if (State.Incidents.Any(i => i.ResolvedAt is null))
        {
            ResolveIncidents();
            await WriteCase();
            return;
        }
        var next = NextWake(State.Instance!, runtime);
        if (next == State.WakeAt)
        {
            return;
        }
        try
        {
            await wakeups.ReleaseStep(this.GetGrainId(), State.Version, next);
            State.WakeAt = _writtenWake = next;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            ReliefTelemetry.SurvivedFailure("wake-up not lowered", ex.GetType().Name);
        }
    }

    /// <summary>An effect that may refuse the step: its refusal, or the unit it holds something at (and the ledger entry it made).</summary>
    private async Task<(CommandResult? Refusal, string Target, LedgerEntry? Entry)> Ask(Effect effect, Actor actor, StepNote note, WorkflowRuntime runtime)
    {
        var application = State.Application!;
        switch (effect.Kind)
        {
            case EffectKinds.TakePlace:
                var unit = UnitOf(runtime.Definition.Node(effect.Node));
                return await Quota(unit).TryTake(Id)
                    ? (null, unit, null)
                    : (CommandResult.Conflict($"The recipient quota of {unit} in this programme is used up (or none was allocated)."), unit, null);
            case EffectKinds.Reserve:
                var reservation = await BranchAccount().Reserve(Id, State.Amount, application.Applicant.Category, StockedGoods(), actor);
                return reservation.Result.Succeeded
                    ? (null, application.BranchCode, reservation.Entry)
                    : (CommandResult.Conflict($"Branch {application.BranchCode} lacks the money or goods to approve this case: {reservation.Result.Message}"), application.BranchCode, null);
            default:
                var paid = await BranchAccount().Disburse(Id, note.Payment ?? "recorded", !TaskActivity.HasHandOver(runtime.Definition), actor);
                return paid.Result.Succeeded ? (null, application.BranchCode, paid.Entry) : (paid.Result, application.BranchCode, null);
        }
    }

    /// <summary>Gives back what the asked effects took before a later one refused the step (a place the case held before stays).</summary>
    private async Task Undo(IEnumerable<(Effect Effect, string Target)> granted, HashSet<string> placesBefore, Actor actor)
    {
        foreach (var (effect, target) in granted.Reverse())
        {
            if (effect.Kind == EffectKinds.TakePlace && !placesBefore.Contains(target))
            {
                await Quota(target).Release(Id);
            }
            else if (effect.Kind == EffectKinds.Reserve)
            {
                await BranchAccount().Release(Id, actor);
            }
        }
    }

    /// <summary>
    /// Records in the state what a granted effect now holds. A give-back still waiting to be sent for the same place
    /// or money is older than this take and must not undo it: it is dropped (what it would give back is held again).
    /// </summary>
    private void Hold(Effect effect, string target)
    {
        switch (effect.Kind)
        {
            case EffectKinds.TakePlace:
                State.Intents.RemoveAll(i => i.Kind == EffectKinds.ReleasePlaces && i.Target == target);
                if (!State.QuotaPlaces.Contains(target))
                {
                    State.QuotaPlaces.Add(target);
                }
                break;
            case EffectKinds.Reserve:
                State.Intents.RemoveAll(i => i.Kind == EffectKinds.Release);
                State.MoneyReserved = true;
                break;
            case EffectKinds.Disburse:
                State.Paid = true;
                State.MoneyReserved = false;
                break;
        }
    }

    /// <summary>Turns an effect that cannot refuse into intents recorded with the step, and what the state holds no longer.</summary>
    private void Intend(Effect effect, WorkflowRuntime runtime)
    {
        switch (effect.Kind)
        {
            case EffectKinds.ReleasePlaces:
                State.Intents.AddRange(State.QuotaPlaces.Select(unit => new CaseIntent(effect.Id, EffectKinds.ReleasePlaces, unit, effect.Node)));
                State.QuotaPlaces.Clear();
                break;
            case EffectKinds.Release when State.MoneyReserved:
                State.Intents.Add(new CaseIntent(effect.Id, EffectKinds.Release, State.Application!.BranchCode, effect.Node));
                State.MoneyReserved = false;
                break;
            case EffectKinds.Notice:
                var node = runtime.Definition.Node(effect.Node);
                State.Notice = NoticeRuleOf(node);
                State.NoticeList = null;
                State.NoticeClosed = false;
                State.Intents.Add(new CaseIntent(effect.Id, EffectKinds.Notice, UnitOf(node), effect.Node));
                break;
            case EffectKinds.WithdrawNotice when State.NoticeList is null && State.Notice is not null:
                State.Intents.Add(new CaseIntent(effect.Id, EffectKinds.WithdrawNotice, NoticingUnit(), effect.Node));
                break;
            case EffectKinds.IssueGoods when State.GoodsFromStock:
                State.Intents.Add(new CaseIntent(effect.Id, EffectKinds.IssueGoods, State.Application!.BranchCode, effect.Node));
                break;
        }
    }

    /// <summary>What the case asks of its branch's stock: its goods, when the programme keeps stock.</summary>
    private List<ItemCount> StockedGoods() =>
        State.GoodsFromStock ? [.. State.Goods.Select(g => new ItemCount(g.Name, g.Unit, g.Quantity))] : [];

    /// <summary>Sends the recorded intents in order; one that fails stays, as an incident retried by the case's wake-ups.</summary>
    private async Task SendIntents(Actor actor)
    {
        foreach (var intent in State.Intents.ToList())
        {
            try
            {
                await Send(intent, actor);
                State.Intents.Remove(intent);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                await RecordIncident(intent.Kind is EffectKinds.Notice or EffectKinds.WithdrawNotice ? "notice-board" : intent.Kind, ex);
            }
        }
    }

    private async Task Send(CaseIntent intent, Actor actor)
    {
        switch (intent.Kind)
        {
            case EffectKinds.ReleasePlaces:
                await Quota(intent.Target).Release(Id);
                break;
            case EffectKinds.Release:
                await BranchAccount().Release(Id, actor);
                break;
            case EffectKinds.Notice:
                await NoticeBoard().Add(NoticeCandidate(State.Notice!));
                break;
            case EffectKinds.WithdrawNotice:
                await NoticeBoard().Withdraw(Id);
                break;
            case EffectKinds.IssueGoods:
                await BranchAccount().IssueGoods(Id, $"handed over and signed for at {intent.Node}", actor);
                break;
        }
    }

    private DateTimeOffset? NextWake(InstanceState instance, WorkflowRuntime runtime)
    {
        var due = instance.Bookmarks
            .Where(b => b.DueAt is not null && (b.Kind == "timer" || runtime.Definition.Node(b.Node).Next.ContainsKey("timeout")))
            .Select(b => b.DueAt).Min();
        var retry = State.Intents.Count > 0 || State.Incidents.Any(i => i.ResolvedAt is null) ? AtOnce : (DateTimeOffset?)null;
        return (due, retry) switch
        {
            (null, _) => retry,
            (_, null) => due,
            _ => due < retry ? due : retry,
        };
    }

    private IQuotaGrain Quota(string unit) => GrainFactory.GetGrain<IQuotaGrain>(QuotaKeys.For(State.Application!.ProgrammeId, unit));

    private IAccountGrain BranchAccount() =>
        GrainFactory.GetGrain<IAccountGrain>(AccountKeys.For(State.Application!.ProgrammeId, State.Application.BranchCode));
}
