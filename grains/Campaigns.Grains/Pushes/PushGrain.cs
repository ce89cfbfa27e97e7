
using Campaigns.Grains.Abstractions.Campaigns;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Grains.Abstractions.Feedback;
using Campaigns.Grains.Abstractions.Pushes;
namespace Campaigns.Grains.Pushes;

/// <summary>
/// One push as feedback sees it: engagement snapshots for a push are recorded one at a time, by this activation.
/// Firing does not go through here: the silo that claims a push fires it (Scheduling's PushFiring), under its lease.
/// </summary>
public sealed class PushGrain(Feedback.MetricsIngest ingest) : Grain, IPushGrain
{
    public Task<Outcome<MetricsReceipt>> RecordMetrics(MetricsSnapshot snapshot)
    {
        var (agencyId, pushId) = GrainKeys.Split(this.GetPrimaryKeyString());
        return ingest.RecordAsync(agencyId, pushId, snapshot);
    }
}
