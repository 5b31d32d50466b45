using Microsoft.Extensions.Logging;
using Relief.Workflows.Cases;
using Relief.Workflows.Common;
using Relief.Workflows.Queues;

namespace Relief.Workflows.Migrations;

[GenerateSerializer, Alias("Relief.WorkflowMigrationState")]
public sealed class WorkflowMigrationState
{
    [Id(0)] public Guid ProgrammeId { get; set; }
    [Id(1)] public MigrationOrder? Order { get; set; }
    [Id(2)] public MigrationStatus Status { get; set; }
    [Id(3)] public string StartedBy { get; set; } = "";
    [Id(4)] public DateTimeOffset StartedAt { get; set; }
    [Id(5)] public DateTimeOffset? FinishedAt { get; set; }
    [Id(6)] public int Total { get; set; }
    [Id(7)] public int Migrated { get; set; }
    [Id(8)] public int Refused { get; set; }
    [Id(9)] public int Skipped { get; set; }

    /// <summary>The last case of the batches done, in case-id order: the next batch starts after it.</summary>
    [Id(10)] public Guid? Cursor { get; set; }

    /// <summary>The batch under way, stored before it starts: after a crash it is done again, each case answering once.</summary>
    [Id(11)] public List<Guid> InFlight { get; set; } = [];

    [Id(12)] public List<MigrationRefusal> Refusals { get; set; } = [];
}

public sealed class WorkflowMigrationGrain(
    [PersistentState("workflow-migration", StorageNames.Relief)] IPersistentState<WorkflowMigrationState> migration,
    ICaseInstances instances,
    ReliefClock clock,
    ILogger<WorkflowMigrationGrain> logger) : Grain, IWorkflowMigrationGrain, IRemindable
{
    public const int BatchSize = 50;

    /// <summary>Refusals kept to show (the count is always whole): a page lists these, the instances view finds the rest.</summary>
    public const int RefusalsKept = 2_000;

    private const string Reminder = "migration";
    private IGrainTimer? _timer;

    private WorkflowMigrationState State => migration.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await base.OnActivateAsync(cancellationToken);
        if (State.Order is not null && State.Status == MigrationStatus.Running)
        {
            Continue();
        }
    }

    public async Task<CommandResult> Start(Guid programmeId, MigrationOrder order, int total, Actor actor)
    {
        if (State.Order is not null)
        {
            return State.Order == order ? CommandResult.Done : CommandResult.Conflict($"Migration {this.GetPrimaryKey()} exists already with other terms.");
        }
        State.ProgrammeId = programmeId;
        State.Order = order;
        State.Status = MigrationStatus.Running;
        State.StartedBy = actor.UserId;
        State.StartedAt = clock.GetUtcNow();
        State.Total = total;
        await migration.WriteOrDeactivate(DeactivateOnIdle);
        // The reminder outlives the silo: a migration a crash interrupted goes on within its period.
        await this.RegisterOrUpdateReminder(Reminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        Continue();
        return CommandResult.Done;
    }

    public Task<MigrationView?> Describe() => Task.FromResult(State.Order is not { } order ? null : new MigrationView(
        this.GetPrimaryKey(), State.ProgrammeId, order, State.Status, State.StartedBy, State.StartedAt, State.FinishedAt,
        State.Total, State.Migrated, State.Refused, State.Skipped, [.. State.Refusals]));

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (State.Status == MigrationStatus.Running)
        {
            Continue();
        }
        return Task.CompletedTask;
    }

    /// <summary>Runs batches one after another on a timer of the grain, so that asking where it stands waits at most one batch.</summary>
    private void Continue() => _timer ??= this.RegisterGrainTimer(async cancellation =>
    {
        try
        {
            if (!await Batch())
            {
                _timer?.Dispose();
                _timer = null;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The stored state says where it stood; the next tick (or the reminder, after a deactivation) goes on from there.
            logger.LogWarning(ex, "Migration {Migration}: a batch failed; it is taken up again", this.GetPrimaryKey());
        }
    }, new GrainTimerCreationOptions { DueTime = TimeSpan.Zero, Period = TimeSpan.FromMilliseconds(200), Interleave = false, KeepAlive = true });

    /// <summary>One batch: the one a crash interrupted, else the next running cases at the old version. False when none is left.</summary>
    private async Task<bool> Batch()
    {
        if (State.Status != MigrationStatus.Running)
        {
            return false;
        }
        var order = State.Order!;
        if (State.InFlight.Count == 0)
        {
            var next = await instances.Running(State.ProgrammeId, order.From, State.Cursor, BatchSize);
            if (next.Count == 0)
            {
                State.Status = MigrationStatus.Completed;
                State.FinishedAt = clock.GetUtcNow();
                await migration.WriteOrDeactivate(DeactivateOnIdle);
                if (await this.GetReminder(Reminder) is { } reminder)
                {
                    await this.UnregisterReminder(reminder);
                }
                return false;
            }
            State.InFlight = [.. next.Select(n => n.CaseId)];
            await migration.WriteOrDeactivate(DeactivateOnIdle);
        }
        var actor = new Actor(State.StartedBy, Hierarchy.OrgCode.NationalCode);
        var answers = await Task.WhenAll(State.InFlight.Select(async id => (id, await GrainFactory.GetGrain<ICaseGrain>(id).Migrate(order, dryRun: false, actor))));
        foreach (var (id, answer) in answers)
        {
            switch (answer.Outcome)
            {
                case MigrationOutcome.Migrated or MigrationOutcome.AlreadyMigrated:
                    State.Migrated++;
                    break;
                case MigrationOutcome.Refused:
                    State.Refused++;
                    if (State.Refusals.Count < RefusalsKept)
                    {
                        State.Refusals.Add(new MigrationRefusal(id, answer.From, answer.Reason ?? ""));
                    }
                    break;
                default:
                    State.Skipped++;
                    break;
            }
        }
        // The batch came in the database's own order of case ids, which the next batch's "after" compares with.
        State.Cursor = State.InFlight[^1];
        State.InFlight = [];
        await migration.WriteOrDeactivate(DeactivateOnIdle);
        return true;
    }
}
