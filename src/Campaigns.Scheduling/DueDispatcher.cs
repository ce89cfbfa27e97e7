using Campaigns.Grains.Abstractions.Campaigns;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Storage.Campaigns;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using System.Text.Json;

namespace Campaigns.Scheduling;

/// <summary>
/// Claims the pushes due before an instant and hands each to its push grain, which waits for the push's own instant
/// and publishes it. Claiming is one conditional UPDATE per batch, so a push is dispatched once however many silos
/// or sweeps look at it.
/// </summary>
public sealed class DueDispatcher(
    PushStore pushes, IGrainFactory grains, TimeProvider clock, IOptions<PushSchedulingOptions> options, ILogger<DueDispatcher> logger)
{
    /// <summary>Dispatches every push due before <paramref name="until"/>; returns how many.</summary>
    public async Task<int> DispatchAsync(DateTimeOffset until, CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            var claimed = await pushes.ClaimDueAsync(
                until.ToUnixTimeMilliseconds(), options.Value.ClaimBatch, clock.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken);
            if (claimed.Count == 0)
            {
                return total;
            }
            total += claimed.Count;
            await Task.WhenAll(claimed.Select(FireAsync));
        }
    }

    private async Task FireAsync(PushRow row)
    {
        try
        {
            await grains.GetGrain<IPushGrain>(GrainKeys.For(row.AgencyId, row.Id)).Fire(ToDue(row));
        }
        catch (Exception ex)
        {
            // The push stays claimed; the sweeper releases it once it counts as abandoned and it fires again.
            logger.LogWarning(ex, "Push {PushId} could not be fired; the sweeper will retry it", row.Id);
        }
    }

    private static DuePush ToDue(PushRow row) => new(
        row.AgencyId, row.Id, row.CampaignId, row.AccountId, row.VideoId, row.Caption,
        JsonSerializer.Deserialize<List<string>>(row.Hashtags) ?? [],
        DateTimeOffset.FromUnixTimeMilliseconds(row.ScheduledAt), row.Attempts, DateTimeOffset.FromUnixTimeMilliseconds(row.DueAt));
}
