namespace Relief.Integration.Tests.Infrastructure;

/// <summary>Polls until a condition holds or a deadline passes: for what happens later by design (timers, membership).</summary>
public static class Eventually
{
    public static async Task<T> Get<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }
            await Task.Delay(250);
        }
    }
}
