using Relief.Workflows.Common;
using Relief.Workflows.Engine.Runtime;
using Relief.Workflows.Engine.Timers;
using Relief.Workflows.Funds;

namespace Relief.Workflows.Cases;

/// <summary>
/// The case woken by its wake-up row (ADR 16, 17): its due times taken, and every record it touches put right
/// from its own state — a quota place taken by a step that died before it was recorded given back, money left
/// reserved released, a payment the ledger made but the case never recorded recorded, unsent intents sent, its
/// inbox lines and wake-up written with its state (ADR 18). Faulted intents are incidents, retried at each sweep (a minute) until they succeed; the
/// retry route remains for ops who will not wait.
/// </summary>
public sealed partial class CaseGrain : IWakeable, IRemindable
{
    private static readonly Actor SystemActor = new("incident-retry", "system");
    private static readonly Actor Clock = new("clock", "system");

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await base.OnActivateAsync(cancellationToken);
        // What the stored state says of its records is what the database holds (ADR 18), but for a recovery wake-up
        // a step held and never replaced: that one wakes the case, which then writes its records whole.
        (_writtenLines, _writtenWake) = State.Application is null ? ([], null)
            : State.InboxLines is { } lines ? (lines.ToDictionary(line => line.TaskId), State.WakeAt)
            : (null, null);
        if (State.Application is not null)
        {
            var runtime = await Runtime();
            if (State.Instance is null)
            {
                ConvertLegacy(runtime);
            }
        }
    }

    public async Task Wake()
    {
        if (State.Application is null)
        {
            await wakeups.Schedule(this.GetGrainId(), null); // a row left by a filing that was refused
            return;
        }
        var runtime = await Runtime();
        var now = clock.GetUtcNow();
        var due = State.Instance!.Bookmarks.Any(b => b.DueAt <= now);
        if (_recordsChecked && State.Intents.Count == 0 && !State.Incidents.Any(i => i.ResolvedAt is null) && !due)
        {
            // Woken by a wake-up this activation has since moved (the sweep read it before the step that moved it).
            return;
        }
        await PutRecordsRight(runtime);
        if (due)
        {
            _writtenWake = UnknownWake; // the row that woke the case is replaced by the step's write, whatever it said
            var ticked = await Step(new ClockTicked(Clock, now), Clock, new StepNote(null, State.Application.BranchCode));
            if (ticked.Succeeded)
            {
                return;
            }
        }
        await WriteCase(whole: true);
    }

    public async Task<CommandResult> RetryIncidents(Actor actor)
    {
        if (State.Application is null)
        {
            return CommandResult.NotFound($"No case has the id {Id}.");
        }
        var runtime = await Runtime();
        await PutRecordsRight(runtime);
        await WriteCase(whole: true);
        return State.Incidents.Any(i => i.ResolvedAt is null)
            ? CommandResult.Conflict("The step faulted again; the incident stays open.")
            : CommandResult.Done;
    }

    /// <summary>
    /// Makes every record the case touches agree with its state (safe to run at any time: each call is idempotent);
    /// its own inbox lines and wake-up are then put right by the write that follows.
    /// </summary>
    private async Task PutRecordsRight(Engine.Runtime.WorkflowRuntime runtime)
    {
        var units = runtime.Definition.Nodes.Values.Where(n => n.Kind == "approve").Select(UnitOf).Distinct();
        foreach (var unit in units.Where(u => !State.QuotaPlaces.Contains(u)))
        {
            await Quota(unit).Release(Id);
        }
        switch (await BranchAccount().MoneyOf(Id))
        {
            case CaseMoney.Paid when !State.Paid && Open("pay") is { } payment:
                // The ledger paid it and the step died before the case recorded it: the payment stands and is recorded.
                await Step(new Completed(SystemActor, payment.Id, "done"), SystemActor,
                    new StepNote("pay", State.Application!.BranchCode, "recorded after a fault: the branch's ledger shows the payment"));
                break;
            case CaseMoney.Reserved when !State.MoneyReserved && !State.Paid:
                await BranchAccount().Release(Id, SystemActor);
                break;
        }
        if (Open("notice") is not null && State.NoticeList is null && State.Intents.All(i => i.Kind != EffectKinds.Notice))
        {
            // Sent again: the board keeps one candidate per case, so a second add changes nothing.
            State.Intents.Add(new CaseIntent(Guid.NewGuid(), EffectKinds.Notice, NoticingUnit(), Open("notice")!.Node));
        }
        await SendIntents(SystemActor);
        if (State.Intents.Count == 0)
        {
            ResolveIncidents();
        }
        _recordsChecked = true;
    }

    /// <summary>One open incident per faulted step: a step failing again at each retry is the same incident.</summary>
    private async Task RecordIncident(string step, Exception fault)
    {
        if (State.Incidents.Any(i => i.ResolvedAt is null && i.Step == step))
        {
            return;
        }
        State.Incidents.Add(new CaseIncident(clock.GetUtcNow(), step, fault.Message, null));
        await WriteCase();
    }

    /// <summary>Marks the open incidents resolved; the caller's write records it.</summary>
    private void ResolveIncidents()
    {
        if (State.Incidents.Any(i => i.ResolvedAt is null))
        {
            var now = clock.GetUtcNow();
            State.Incidents = State.Incidents.Select(i => i.ResolvedAt is null ? i with { ResolvedAt = now } : i).ToList();
        }
    }

    /// <summary>Cases of the first season retried their incidents on a reminder; one left behind is put right and removed.</summary>
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        await Wake();
        if (await this.GetReminder(reminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }
}
