using Relief.Workflows.Telemetry;
using Microsoft.Extensions.Options;
using Relief.Workflows.Cases;
using Relief.Workflows.Common;

namespace Relief.Workflows.Notices;

[GenerateSerializer, Alias("Relief.NoticeListState")]
public sealed class NoticeListState
{
    [Id(0)] public Guid ProgrammeId { get; set; }
    [Id(1)] public string Unit { get; set; } = "";
    [Id(2)] public List<NoticeLine> Lines { get; set; } = [];
    [Id(3)] public Dictionary<int, Guid> CaseOfLine { get; set; } = [];
    [Id(4)] public NoticeWindow? Window { get; set; }
    [Id(5)] public bool Closed { get; set; }
    [Id(6)] public List<Objection> Objections { get; set; } = [];
    [Id(7)] public string? UnitName { get; set; }

    /// <summary>When the list was published and by which rule its window was counted: what a new calendar recounts from.</summary>
    [Id(8)] public DateTimeOffset? PublishedAt { get; set; }

    [Id(9)] public Definitions.NoticeRule? Rule { get; set; }
    [Id(10)] public List<NoticeListEvent> Journal { get; set; } = [];
}

/// <summary>
/// A published list. A reminder checks every <see cref="NoticeOptions.CheckPeriod"/> whether the window has
/// ended by the injected clock, so a list closes once, on whichever silo holds it, and promptly after a restart
/// that missed its end (a missed tick is not replayed: the grain works out from its state what is due).
/// </summary>
public sealed class NoticeListGrain(
    [PersistentState("notice-list", StorageNames.Hot)] IPersistentState<NoticeListState> list,
    IOptions<NoticeOptions> options,
    ReliefClock clock) : Grain, INoticeListGrain, IRemindable
{
    private const string CloseReminder = "close";
    private const int MaxReasonLength = 2000;

    private NoticeListState State => list.State;

    public async Task Open(NoticeListOpening opening)
    {
        if (State.Window is not null)
        {
            return; // a publication resumed after a crash: the list is already open
        }
        // Listed as open before it is: a calendar replacement then never misses an open window.
        await GrainFactory.GetGrain<IOpenNoticeListsGrain>(IOpenNoticeListsGrain.KeyOf(this.GetPrimaryKey())).Add(this.GetPrimaryKey());
        State.ProgrammeId = opening.ProgrammeId;
        State.Unit = opening.Unit;
        State.UnitName = opening.UnitName;
        State.Lines = opening.Lines.Select(l => l.Line).ToList();
        State.CaseOfLine = opening.Lines.ToDictionary(l => l.Line.Line, l => l.CaseId);
        State.Window = opening.Window;
        State.PublishedAt = opening.PublishedAt;
        State.Rule = opening.Rule;
        State.Journal.Add(new NoticeListEvent(opening.PublishedAt, opening.PublishedBy.ToString(), NoticeListEventKind.Published,
            $"{opening.Lines.Count} lines, {Dates(opening.Window)}"));
        await this.RegisterOrUpdateReminder(CloseReminder, options.Value.CheckPeriod, options.Value.CheckPeriod);
        await list.WriteOrDeactivate(DeactivateOnIdle);
        ReliefTelemetry.NoticeListsOpen.Add(1, ReliefTelemetry.Tag(ReliefTelemetry.Programme, opening.ProgrammeId), ReliefTelemetry.Tag(ReliefTelemetry.OrgUnit, opening.Unit));
    }

    public Task<NoticeListView?> Describe() => Task.FromResult(State.Window is not { } window
        ? null
        : new NoticeListView(this.GetPrimaryKey(), State.ProgrammeId, State.Unit, window, State.Closed, [.. State.Lines],
            Notices.Hotline, $"/api/public/notices/{this.GetPrimaryKey()}/objections", State.UnitName));

    public Task<IReadOnlyList<NoticeListEvent>> Journal() => Task.FromResult<IReadOnlyList<NoticeListEvent>>([.. State.Journal]);

    public Task<NoticeWindowChange?> WindowUnder(IReadOnlyList<CalendarYear> years) => Task.FromResult(ChangeUnder(new HolidayCalendar(years)));

    public async Task<NoticeWindowChange?> ApplyCalendar(IReadOnlyList<CalendarYear> years, int year, int version, Actor actor)
    {
        if (ChangeUnder(new HolidayCalendar(years)) is not { } change)
        {
            return null;
        }
        State.Window = change.After;
        State.Journal.Add(new NoticeListEvent(clock.GetUtcNow(), actor.ToString(), NoticeListEventKind.WindowRecounted,
            $"calendar {year} version {version}: {Dates(change.Before)} → {Dates(change.After)}", change.Before, change.After, year, version));
        await list.WriteOrDeactivate(DeactivateOnIdle);
        return change;
    }

    /// <summary>How the open window would read on <paramref name="calendar"/>; null when it would read the same or is closed.</summary>
    private NoticeWindowChange? ChangeUnder(HolidayCalendar calendar)
    {
        if (State.Closed || State.Window is not { } window || State.PublishedAt is not { } publishedAt || State.Rule is not { } rule
            || !window.IsOpenAt(clock.GetUtcNow()))
        {
            return null;
        }
        var after = window.UnderCalendar(publishedAt, rule, calendar);
        return after == window ? null : new NoticeWindowChange(this.GetPrimaryKey(), State.ProgrammeId, State.Unit, window, after);
    }

    private static string Dates(NoticeWindow window) =>
        $"{window.FirstDay:yyyy-MM-dd} to {window.LastDay:yyyy-MM-dd}{(window.Provisional ? " (provisional calendar)" : "")}";

    public Task<IReadOnlyList<Objection>> Objections() => Task.FromResult<IReadOnlyList<Objection>>([.. State.Objections]);

    public async Task<(CommandResult Result, Guid? ObjectionId)> RaiseObjection(int line, string reason, ObjectionChannel channel, string? contact)
    {
        if (State.Window is not { } window)
        {
            return (CommandResult.NotFound("No such notice list."), null);
        }
        if (!State.CaseOfLine.TryGetValue(line, out var caseId))
        {
            return (CommandResult.Invalid("line", $"the list has lines 1 to {State.Lines.Count}"), null);
        }
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > MaxReasonLength)
        {
            return (CommandResult.Invalid("reason", $"say what is wrong (1 to {MaxReasonLength} characters)"), null);
        }
        var now = clock.GetUtcNow();
        var late = State.Closed || !window.IsOpenAt(now);
        var objection = new Objection(Guid.NewGuid(), line, reason.Trim(), channel, contact?.Trim(), now,
            late ? ObjectionState.Late : ObjectionState.Open, null, null);
        State.Objections.Add(objection);
        await list.WriteOrDeactivate(DeactivateOnIdle);
        if (!late)
        {
            ReliefTelemetry.ObjectionsOpen.Add(1, ReliefTelemetry.Tag(ReliefTelemetry.Programme, State.ProgrammeId), ReliefTelemetry.Tag(ReliefTelemetry.OrgUnit, State.Unit));
        }
        if (late)
        {
            return (CommandResult.Conflict($"The notice window closed on {window.LastDay:yyyy-MM-dd}; the report is kept on record for the auditors."), objection.Id);
        }
        await GrainFactory.GetGrain<ICaseGrain>(caseId).Suspend(objection.Id);
        return (CommandResult.Done, objection.Id);
    }

    public async Task<CommandResult> Resolve(Guid objectionId, bool upheld, string reason, Actor actor)
    {
        var index = State.Objections.FindIndex(o => o.Id == objectionId);
        if (index < 0)
        {
            return CommandResult.NotFound($"No objection {objectionId} on this list.");
        }
        var objection = State.Objections[index];
        if (objection.State != ObjectionState.Open)
        {
            return CommandResult.Conflict($"The objection is {objection.State}.");
        }
        if (actor.UnitCode != State.Unit)
        {
            return CommandResult.Forbidden($"Objections on lists of {State.Unit} are resolved by {State.Unit}.");
        }
        if (string.IsNullOrWhiteSpace(reason))
        {
            return CommandResult.Invalid("reason", "say why the objection is upheld or dismissed");
        }
        var windowClosed = State.Closed || !State.Window!.IsOpenAt(clock.GetUtcNow());
        var result = await GrainFactory.GetGrain<ICaseGrain>(State.CaseOfLine[objection.Line])
            .ObjectionResolved(upheld, reason.Trim(), windowClosed, State.Unit, actor);
        if (!result.Succeeded)
        {
            return result;
        }
        State.Objections[index] = objection with
        {
            State = upheld ? ObjectionState.Upheld : ObjectionState.Dismissed,
            Resolution = reason.Trim(),
            ResolvedBy = actor.ToString(),
        };
        await list.WriteOrDeactivate(DeactivateOnIdle);
        ReliefTelemetry.ObjectionsOpen.Add(-1, ReliefTelemetry.Tag(ReliefTelemetry.Programme, State.ProgrammeId), ReliefTelemetry.Tag(ReliefTelemetry.OrgUnit, State.Unit));
        return CommandResult.Done;
    }

    public async Task<bool> CloseIfDue()
    {
        if (State.Window is not { } window)
        {
            return false;
        }
        if (!State.Closed)
        {
            if (window.IsOpenAt(clock.GetUtcNow()))
            {
                return false;
            }
            var held = State.Objections.Where(o => o.State is ObjectionState.Open or ObjectionState.Upheld).Select(o => o.Line).ToHashSet();
            foreach (var (line, caseId) in State.CaseOfLine.Where(l => !held.Contains(l.Key)).OrderBy(l => l.Key))
            {
                await GrainFactory.GetGrain<ICaseGrain>(caseId).NoticeClosed(this.GetPrimaryKey());
            }
            State.Closed = true;
            State.Journal.Add(new NoticeListEvent(clock.GetUtcNow(), "notice-window@system", NoticeListEventKind.Closed,
                $"{State.CaseOfLine.Count - held.Count} lines payable, {held.Count} held by objections"));
            await list.WriteOrDeactivate(DeactivateOnIdle);
            ReliefTelemetry.NoticeListsOpen.Add(-1, ReliefTelemetry.Tag(ReliefTelemetry.Programme, State.ProgrammeId), ReliefTelemetry.Tag(ReliefTelemetry.OrgUnit, State.Unit));
        }
        await GrainFactory.GetGrain<IOpenNoticeListsGrain>(IOpenNoticeListsGrain.KeyOf(this.GetPrimaryKey())).Remove(this.GetPrimaryKey());
        if (await this.GetReminder(CloseReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
        return true;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == CloseReminder)
        {
            await CloseIfDue();
        }
    }
}
