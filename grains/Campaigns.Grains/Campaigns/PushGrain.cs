using Campaigns.Grains.Abstractions.Accounts;
using Campaigns.Grains.Abstractions.Campaigns;
using Campaigns.Grains.Abstractions.Catalogue;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Scheduling;
using Campaigns.Storage.Campaigns;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace Campaigns.Grains.Campaigns;

/// <summary>
/// Fires one push: waits for its instant, asks its campaign whether to go ahead, publishes through its account,
/// and records the outcome — retrying transient failures with exponential backoff until the attempt limit.
/// </summary>
public sealed class PushGrain(
    PushStore pushes,
    PushOutcomeBatcher outcomes,
    PushTriggers triggers,
    Feedback.MetricsIngest ingest,
    TimeProvider clock,
    IOptions<PushSchedulingOptions> options,
    ILogger<PushGrain> logger) : Grain, IPushGrain
{
    public async Task Fire(DuePush push)
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

        var campaign = Owner(push);
        switch (await campaign.DecideFire(push.PushId))
        {
            case FireDecision.Hold:
                await Common.StorageCalls.Guard(() => pushes.HoldAsync(push.AgencyId, push.PushId, clock.GetUtcNow().ToUnixTimeMilliseconds()));
                // A resume (or cancel) may have gone through between the decision and the hold, and would not see
                // this push again: ask once more, and if the campaign no longer holds, let the sweeper take it.
                var again = await campaign.DecideFire(push.PushId);
                if (again == FireDecision.Fire)
                {
                    await campaign.FireEnded(push.PushId);
                }
                if (again != FireDecision.Hold)
                {
                    await Common.StorageCalls.Guard(() => pushes.ReleaseHoldAsync(push.AgencyId, push.PushId, clock.GetUtcNow().ToUnixTimeMilliseconds()));
                }
                return;
            case FireDecision.Cancel:
                await SettleAsync(campaign, push, PushStatuses.Cancelled, push.Attempts, "The campaign was cancelled.", null);
                return;
        }

        try
        {
            await PublishAsync(campaign, push);
        }
        finally
        {
            // Also when publishing threw: a pause or cancel waiting for this push must not wait for nothing.
            await campaign.FireEnded(push.PushId);
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
                GrainFactory.GetGrain<IAccountGrain>(GrainKeys.For(push.AgencyId, push.AccountId)).Prepare(),
                GrainFactory.GetGrain<IVideoGrain>(GrainKeys.For(push.AgencyId, push.VideoId)).Get());
        }
        catch (Exception ex)
        {
            logger.LogDebug(ex, "Push {PushId}: warming up its account failed; publishing will retry the reads", push.PushId);
        }
    }

    /// <summary>Publishes a push its campaign let fire, and records the outcome.</summary>
    private async Task PublishAsync(IPushOwnerGrain campaign, DuePush push)
    {
        var lateness = clock.GetUtcNow() - push.ScheduledAt;
        if (lateness > TimeSpan.FromMinutes(options.Value.StalenessMinutes))
        {
            await SettleAsync(campaign, push, PushStatuses.Skipped, push.Attempts,
                $"Stale: found {lateness.TotalMinutes:F0} minutes late, past the {options.Value.StalenessMinutes}-minute limit.", null);
            return;
        }

        var video = await GrainFactory.GetGrain<IVideoGrain>(GrainKeys.For(push.AgencyId, push.VideoId)).Get();
        var account = GrainFactory.GetGrain<IAccountGrain>(GrainKeys.For(push.AgencyId, push.AccountId));
        var report = await account.Publish(new PublishCommand(
            push.PushId, push.VideoId, video?.MediaUrl, push.Caption, push.Hashtags, push.ScheduledAt, push.Attempts));
        var attempts = push.Attempts + (report.Status == PublishStatus.Skipped ? 0 : 1);

        switch (report.Status)
        {
            case PublishStatus.Published:
                await SettleAsync(campaign, push, PushStatuses.Published, attempts, null, report);
                break;
            case PublishStatus.Skipped:
                await SettleAsync(campaign, push, PushStatuses.Skipped, attempts, report.Detail, report);
                break;
            case PublishStatus.TransientFailure when attempts < options.Value.MaxAttempts:
                var retryAt = clock.GetUtcNow() + Backoff(attempts);
                logger.LogInformation("Push {PushId} attempt {Attempt} failed ({Error}); retrying at {RetryAt:O}", push.PushId, attempts, report.Detail, retryAt);
                await RecordAsync(push, PushStatuses.Scheduled, attempts, retryAt, report.Detail, report);
                await triggers.EnsureAsync([retryAt]);
                break;
            default:
                await SettleAsync(campaign, push, PushStatuses.Failed, attempts, report.Detail, report);
                break;
        }
    }

    public Task<Outcome<MetricsReceipt>> RecordMetrics(MetricsSnapshot snapshot)
    {
        var (agencyId, pushId) = GrainKeys.Split(this.GetPrimaryKeyString());
        return ingest.RecordAsync(agencyId, pushId, snapshot);
    }

    /// <summary>The campaign, the recurring schedule or the standalone exchange the push belongs to.</summary>
    private IPushOwnerGrain Owner(DuePush push) => PushOwners.Of(GrainFactory, push.AgencyId, push.CampaignId);

    private TimeSpan Backoff(int attempts)
    {
        var seconds = options.Value.RetryBaseSeconds * Math.Pow(2, attempts - 1);
        return TimeSpan.FromSeconds(seconds * (0.8 + Random.Shared.NextDouble() * 0.4));
    }

    private async Task SettleAsync(IPushOwnerGrain campaign, DuePush push, string status, int attempts, string? detail, PublishReport? report)
    {
        await RecordAsync(push, status, attempts, push.ScheduledAt, detail, report);
        await campaign.PushSettled(push.PushId, status, detail);
    }

    private Task RecordAsync(DuePush push, string status, int attempts, DateTimeOffset dueAt, string? detail, PublishReport? report) =>
        Common.StorageCalls.Guard(() => outcomes.RecordAsync(new PushOutcomeUpdate(
            push.AgencyId, push.PushId, status, attempts, dueAt.ToUnixTimeMilliseconds(), detail, report?.PlatformPostId,
            report?.FiredAt?.ToUnixTimeMilliseconds(), report?.PublishedAt?.ToUnixTimeMilliseconds(),
            clock.GetUtcNow().ToUnixTimeMilliseconds())));
}
