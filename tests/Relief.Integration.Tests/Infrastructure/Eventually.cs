namespace Relief.Integration.Tests.Infrastructure;

/// <summary>Polls until a condition holds or a deadline passes: for what happens later by design (timers, membership).</summary>
public static class Eventually
{
    public static Task<T> Get<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan within) => Get(read, done, within, TimeSpan.FromMilliseconds(250));

    /// <summary>The same, reading every <paramref name="period"/> (short, to catch a moment: a fault test killing a silo mid-step).</summary>
    public static async Task<T> Get<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan within, TimeSpan period)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }
            await Task.Delay(period);
        }
    }
}
