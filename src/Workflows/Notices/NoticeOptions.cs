namespace Relief.Workflows.Notices;

/// <summary>How often an open notice list checks whether its window has ended (its reminder's period).</summary>
public sealed class NoticeOptions
{
    /// <summary>One minute: a list closes within a minute of its end, or of the silo's restart after it.</summary>
    public TimeSpan CheckPeriod { get; set; } = TimeSpan.FromMinutes(1);
}
