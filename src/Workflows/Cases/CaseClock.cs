namespace Relief.Workflows.Cases;

/// <summary>Programme dates are Beijing dates (UTC+8 all year, no daylight saving).</summary>
public static class CaseClock
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    public static DateOnly Today(ReliefClock clock) => DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(Beijing).DateTime);
}
