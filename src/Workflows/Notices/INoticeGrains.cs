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

/// <summary>One published list: its lines, its window, the objections against it; it closes by a durable reminder.</summary>
[Alias("Relief.INoticeListGrain")]
public interface INoticeListGrain : IGrainWithGuidKey
{
    [Alias("Open")]
    Task Open(Guid programmeId, string unit, IReadOnlyList<(NoticeLine Line, Guid CaseId)> lines, NoticeWindow window);

    [Alias("Describe")]
    Task<NoticeListView?> Describe();

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
