namespace Campaigns.Testing;

/// <summary>Deadline-bounded polling: waits for a condition instead of sleeping a fixed time.</summary>
public static class Poll
{
    /// <summary>The deadline when none is given: generous, since two cores shared by several test runs can be slow.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    public static Task Until(Func<Task<bool>> condition) => Until(condition, DefaultTimeout);

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
