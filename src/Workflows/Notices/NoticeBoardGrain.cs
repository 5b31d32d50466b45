using Relief.Workflows.Cases;
using Relief.Workflows.Common;

namespace Relief.Workflows.Notices;

[GenerateSerializer, Alias("Relief.NoticeBoardState")]
public sealed class NoticeBoardState
{
    [Id(0)] public List<NoticeCandidate> Waiting { get; set; } = [];
    [Id(1)] public List<Guid> Lists { get; set; } = [];

    /// <summary>The id of a list being published, kept so a publication cut short resumes with the same list.</summary>
    [Id(2)] public Guid? Publishing { get; set; }
}

public sealed class NoticeBoardGrain(
    [PersistentState("notice-board", StorageNames.Relief)] IPersistentState<NoticeBoardState> board,
    HolidayCalendar calendar,
    ReliefClock clock) : Grain, INoticeBoardGrain
{
    public async Task Add(NoticeCandidate candidate)
    {
        if (board.State.Waiting.All(c => c.CaseId != candidate.CaseId))
        {
            board.State.Waiting.Add(candidate);
            await board.WriteStateAsync();
        }
    }

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
        await board.WriteStateAsync();

        // The longest rule wins when cases of several route versions share a list: nobody's window is cut short.
        var rule = board.State.Waiting.Select(c => c.Rule).MaxBy(r => (r.Days, r.Counting == Definitions.DayCounting.WorkingDays))!;
        var window = NoticeWindow.For(clock.GetUtcNow(), rule, calendar);
        var lines = board.State.Waiting
            .Select((c, i) => (new NoticeLine(i + 1, c.MaskedName, c.MaskedIdNumber, c.Branch, c.Category, c.Amount), c.CaseId))
            .ToList();
        var list = GrainFactory.GetGrain<INoticeListGrain>(listId);
        await list.Open(programmeId, unit, lines, window);
        var opened = (await list.Describe())!.Window;
        foreach (var (_, caseId) in lines)
        {
            await GrainFactory.GetGrain<ICaseGrain>(caseId).NoticePublished(listId, opened, actor);
        }
        board.State.Lists.Add(listId);
        board.State.Waiting.Clear();
        board.State.Publishing = null;
        await board.WriteStateAsync();
        return (CommandResult.Done, listId);
    }

    public Task<IReadOnlyList<Guid>> Lists() => Task.FromResult<IReadOnlyList<Guid>>([.. board.State.Lists]);

    public Task<int> Waiting() => Task.FromResult(board.State.Waiting.Count);
}
