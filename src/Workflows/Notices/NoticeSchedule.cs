namespace Relief.Workflows.Notices;

/// <summary>When a board whose rule publishes by itself at a Beijing time of day publishes next.</summary>
public static class NoticeSchedule
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    /// <summary>Today at <paramref name="at"/> Beijing time if that is still to come, else tomorrow at that time.</summary>
    public static DateTimeOffset NextPublication(DateTimeOffset now, TimeOnly at)
    {
        var local = now.ToOffset(Beijing);
        var today = new DateTimeOffset(DateOnly.FromDateTime(local.DateTime).ToDateTime(at), Beijing);
        return today > local ? today : today.AddDays(1);
    }
}
