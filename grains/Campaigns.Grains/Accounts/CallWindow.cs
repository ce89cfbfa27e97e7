namespace Campaigns.Grains.Accounts;

/// <summary>
/// A sliding-window count of one kind of call: at most <c>limit</c> within any <c>window</c>, the way TikTok counts
/// its per-token limits. Used inside one grain activation, so it needs no locking.
/// </summary>
public sealed class CallWindow(int limit, TimeSpan window)
{
    private readonly Queue<DateTimeOffset> _calls = new();

    /// <summary>
    /// Takes a slot for a call at <paramref name="now"/>: null when taken (or there is no limit), otherwise the instant
    /// the oldest call leaves the window and a slot frees (nothing is taken then).
    /// </summary>
    public DateTimeOffset? TryTake(DateTimeOffset now)
    {
        if (limit <= 0)
        {
            return null;
        }
        while (_calls.Count > 0 && _calls.Peek() + window <= now)
        {
            _calls.Dequeue();
        }
        if (_calls.Count >= limit)
        {
            return _calls.Peek() + window;
        }
        _calls.Enqueue(now);
        return null;
    }
}
