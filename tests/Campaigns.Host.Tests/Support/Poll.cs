namespace Campaigns.Host.Tests.Support;

/// <summary>Deadline-bounded polling: waits for a condition instead of sleeping a fixed time.</summary>
public static class Poll
{
    public static async Task Until(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Condition not met within {timeout}.");
            }
            await Task.Delay(100);
        }
    }
}
