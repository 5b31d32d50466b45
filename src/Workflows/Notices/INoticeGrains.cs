using Relief.Workflows.Common;
using Relief.Workflows.Definitions;

namespace Relief.Workflows.Notices;

/// <summary>An approved case waiting for the next list of its noticing unit.</summary>
[GenerateSerializer, Immutable, Alias("Relief.NoticeCandidate")]
public sealed record NoticeCandidate(
    [property: Id(0)] Guid CaseId,
    [property: Id(1)] string MaskedName,
    [property: Id(2)] string MaskedIdNumber,
    [property: Id(3)] string Branch,
    [property: Id(4)] string Category,
    [property: Id(5)] Funds.Money Amount,
    [property: Id(6)] NoticeRule Rule);

/// <summary>
/// A unit's notice board in a programme (key <c>notice-board/{programme}/{unit}</c>): gathers approved cases into
/// the open list and publishes it, which starts its window.
/// </summary>
[Alias("Relief.INoticeBoardGrain")]
public interface INoticeBoardGrain : IGrainWithStringKey
{
    [Alias("Add")]
    Task Add(NoticeCandidate candidate);

    /// <summary>Takes a case off the open list (vetoed before publication); nothing when it is not there.</summary>
    [Alias("Withdraw")]
    Task Withdraw(Guid caseId);

    /// <summary>Publishes the open list; returns its id (null when nothing waits).</summary>
    [Alias("Publish")]
    Task<(CommandResult Result, Guid? ListId)> Publish(Actor actor);

    [Alias("Lists")]
    Task<IReadOnlyList<Guid>> Lists();

    [Alias("Waiting")]
    Task<int> Waiting();
}

/// <summary>What the notice board hands a list it publishes: the lines, and how the window was counted.</summary>
[GenerateSerializer, Immutable, Alias("Relief.NoticeListOpening")]
public sealed record NoticeListOpening(
    [property: Id(0)] Guid ProgrammeId,
    [property: Id(1)] string Unit,
    [property: Id(2)] string? UnitName,
    [property: Id(3)] IReadOnlyList<(NoticeLine Line, Guid CaseId)> Lines,
    [property: Id(4)] DateTimeOffset PublishedAt,
    [property: Id(5)] NoticeRule Rule,
    [property: Id(6)] NoticeWindow Window,
    [property: Id(7)] Actor PublishedBy);

/// <summary>
/// One entry of a list's journal: <see cref="Detail"/> in words for the log and the API reader; a recount also
/// carries the windows before and after and the calendar year and version it was counted on, for the pages.
/// </summary>
[GenerateSerializer, Immutable, Alias("Relief.NoticeListEvent")]
public sealed record NoticeListEvent(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string Actor,
    [property: Id(2)] NoticeListEventKind Kind,
    [property: Id(3)] string Detail,
    [property: Id(4)] NoticeWindow? Before = null,
    [property: Id(5)] NoticeWindow? After = null,
    [property: Id(6)] int? CalendarYear = null,
    [property: Id(7)] int? CalendarVersion = null);

public enum NoticeListEventKind
{
    Published,
    WindowRecounted,
    Closed,
}

/// <summary>One published list: its lines, its window, the objections against it; it closes by a durable reminder.</summary>
[Alias("Relief.INoticeListGrain")]
public interface INoticeListGrain : IGrainWithGuidKey
{
    [Alias("Open")]
    Task Open(NoticeListOpening opening);

    [Alias("Describe")]
    Task<NoticeListView?> Describe();

    /// <summary>What happened to the list: published, its window recounted on a new calendar, closed.</summary>
    [Alias("Journal")]
    Task<IReadOnlyList<NoticeListEvent>> Journal();

    /// <summary>The change of window that the calendar of <paramref name="years"/> would make (null: none, or the list is closed); changes nothing.</summary>
    [Alias("WindowUnder")]
    Task<NoticeWindowChange?> WindowUnder(IReadOnlyList<CalendarYear> years);

    /// <summary>
    /// Recounts the window on the calendar of <paramref name="years"/>, put in force by replacing
    /// <paramref name="year"/> with its <paramref name="version"/>, and journals the change, once; null when nothing changes.
    /// </summary>
    [Alias("ApplyCalendar")]
    Task<NoticeWindowChange?> ApplyCalendar(IReadOnlyList<CalendarYear> years, int year, int version, Actor actor);

    [Alias("RaiseObjection")]
    Task<(CommandResult Result, Guid? ObjectionId)> RaiseObjection(int line, string reason, ObjectionChannel channel, string? contact);

    [Alias("Resolve")]
    Task<CommandResult> Resolve(Guid objectionId, bool upheld, string reason, Actor actor);

    [Alias("Objections")]
    Task<IReadOnlyList<Objection>> Objections();

    /// <summary>Closes the list when its window has ended (the reminder calls this too). Idempotent.</summary>
    [Alias("CloseIfDue")]
    Task<bool> CloseIfDue();
}

/// <summary>Key scheme and the public contact points printed on every list.</summary>
public static class Notices
{
    public const string Hotline = "12351";

    public static string BoardKey(Guid programmeId, string unit) => $"notice-board/{programmeId:N}/{unit}";

    public static (Guid ProgrammeId, string Unit) ParseBoardKey(string key)
    {
        var parts = key.Split('/');
        return (Guid.Parse(parts[1]), parts[2]);
    }
}
