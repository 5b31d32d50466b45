using Relief.Workflows.Cases;
using Microsoft.Extensions.Options;
using Relief.Workflows.Common;

namespace Relief.Workflows.Notices;

[GenerateSerializer, Alias("Relief.NoticeBoardState")]
public sealed class NoticeBoardState : IStateWithMembers
{
    /// <summary>The waiting cases as a state stored before schema 11 carried them (ADR 24); moved into <see cref="Waiting"/> once read.</summary>
    [Id(0)] public List<NoticeCandidate>? EarlierWaiting { get; set; }

    /// <summary>The approved cases waiting for the next list, by case id, in the order they came: each its own row.</summary>
    public MemberSet<NoticeCandidate> Waiting => _waiting;

    [NonSerialized] private readonly MemberSet<NoticeCandidate> _waiting = new("waiting");

    [Id(1)] public List<Guid> Lists { get; set; } = [];

    /// <summary>The id of a list being published, kept so a publication cut short resumes with the same list.</summary>
    [Id(2)] public Guid? Publishing { get; set; }

    /// <summary>When the open list is next published by itself (rules with a publication time); null when not armed.</summary>
    [Id(3)] public DateTimeOffset? NextPublication { get; set; }

    IEnumerable<IMemberRows> IStateWithMembers.MemberSets => [Waiting];

    void IStateWithMembers.Loaded()
    {
        foreach (var candidate in EarlierWaiting ?? [])
        {
            Waiting.Put(candidate.CaseId.ToString("D"), candidate);
        }
        EarlierWaiting = null;
    }
}

/// <summary>
/// A unit's notice board. When a waiting case's rule names a publication time, a reminder checks every
/// <see cref="NoticeOptions.CheckPeriod"/> whether that Beijing time has come and publishes the open list; the
/// reminder is dropped once nothing waits, so idle boards cost nothing.
/// </summary>
public sealed class NoticeBoardGrain(
    [PersistentState("notice-board", StorageNames.Hot)] IPersistentState<NoticeBoardState> board,
    IOptions<NoticeOptions> options,
    ReliefClock clock) : Grain, INoticeBoardGrain, IRemindable
{
    private const string PublishReminder = "publish";
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    public async Task Add(NoticeCandidate candidate)
    {
        if (board.State.Waiting.Contains(candidate.CaseId.ToString("D")))
        {
            return;
        }
        board.State.Waiting.Put(candidate.CaseId.ToString("D"), candidate);
        var arm = board.State.NextPublication is null && candidate.Rule.PublishAt is not null;
        if (arm)
        {
            board.State.NextPublication = NextOccurrence(candidate.Rule.PublishAt!.Value);
        }
        await board.WriteOrDeactivate(DeactivateOnIdle);
        if (arm)
        {
            await this.RegisterOrUpdateReminder(PublishReminder, options.Value.CheckPeriod, options.Value.CheckPeriod);
        }
    }

    public async Task Withdraw(Guid caseId)
    {
        if (board.State.Waiting.Remove(caseId.ToString("D")))
        {
            await board.WriteOrDeactivate(DeactivateOnIdle);
        }
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != PublishReminder)
        {
            return;
        }
        if (board.State.NextPublication is not { } due)
        {
            await Disarm();
            return;
        }
        if (clock.GetUtcNow() < due)
        {
            return;
        }
        var (_, unit) = Notices.ParseBoardKey(this.GetPrimaryKeyString());
        if (board.State.Waiting.Count > 0)
        {
            await Publish(new Actor("notice-schedule", unit));
        }
        if (board.State.Waiting.Count == 0)
        {
            board.State.NextPublication = null;
            await board.WriteOrDeactivate(DeactivateOnIdle);
            await Disarm();
        }
    }

    private async Task Disarm()
    {
        if (await this.GetReminder(PublishReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    /// <summary>The next instant, after now, at which the Beijing clock shows <paramref name="at"/>.</summary>
    private DateTimeOffset NextOccurrence(TimeOnly at) => NoticeSchedule.NextPublication(clock.GetUtcNow(), at);

    public async Task<(CommandResult Result, Guid? ListId)> Publish(Actor actor)
    {
        var (programmeId, unit) = Notices.ParseBoardKey(this.GetPrimaryKeyString());
        if (actor.UnitCode != unit)
        {
            return (CommandResult.Forbidden($"Lists of {unit} are published by {unit}."), null);
        }
        if (board.State.Waiting.Count == 0)
        {
            return (CommandResult.Conflict($"No approved case is waiting to be noticed at {unit}."), null);
        }
        var listId = board.State.Publishing ??= Guid.NewGuid();
        await board.WriteOrDeactivate(DeactivateOnIdle);

        // The longest rule wins when cases of several route versions share a list: nobody's window is cut short.
        var waiting = board.State.Waiting.Values.ToList();
        var rule = waiting.Select(c => c.Rule).MaxBy(r => (r.Days, r.Counting == Definitions.DayCounting.WorkingDays))!;
        // The calendar in force now, from its grain: a replacement made a moment ago counts.
        var calendar = new HolidayCalendar((await GrainFactory.GetGrain<IHolidayCalendarGrain>(IHolidayCalendarGrain.Key).Years()).Select(y => y.Days));
        var publishedAt = clock.GetUtcNow();
        var window = NoticeWindow.For(publishedAt, rule, calendar);
        var unitName = (await GrainFactory.GetGrain<Hierarchy.IOrgUnitGrain>(unit).Describe())?.Name;
        var branchNames = await BranchNames(waiting.Select(c => c.Branch));
        var lines = waiting
            .Select((c, i) => (new NoticeLine(i + 1, c.MaskedName, c.MaskedIdNumber, c.Branch, c.Category, c.Amount, branchNames.GetValueOrDefault(c.Branch)), c.CaseId))
            .ToList();
        var list = GrainFactory.GetGrain<INoticeListGrain>(listId);
        await list.Open(new NoticeListOpening(programmeId, unit, unitName, lines, publishedAt, rule, window, actor));
        var opened = (await list.Describe())!.Window;
        foreach (var (_, caseId) in lines)
        {
            await GrainFactory.GetGrain<ICaseGrain>(caseId).NoticePublished(listId, opened, actor);
        }
        board.State.Lists.Add(listId);
        board.State.Waiting.Clear();
        board.State.Publishing = null;
        await board.WriteOrDeactivate(DeactivateOnIdle);
        return (CommandResult.Done, listId);
    }

    /// <summary>The names the public knows the branches by (a list names a few dozen branches at most).</summary>
    private async Task<Dictionary<string, string>> BranchNames(IEnumerable<string> branches)
    {
        var names = new Dictionary<string, string>();
        foreach (var branch in branches.Distinct())
        {
            if (await GrainFactory.GetGrain<Hierarchy.IOrgUnitGrain>(branch).Describe() is { } unit)
            {
                names[branch] = unit.Name;
            }
        }
        return names;
    }

    public Task<IReadOnlyList<Guid>> Lists() => Task.FromResult<IReadOnlyList<Guid>>([.. board.State.Lists]);

    public Task<int> Waiting() => Task.FromResult(board.State.Waiting.Count);
}
