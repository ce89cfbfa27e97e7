
using Campaigns.Domain.Pushes;
using Campaigns.Grains.Abstractions.Accounts;
using Campaigns.Grains.Abstractions.Campaigns;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Grains.Abstractions.Pushes;
using Campaigns.Grains.Abstractions.Videos;
using Campaigns.Scheduling.Telemetry;
using Campaigns.Storage.Pushes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
namespace Campaigns.Scheduling.Pushes;

/// <summary>
/// Publishes one push its owner let fire, through its account, and records the outcome as a transition of the push
/// state machine — retrying transient failures with exponential backoff until the attempt limit. Outcomes are
/// recorded only while this silo still holds the push's lease (a published post is recorded whoever reports it).
/// </summary>
public sealed partial class PushPublisher(
    IGrainFactory grains, PushOutcomeBatcher outcomes, PlatformPushes platformPushes, PushTriggers triggers, TimeProvider clock,
    PushMetrics metrics,
    IOptions<PushSchedulingOptions> options, ILogger<PushPublisher> logger)
{
    /// <summary>Publishes the push and records what happened, under a span of its own.</summary>
    public async Task PublishAsync(IPushOwnerGrain owner, DuePush push, string holder)
    {
        using var activity = PushTracing.StartPublish(push);
        metrics.PublishStarting(push.DueAt, clock.GetUtcNow(), push.Platform);
        try
        {
            var (transition, applied) = await PublishAndRecordAsync(owner, push, holder);
            PushTracing.End(activity, applied ? PushMetrics.Outcome(transition) : "refused");
        }
        catch (Exception ex) when (PushTracing.Threw(activity, ex))
        {
            throw;
        }
    }

    /// <summary>Publishes the push; returns the outcome it asked to record and whether the state machine took it.</summary>
    private async Task<(PushTransition Transition, bool Applied)> PublishAndRecordAsync(IPushOwnerGrain owner, DuePush push, string holder)
    {
        var lateness = clock.GetUtcNow() - push.ScheduledAt;
        var stale = lateness > TimeSpan.FromMinutes(options.Value.StalenessMinutes)
            ? $"Stale: found {lateness.TotalMinutes:F0} minutes late, past the {options.Value.StalenessMinutes}-minute limit."
            : null;
        if (stale is not null && push.Attempts == 0)
        {
            // Never attempted, so nothing can have been posted: skipped without asking the platform.
            return (PushTransition.Skip, await SettleAsync(owner, push, holder, PushTransition.Skip, push.Attempts, stale, null));
        }

        // With attempts behind it, even a stale push goes to its account: an earlier attempt may have posted it, and
        // only a look-up can tell (the account skips it as stale if nothing is found).
        var report = await PublishThroughAccountAsync(push, holder, stale);
        var attempts = push.Attempts + (report.Status == PublishStatus.Skipped ? 0 : 1);
        switch (report.Status)
        {
            case PublishStatus.Published:
                return (PushTransition.Publish, await SettleAsync(owner, push, holder, PushTransition.Publish, attempts, null, report));
            case PublishStatus.Skipped:
                return (PushTransition.Skip, await SettleAsync(owner, push, holder, PushTransition.Skip, attempts, report.Detail, report));
            case PublishStatus.Unconfirmed:
                // Never retried: the post may exist and nothing can find it. A person resolves it.
                return (PushTransition.MarkUnconfirmed,
                    await SettleAsync(owner, push, holder, PushTransition.MarkUnconfirmed, attempts, report.Detail, report));
            case PublishStatus.AwaitingCredential:
                return (PushTransition.AwaitCredential, await AwaitCredentialAsync(owner, push, holder, report.Detail!));
            case PublishStatus.TransientFailure when attempts < options.Value.MaxAttempts:
                var retryAt = clock.GetUtcNow() + Backoff(attempts);
                LogRetrying(logger, push.PushId, attempts, report.Detail, retryAt);
                var retried = await RecordAsync(push, holder, PushTransition.Retry, attempts, retryAt, report.Detail, report);
                if (retried)
                {
                    await triggers.EnsureAsync([retryAt]);
                }
                return (PushTransition.Retry, retried);
            default:
                return (PushTransition.Fail, await SettleAsync(owner, push, holder, PushTransition.Fail, attempts, report.Detail, report));
        }
    }

    /// <summary>
    /// Puts the push back for another firing shortly (its first retry delay), its attempts unchanged: for a firing
    /// that stopped before anything was sent.
    /// </summary>
    public async Task PostponeAsync(DuePush push, string holder, string why)
    {
        var dueAt = clock.GetUtcNow() + TimeSpan.FromSeconds(options.Value.RetryBaseSeconds);
        if (await RecordAsync(push, holder, PushTransition.Retry, push.Attempts, dueAt, why, null, postponed: true))
        {
            await triggers.EnsureAsync([dueAt]);
        }
    }

    /// <summary>Records that the push's owner cancelled it as it was about to publish.</summary>
    public Task WithdrawAsync(IPushOwnerGrain owner, DuePush push, string holder) =>
        SettleAsync(owner, push, holder, PushTransition.Withdraw, push.Attempts, "The campaign was cancelled.", null);

    /// <summary>
    /// Asks the account to publish. The call may last as long as the platform takes (it is not bounded by the usual
    /// grain-call timeout, see <see cref="IAccountGrain.Publish"/>); if it fails all the same — the account's silo
    /// died, say — the attempt may have reached the platform, so it counts, and the next one looks the post up first.
    /// </summary>
    private async Task<PublishReport> PublishThroughAccountAsync(DuePush push, string holder, string? stale)
    {
        var started = clock.GetTimestamp();
        PublishReport report;
        try
        {
            var video = await grains.GetGrain<IVideoGrain>(GrainKeys.For(push.AgencyId, push.VideoId)).Get();
            var account = grains.GetGrain<IAccountGrain>(GrainKeys.For(push.AgencyId, push.AccountId));
            report = await account.Publish(new PublishCommand(
                push.PushId, push.VideoId, video?.MediaUrl, push.Caption, push.Hashtags, push.ScheduledAt, push.Attempts, stale,
                holder, video?.Title, video?.DurationSeconds, video?.CoverUrl));
        }
        catch (Exception ex)
        {
            LogAccountFailed(logger, ex, push.PushId);
            report = new PublishReport(PublishStatus.TransientFailure, null, null, null, $"The account did not answer: {ex.GetBaseException().Message}");
        }
        metrics.Published(clock.GetElapsedTime(started), push.Platform, ResultWord(report.Status));
        return report;
    }

    /// <summary>
    /// Puts the push back to wait for its account's credential — not failed, not retried — and tells its owner why, for
    /// the campaign's timeline. Connecting the account lets it go.
    /// </summary>
    private async Task<bool> AwaitCredentialAsync(IPushOwnerGrain owner, DuePush push, string holder, string why)
    {
        if (!await platformPushes.AwaitCredentialAsync(push.AgencyId, push.PushId, holder, why, clock.GetUtcNow().ToUnixTimeMilliseconds()))
        {
            return false;
        }
        LogAwaitingCredential(logger, push.PushId, push.AccountId);
        await owner.PushSettled(push.PushId, PushStatus.Scheduled, why);
        return true;
    }

    private static string ResultWord(PublishStatus status) => status switch
    {
        PublishStatus.Published => "published",
        PublishStatus.Skipped => "skipped",
        PublishStatus.TransientFailure => "transient_failure",
        PublishStatus.Unconfirmed => "unconfirmed",
        PublishStatus.AwaitingCredential => "awaiting_credential",
        _ => "terminal_failure",
    };

    private TimeSpan Backoff(int attempts)
    {
        var seconds = options.Value.RetryBaseSeconds * Math.Pow(2, attempts - 1);
        return TimeSpan.FromSeconds(seconds * (0.8 + Random.Shared.NextDouble() * 0.4));
    }

    /// <summary>Records a settling outcome and, if the state machine took it, tells the owner; true when it took it.</summary>
    private async Task<bool> SettleAsync(
        IPushOwnerGrain owner, DuePush push, string holder, PushTransition transition, int attempts, string? detail, PublishReport? report)
    {
        if (!await RecordAsync(push, holder, transition, attempts, push.ScheduledAt, detail, report))
        {
            return false;
        }
        await owner.PushSettled(push.PushId, PushTransitions.Of(transition).To, detail);
        return true;
    }

    private async Task<bool> RecordAsync(
        DuePush push, string holder, PushTransition transition, int attempts, DateTimeOffset dueAt, string? detail, PublishReport? report,
        bool postponed = false)
    {
        var applied = await outcomes.RecordAsync(new PushOutcomeUpdate(
            push.AgencyId, push.PushId, transition, holder, attempts, dueAt.ToUnixTimeMilliseconds(), detail, report?.PlatformPostId,
            report?.FiredAt?.ToUnixTimeMilliseconds(), report?.PublishedAt?.ToUnixTimeMilliseconds(),
            clock.GetUtcNow().ToUnixTimeMilliseconds()));
        metrics.Recorded(transition, push.Platform, applied, postponed);
        if (!applied)
        {
            LogRefused(logger, push.PushId, transition);
        }
        return applied;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Push {PushId} attempt {Attempt} failed ({Error}); retrying at {RetryAt:O}")]
    private static partial void LogRetrying(ILogger logger, string pushId, int attempt, string? error, DateTimeOffset retryAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Push {PushId} held until account {AccountId} is connected")]
    private static partial void LogAwaitingCredential(ILogger logger, string pushId, string accountId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Push {PushId}: its account did not answer; the attempt counts and the next one looks the post up first")]
    private static partial void LogAccountFailed(ILogger logger, Exception exception, string pushId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Push {PushId}: outcome {Transition} not recorded: published already, or no longer this silo's (recovered meanwhile)")]
    private static partial void LogRefused(ILogger logger, string pushId, PushTransition transition);
}
