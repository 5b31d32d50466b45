using Relief.Workflows.Common;
using Relief.Workflows.Engine.Activities;
using Relief.Workflows.Engine.Expressions;
using Relief.Workflows.Engine.Runtime;
using Relief.Workflows.Funds;
using Relief.Workflows.Quotas;

namespace Relief.Workflows.Plans;

/// <summary>
/// One allocation plan, the instance of the shipped allocation workflow: the engine's pure core says what each event
/// does; this grain checks who may do it, records it with the plan's inbox lines, and carries the allocation out on
/// the unit's quota and account — recorded as under way first, so that a silo lost midway finishes it when the plan
/// is woken, each child allocated once (the quota and the account remember the plan).
/// </summary>
public sealed partial class AllocationPlanGrain(
    [PersistentState("plan", StorageNames.Cases)] IPersistentState<PlanState> plan,
    Notices.CurrentHolidayCalendar calendars,
    ReliefClock clock) : Grain, IAllocationPlanGrain
{
    private PlanState State => plan.State;

    private Guid Id => this.GetPrimaryKey();

    private static WorkflowRuntime Runtime => PlanWorkflow.Runtime;

    public async Task<CommandResult> Prepare(Guid programmeId, string unitCode, PlanContent content, Actor actor)
    {
        if (State.Content is not null)
        {
            return State.ProgrammeId == programmeId && State.UnitCode == unitCode && State.Content == content
                ? CommandResult.Done
                : CommandResult.Conflict($"Plan {Id} exists already.");
        }
        if (actor.UnitCode != unitCode)
        {
            return CommandResult.Forbidden($"Only the finance staff of {unitCode} prepare its plans.");
        }
        var now = clock.GetUtcNow();
        var transition = Runtime.Handle(InstanceState.New(PlanWorkflow.Version), new Started(actor, Variables(content)), Context(now));
        if (!transition.Result.Succeeded)
        {
            return transition.Result;
        }
        await GrainFactory.GetGrain<IPlanRegisterGrain>(PlanKeys.RegisterOf(programmeId, unitCode)).Add(Id);
        State.ProgrammeId = programmeId;
        State.UnitCode = unitCode;
        State.Content = content;
        State.PreparedBy = State.SubmittedBy = actor;
        State.PreparedAt = now;
        State.Instance = transition.State;
        State.Journal.Add(new PlanJournalEntry(now, "", "prepare", null, actor.ToString(), $"{content.Lines.Count} children, {content.Total} yuan, {content.Recipients} places"));
        Record(transition.Journal, now);
        await Write();
        return CommandResult.Done;
    }

    public async Task<CommandResult> Decide(string outcome, PlanContent? revised, string? note, Actor actor)
    {
        if (State.Content is null)
        {
            return CommandResult.NotFound($"No plan has the id {Id}.");
        }
        await FinishExecution();
        if (actor.UnitCode != State.UnitCode)
        {
            return CommandResult.Forbidden($"Only the finance staff of {State.UnitCode} decide on its plans.");
        }
        if (State.Instance!.Bookmarks.FirstOrDefault(b => b.Item is null) is not { } task)
        {
            return CommandResult.Conflict($"Plan {Id} is {Status()}: nothing of it waits for a decision.");
        }
        if (outcome == "approve" && actor.UserId == State.SubmittedBy!.UserId)
        {
            return CommandResult.Forbidden($"{actor.UserId} submitted this plan: another finance officer of {State.UnitCode} approves it.");
        }
        if (revised is not null && outcome != "resubmit")
        {
            return CommandResult.Invalid("lines", "a plan's lines change only when it is resubmitted after a return");
        }
        var now = clock.GetUtcNow();
        var transition = Runtime.Handle(State.Instance, new Completed(actor, task.Id, outcome, revised is null ? null : Variables(revised)), Context(now));
        if (!transition.Result.Succeeded)
        {
            return transition.Result;
        }
        var journal = Entries(transition.Journal, now, note);
        if (transition.Effects.Any(e => e.Kind == EffectKinds.AllocatePlan))
        {
            State.Executing = new PlanExecution(transition.State, journal, actor);
            await Write();
            return await Execute();
        }
        if (revised is not null)
        {
            State.Content = revised;
            State.SubmittedBy = actor;
        }
        State.Instance = transition.State;
        State.Journal.AddRange(journal);
        await Write();
        return CommandResult.Done;
    }

    public async Task ReceiptConfirmed(string child, Guid allocationId)
    {
        if (State.Content is null)
        {
            return;
        }
        if (State.Executing is not null)
        {
            // Confirmed before this plan recorded its allocation (a silo was lost while carrying it out): remembered, and
            // closed once the execution is finished. Finishing it here would call the very account that is calling.
            if (State.ConfirmedEarly.Add(child))
            {
                await Write();
            }
            return;
        }
        if (State.Instance!.Bookmarks.FirstOrDefault(b => b.Item == child) is not { } receipt)
        {
            return; // confirmed before, or a child that got no money
        }
        var now = clock.GetUtcNow();
        var transition = Runtime.Handle(State.Instance, new Completed(new Actor("account", child), receipt.Id, ReceiptsActivity.Received), Context(now));
        if (transition.Result.Succeeded)
        {
            State.Instance = transition.State;
            Record(transition.Journal, now, $"allocation {allocationId}");
            await Write();
        }
    }

    public async Task Wake()
    {
        if (State.Executing is null)
        {
            if (State.WakeAt is not null)
            {
                await Write(); // a wake-up left by a step since finished: written again without it
            }
            return;
        }
        await FinishExecution();
    }

    /// <summary>An approval under way (this activation's, or one a lost silo left) carried to its end before anything else.</summary>
    private async Task FinishExecution()
    {
        if (State.Executing is not null)
        {
            await Execute();
        }
    }

    /// <summary>
    /// The approved plan carried out: the children's places set aside at the unit first (refused whole when they do
    /// not fit), then their money (refused whole when the unit cannot cover every share by source, and the places are
    /// then put back, no child having heard of them), and only then the places given to the children. Quota and
    /// account remember the plan, so carrying it out again allocates nothing more.
    /// </summary>
    private async Task<CommandResult> Execute()
    {
        var execution = State.Executing!;
        var content = State.Content!;
        var quota = GrainFactory.GetGrain<IQuotaGrain>(QuotaKeys.For(State.ProgrammeId, State.UnitCode));
        var account = GrainFactory.GetGrain<IAccountGrain>(AccountKeys.For(State.ProgrammeId, State.UnitCode));
        var places = content.Places.Count == 0 ? CommandResult.Done : await quota.AllocatePlan(Id, content.Places, execution.Approver);
        var money = places.Succeeded ? await account.AllocatePlan(Id, content.Shares, execution.Approver) : null;
        var now = clock.GetUtcNow();
        if (money is not { Result.Succeeded: true })
        {
            if (places.Succeeded && content.Places.Count > 0)
            {
                await quota.WithdrawPlan(Id, execution.Approver);
            }
            var refusal = money?.Result ?? places;
            State.Executing = null;
            State.Journal.Add(new PlanJournalEntry(now, "allocate", "allocate", "refused", execution.Approver.ToString(), refusal.Message ?? refusal.Outcome.ToString()));
            await Write();
            return refusal;
        }
        if (content.Places.Count > 0 && await quota.GivePlan(Id, execution.Approver) is { Succeeded: false } given)
        {
            // Not expected (a child's quota only grows here): the plan stays under way and is tried again when woken.
            throw new InvalidOperationException($"Plan {Id}: the places could not be given to the children: {given.Message}");
        }
        State.Executing = null;
        State.Instance = execution.After;
        State.Journal.AddRange(execution.Journal);
        State.Allocations = new Dictionary<string, Guid>(money.Allocations);
        await Write();
        foreach (var child in State.ConfirmedEarly.ToList())
        {
            await ReceiptConfirmed(child, State.Allocations.GetValueOrDefault(child));
        }
        if (State.ConfirmedEarly.Count > 0)
        {
            State.ConfirmedEarly.Clear();
            await Write();
        }
        return CommandResult.Done;
    }

    public Task<PlanView?> Describe()
    {
        if (State.Content is null)
        {
            return Task.FromResult<PlanView?>(null);
        }
        var instance = State.Instance!;
        var tasks = State.InboxLines.Select(line => new PlanTask(line.TaskId, line.Node, line.Title, line.UnitCode,
            OutcomesOf(line.Node), line.DueAt, line.WaitingSince)).ToList();
        var awaiting = instance.Bookmarks.Where(b => b.Item is not null).Select(b => b.Item!).ToHashSet();
        return Task.FromResult<PlanView?>(new PlanView(Id, State.ProgrammeId, State.UnitCode, State.Content, Status(),
            State.PreparedBy!.ToString(), State.PreparedAt, State.SubmittedBy!.ToString(), tasks, new Dictionary<string, Guid>(State.Allocations),
            [.. State.Allocations.Keys.Where(c => !awaiting.Contains(c)).Order(StringComparer.Ordinal)], [.. State.Journal], State.Version));
    }

    private PlanStatus Status() => State.Instance switch
    {
        _ when State.Executing is not null => PlanStatus.Executing,
        { EndedAs: "closed" } => PlanStatus.Allocated,
        { EndedAs: not null } => PlanStatus.Withdrawn,
        { } instance when instance.Bookmarks.Any(b => b.Item is not null) => PlanStatus.AwaitingReceipts,
        { } instance when instance.Bookmarks.Any(b => OutcomesOf(b.Node).Contains("approve")) => PlanStatus.InReview,
        _ => PlanStatus.Returned,
    };

    private static IReadOnlyList<string> OutcomesOf(string node) =>
        [.. ActivityRegistry.Default.Find(Runtime.Definition.Node(node).Kind)!.Outcomes(Runtime.Definition.Node(node)).Where(o => o != "timeout")];

    private static Dictionary<string, ExpressionValue> Variables(PlanContent content) => new Dictionary<string, ExpressionValue>
    {
        [ReceiptsActivity.ChildrenVariable] = ExpressionValue.OfTexts(content.Lines.Where(l => l.Amount.IsPositive).Select(l => l.Child)),
    };

    private RuntimeContext Context(DateTimeOffset now) => new(now, calendars.Calendar, Guid.NewGuid);

    private static List<PlanJournalEntry> Entries(IEnumerable<JournalStep> steps, DateTimeOffset now, string? note = null) =>
        [.. steps.Select(s => new PlanJournalEntry(now, s.Node, s.Kind, s.Outcome, s.Actor.ToString(), s.Outcome is "approve" or "return" or "reject" or "resubmit" or "withdraw" ? note ?? s.Detail : s.Detail))];

    private void Record(IEnumerable<JournalStep> steps, DateTimeOffset now, string? note = null) => State.Journal.AddRange(Entries(steps, now, note));
}
