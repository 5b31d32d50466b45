using Relief.Workflows.Common;

namespace Relief.Workflows.Notices;

/// <summary>One year of the calendar in force: what it says, and whether the national admin replaced the shipped file.</summary>
[GenerateSerializer, Immutable, Alias("Relief.CalendarYearInForce")]
public sealed record CalendarYearInForce(
    [property: Id(0)] CalendarYear Days,
    [property: Id(1)] int Version,
    [property: Id(2)] DateTimeOffset? ReplacedAt,
    [property: Id(3)] string? ReplacedBy);

/// <summary>An open notice list whose window a calendar replacement changes, before and after.</summary>
[GenerateSerializer, Immutable, Alias("Relief.NoticeWindowChange")]
public sealed record NoticeWindowChange(
    [property: Id(0)] Guid ListId,
    [property: Id(1)] Guid ProgrammeId,
    [property: Id(2)] string Unit,
    [property: Id(3)] NoticeWindow Before,
    [property: Id(4)] NoticeWindow After);

/// <summary>
/// The holiday calendar in force (key <see cref="Key"/>): the shipped files, year by year replaced by the national
/// admin when the State Council announces the holidays. A replacement recounts every open notice window it
/// changes and journals each list; it can be previewed first.
/// </summary>
[Alias("Relief.IHolidayCalendarGrain")]
public interface IHolidayCalendarGrain : IGrainWithStringKey
{
    public const string Key = "holiday-calendar";

    /// <summary>Read by every publication; interleaves with a replacement's walk over the lists (its state is written first).</summary>
    [Alias("Years"), Orleans.Concurrency.AlwaysInterleave]
    Task<IReadOnlyList<CalendarYearInForce>> Years();

    /// <summary>The open windows a replacement of <paramref name="year"/> would change; changes nothing.</summary>
    [Alias("Preview")]
    Task<IReadOnlyList<NoticeWindowChange>> Preview(CalendarYear year);

    /// <summary>
    /// Puts <paramref name="year"/> in force when the year's version is still <paramref name="expectedVersion"/>
    /// (0: the shipped file), then recounts the open windows. Sent again with the same days (after an answer
    /// that was lost), it finishes the recount and lists the windows that changed only now.
    /// </summary>
    [Alias("Replace")]
    Task<(CommandResult Result, int Version, IReadOnlyList<NoticeWindowChange> Changes)> Replace(CalendarYear year, int expectedVersion, Actor actor);
}

/// <summary>
/// One shard of the notice lists whose windows are open (key <see cref="KeyOf"/>): those a calendar replacement
/// may change. Lists are spread over <see cref="Shards"/> shards by id, so the lists opening and closing at the
/// peak do not queue behind one grain's writes.
/// </summary>
[Alias("Relief.IOpenNoticeListsGrain")]
public interface IOpenNoticeListsGrain : IGrainWithStringKey
{
    public const int Shards = 16;

    public static string KeyOf(Guid listId) => $"open-notice-lists/{(uint)listId.GetHashCode() % Shards}";

    public static IEnumerable<string> AllKeys => Enumerable.Range(0, Shards).Select(shard => $"open-notice-lists/{shard}");

    [Alias("Add")]
    Task Add(Guid listId);

    [Alias("Remove")]
    Task Remove(Guid listId);

    [Alias("List")]
    Task<IReadOnlyList<Guid>> List();
}
