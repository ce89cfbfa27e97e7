namespace Campaigns.Grains.Pushes;

/// <summary>
/// The pushes an owner told to fire whose outcome is not recorded yet, so that a pause or cancel can answer only once
/// nothing more will publish. In memory: a push whose silo dies is fired again by the sweeper and asks again.
/// </summary>
public sealed class InFlightPushes
{
    /// <summary>
    /// How long a pause or cancel waits for pushes already publishing: the longest a connector may take (the
    /// webhook's total timeout), and below Orleans' 30 s response timeout so the command itself still answers.
    /// </summary>
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    private readonly HashSet<string> _pushes = [];

    /// <summary>Completed when the last push in flight ends; created by a waiter.</summary>
    private TaskCompletionSource? _landed;

    public int Count => _pushes.Count;

    public void Add(string pushId) => _pushes.Add(pushId);

    public void End(string pushId)
    {
        if (_pushes.Remove(pushId) && _pushes.Count == 0)
        {
            _landed?.TrySetResult();
            _landed = null;
        }
    }

    /// <summary>
    /// Waits until every push in flight has ended, at most <see cref="Limit"/> (a push on a silo that died never
    /// reports back); false when the limit ran out first.
    /// </summary>
    public async Task<bool> LandedAsync(TimeProvider clock)
    {
        if (_pushes.Count == 0)
        {
            return true;
        }
        _landed ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            await _landed.Task.WaitAsync(Limit, clock);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }
}
