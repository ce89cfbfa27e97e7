using System.Collections.Concurrent;
using Campaigns.Grains.Abstractions.Accounts;
using Campaigns.Grains.Abstractions.Campaigns;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Grains.Abstractions.Pushes;
using Campaigns.Grains.Abstractions.Videos;
using Campaigns.Storage.Pushes;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Campaigns.Scheduling.Pushes;

/// <summary>
/// Fires the pushes this silo has claimed, each under the silo's lease, which <see cref="PushLeases"/> renews until
/// the firing ends: waits for the push's instant, asks its owner whether to go ahead, then hands it to
/// <see cref="PushPublisher"/>. It runs here rather than in a grain so that nothing bounds it by a grain-call
/// timeout and so that the silo renewing the lease is the silo doing the work. On shutdown it lets the firings in
/// flight finish (within the host's shutdown timeout).
/// </summary>
public sealed partial class PushFiring(
    IGrainFactory grains, PushLeases leases, PushOutcomes outcomes, PushPublisher publisher, TimeProvider clock, ILogger<PushFiring> logger)
    : IHostedService
{
    private readonly ConcurrentDictionary<long, Task> _firing = new();

    private long _started;

    /// <summary>How many pushes this silo is firing now.</summary>
    public int Count => _firing.Count;

    /// <summary>Starts firing a push claimed under <paramref name="holder"/>'s lease; returns at once.</summary>
    public void Start(DuePush push, string holder)
    {
        var lease = leases.Keep(new PushKey(push.AgencyId, push.PushId));
        var id = Interlocked.Increment(ref _started);
        // Registered before it runs, so that a firing ending at once still finds its own entry to remove.
        var registered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _firing[id] = RunAsync(push, holder, id, lease, registered.Task);
        registered.SetResult();
    }

    private async Task RunAsync(DuePush push, string holder, long id, IDisposable lease, Task registered)
    {
        await registered;
        try
        {
            await FireAsync(push, holder);
        }
        catch (Exception ex)
        {
            // Nothing recorded: the lease is no longer renewed, runs out, and recovery fires the push again — with this
            // attempt counted, so it looks the post up first.
            LogFiringFailed(logger, ex, push.PushId);
        }
        finally
        {
            lease.Dispose();
            _firing.TryRemove(id, out _);
        }
    }

    private async Task FireAsync(DuePush push, string holder)
    {
        if (push.DueAt > clock.GetUtcNow())
        {
            // Claimed ahead of its instant (the lead): warm what publishing reads, then wait for the instant.
            await PrepareAsync(push);
            // A timer may wake a few milliseconds early; never publish before the instant.
            for (var wait = push.DueAt - clock.GetUtcNow(); wait > TimeSpan.Zero; wait = push.DueAt - clock.GetUtcNow())
            {
                await Task.Delay(wait, clock);
            }
        }

        var owner = PushOwners.Of(grains, push.AgencyId, push.CampaignId);
        FireDecision decision;
        try
        {
            decision = await owner.DecideFire(push.PushId);
        }
        catch (Exception ex)
        {
            // Nothing was sent: the owner's silo is unreachable (dead, not yet declared so) or busy. Ask again a little
            // later rather than hold the claim until its lease runs out.
            LogOwnerUnreachable(logger, ex, push.PushId);
            await publisher.PostponeAsync(push, holder, $"Its owner did not answer: {ex.GetBaseException().Message}");
            return;
        }
        switch (decision)
        {
            case FireDecision.Hold:
                await HoldAsync(owner, push, holder);
                return;
            case FireDecision.Cancel:
                await publisher.WithdrawAsync(owner, push, holder);
                return;
        }

        try
        {
            await publisher.PublishAsync(owner, push, holder);
        }
        finally
        {
            // Also when publishing threw: a pause or cancel waiting for this push must not wait for nothing.
            await owner.FireEnded(push.PushId);
        }
    }

    /// <summary>Puts the push back, held, because its owner paused; makes sure a resume racing with it is not missed.</summary>
    private async Task HoldAsync(IPushOwnerGrain owner, DuePush push, string holder)
    {
        await outcomes.HoldClaimedAsync(push.AgencyId, push.PushId, holder, clock.GetUtcNow().ToUnixTimeMilliseconds());
        // A resume (or cancel) may have gone through between the decision and the hold, and would not see this push
        // again: ask once more, and if the owner no longer holds, let the next claim take it.
        var again = await owner.DecideFire(push.PushId);
        if (again == FireDecision.Fire)
        {
            await owner.FireEnded(push.PushId);
        }
        if (again != FireDecision.Hold)
        {
            await outcomes.ReleaseHoldAsync(push.AgencyId, push.PushId, clock.GetUtcNow().ToUnixTimeMilliseconds());
        }
    }

    /// <summary>
    /// Activates the push's account and video grains and loads the account's recent publishes. Best effort: a failure
    /// here costs only the warm-up; publishing reads again and reports any real problem.
    /// </summary>
    private async Task PrepareAsync(DuePush push)
    {
        try
        {
            await Task.WhenAll(
                grains.GetGrain<IAccountGrain>(GrainKeys.For(push.AgencyId, push.AccountId)).Prepare(),
                grains.GetGrain<IVideoGrain>(GrainKeys.For(push.AgencyId, push.VideoId)).Get());
        }
        catch (Exception ex)
        {
            LogWarmUpFailed(logger, ex, push.PushId);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Waits for the firings in flight, so their outcomes are recorded before the silo goes.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var inFlight = _firing.Values.ToList();
        if (inFlight.Count == 0)
        {
            return;
        }
        LogWaiting(logger, inFlight.Count);
        try
        {
            // The firings never throw (RunAsync logs what goes wrong); only the host's patience can run out.
            await Task.WhenAll(inFlight).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Those still running lose their lease with this silo; the next incarnation or another silo recovers them.
            LogGaveUp(logger, _firing.Count);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Push {PushId} could not be fired; its lease runs out and recovery fires it again")]
    private static partial void LogFiringFailed(ILogger logger, Exception exception, string pushId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Push {PushId}: its owner did not answer; asking again shortly")]
    private static partial void LogOwnerUnreachable(ILogger logger, Exception exception, string pushId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Push {PushId}: warming up its account failed; publishing will retry the reads")]
    private static partial void LogWarmUpFailed(ILogger logger, Exception exception, string pushId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Waiting for {Count} pushes in flight before stopping")]
    private static partial void LogWaiting(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopping with {Count} pushes still in flight; they are recovered once this silo is gone")]
    private static partial void LogGaveUp(ILogger logger, int count);
}
