using Relief.Workflows.Common;

namespace Relief.Workflows.Notices;

[GenerateSerializer, Alias("Relief.HolidayCalendarState")]
public sealed class HolidayCalendarState
{
    /// <summary>The years the national admin replaced; the others are as shipped.</summary>
    [Id(0)] public Dictionary<int, CalendarYearInForce> Replaced { get; set; } = [];
}

/// <summary>
/// The calendar in force. A replacement is stored first and then carried to every open notice list, each of
/// which recounts its window and journals the change once (a list already on the new days changes nothing), so
/// a replacement cut short by a crash is finished by sending it again; the lists recounted the first time are
/// not listed again.
/// </summary>
public sealed class HolidayCalendarGrain(
    [PersistentState("holiday-calendar", StorageNames.Relief)] IPersistentState<HolidayCalendarState> calendar,
    CurrentHolidayCalendar current,
    ReliefClock clock) : Grain, IHolidayCalendarGrain
{
    public Task<IReadOnlyList<CalendarYearInForce>> Years() => Task.FromResult(InForce());

    public async Task<IReadOnlyList<NoticeWindowChange>> Preview(CalendarYear year) =>
        await ForEachOpenList(YearsWith(year), (list, days) => list.WindowUnder(days));

    public async Task<(CommandResult Result, int Version, IReadOnlyList<NoticeWindowChange> Changes)> Replace(CalendarYear year, int expectedVersion, Actor actor)
    {
        var inForce = InForce().FirstOrDefault(y => y.Days.Year == year.Year);
        var version = inForce?.Version ?? 0;
        // The same days again (a retry after a lost answer) only finish carrying them to the lists.
        var alreadyInForce = inForce is not null && inForce.Days.SameDaysAs(year) && inForce.Days.Note == year.Note;
        if (!alreadyInForce)
        {
            if (version != expectedVersion)
            {
                return (CommandResult.Conflict($"The calendar of {year.Year} is at version {version}, not {expectedVersion}: read it again before replacing it."), version, []);
            }
            version++;
            calendar.State.Replaced[year.Year] = new CalendarYearInForce(year, version, clock.GetUtcNow(), actor.ToString());
            await calendar.WriteOrDeactivate(DeactivateOnIdle);
        }
        var days = YearsWith(year);
        current.Set(new HolidayCalendar(days));
        var changes = await ForEachOpenList(days, (list, d) => list.ApplyCalendar(d, year.Year, version, actor));
        return (CommandResult.Done, version, changes);
    }

    private IReadOnlyList<CalendarYearInForce> InForce()
    {
        var years = HolidayCalendar.ShippedYears.ToDictionary(y => y.Year, y => new CalendarYearInForce(y, 0, null, null));
        foreach (var (year, replaced) in calendar.State.Replaced)
        {
            years[year] = replaced;
        }
        return [.. years.Values.OrderBy(y => y.Days.Year)];
    }

    /// <summary>The years in force, with <paramref name="year"/> in place of the one it replaces.</summary>
    private IReadOnlyList<CalendarYear> YearsWith(CalendarYear year) =>
        [.. InForce().Select(y => y.Days).Where(y => y.Year != year.Year).Append(year).OrderBy(y => y.Year)];

    /// <summary>Asks every open list, one after another (a few thousand at most), and keeps the windows that change.</summary>
    private async Task<IReadOnlyList<NoticeWindowChange>> ForEachOpenList(
        IReadOnlyList<CalendarYear> days, Func<INoticeListGrain, IReadOnlyList<CalendarYear>, Task<NoticeWindowChange?>> ask)
    {
        var changes = new List<NoticeWindowChange>();
        var open = await Task.WhenAll(IOpenNoticeListsGrain.AllKeys.Select(key => GrainFactory.GetGrain<IOpenNoticeListsGrain>(key).List()));
        foreach (var listId in open.SelectMany(ids => ids))
        {
            if (await ask(GrainFactory.GetGrain<INoticeListGrain>(listId), days) is { } change)
            {
                changes.Add(change);
            }
        }
        return [.. changes.OrderBy(c => c.Unit, StringComparer.Ordinal).ThenBy(c => c.Before.FirstDay)];
    }
}
