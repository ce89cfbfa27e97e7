namespace Campaigns.Grains.Common;

/// <summary>
/// A grain timer that runs its callback once, some time after it is armed; arming it again while it waits changes
/// nothing, so a burst of calls costs one run. Like every grain timer it dies with its activation: what must survive a
/// crash has a durable trigger as well.
/// </summary>
public sealed class OneShotTimer(IGrainBase grain, Func<Task> callback)
{
    private IGrainTimer? _timer;

    /// <summary>True while armed and not yet run.</summary>
    public bool Armed => _timer is not null;

    public void Arm(TimeSpan dueTime) =>
        _timer ??= grain.RegisterGrainTimer(RunAsync, new GrainTimerCreationOptions(dueTime, Timeout.InfiniteTimeSpan));

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        // Forget the timer but let it finish this run: disposing it first would cancel the token of this very run.
        var timer = _timer;
        _timer = null;
        try
        {
            await callback();
        }
        finally
        {
            timer?.Dispose();
        }
    }
}
