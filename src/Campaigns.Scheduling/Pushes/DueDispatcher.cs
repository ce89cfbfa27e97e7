using System.Text.Json;
using Campaigns.Scheduling.Telemetry;
using Campaigns.Storage.Pushes;
using Microsoft.Extensions.Options;

namespace Campaigns.Scheduling.Pushes;

/// <summary>
/// Claims the pushes due before an instant under this silo's lease and starts firing each on this silo (it waits for
/// the push's own instant and publishes it). Claiming is one conditional UPDATE per batch, so a push is dispatched once
/// however many silos or sweeps look at it; the claiming silo is the one that fires, renews and records.
/// </summary>
public sealed class DueDispatcher(
    PushClaims claims, PushLeases leases, PushFiring firing, TimeProvider clock, PushMetrics metrics, IOptions<PushSchedulingOptions> options)
{
    /// <summary>
    /// Claims every push due before <paramref name="until"/>, up to what this silo may fire at once, and starts firing
    /// them; returns how many. It does not wait for them to publish: a publish may take minutes.
    /// </summary>
    public async Task<int> DispatchAsync(DateTimeOffset until, CancellationToken cancellationToken)
    {
        var total = 0;
        while (options.Value.MaxFiring - firing.Count is var room && room > 0)
        {
            var claimed = await claims.ClaimDueAsync(until.ToUnixTimeMilliseconds(), Math.Min(options.Value.ClaimBatch, room),
                leases.NewLease(), clock.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken);
            if (claimed.Count == 0)
            {
                break;
            }
            total += claimed.Count;
            metrics.Claimed(claimed.Count);
            foreach (var row in claimed)
            {
                firing.Start(ToDue(row), leases.Holder);
            }
        }
        return total;
    }

    private static DuePush ToDue(PushRow row) => new(
        row.AgencyId, row.Id, row.CampaignId, row.AccountId, row.Platform, row.VideoId, row.Caption,
        JsonSerializer.Deserialize<List<string>>(row.Hashtags) ?? [],
        DateTimeOffset.FromUnixTimeMilliseconds(row.ScheduledAt), row.Attempts, DateTimeOffset.FromUnixTimeMilliseconds(row.DueAt));
}
