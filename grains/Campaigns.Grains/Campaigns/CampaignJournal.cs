using System.Security.Cryptography;
using Campaigns.Domain.Common;
using Campaigns.Grains.Abstractions.Campaigns;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Grains.Common;
using Campaigns.Storage.Campaigns;

namespace Campaigns.Grains.Campaigns;

/// <summary>
/// What campaign grains write beside their own state: the read-model row and the timeline. Both are written after the
/// state that they reflect (from the grain's outbox), and both tolerate being written again.
/// </summary>
public sealed class CampaignJournal(CampaignStore campaigns, TimeProvider clock)
{
    private const long SequenceMask = (1L << 40) - 1;

    /// <summary>Ids' last 40 bits count up from a random start, so this silo's events keep their order within a millisecond.</summary>
    private long _sequence = RandomNumberGenerator.GetInt32(int.MaxValue);

    /// <summary>
    /// A timeline event of now, with its id fixed here. The timeline is ordered by id: milliseconds first, then a
    /// per-silo counter (not random digits), so two events a command writes in the same millisecond read in order.
    /// </summary>
    public TimelineEvent Event(string type, string detail)
    {
        var now = clock.GetUtcNow();
        var sequence = Interlocked.Increment(ref _sequence) & SequenceMask;
        return new TimelineEvent($"evt_{now.ToUnixTimeMilliseconds():x12}{sequence:x10}", now, type, detail);
    }

    /// <summary>Upserts the campaign's read-model row; an older version than the row's changes nothing.</summary>
    public Task ProjectAsync(CampaignSnapshot campaign) =>
        StorageCalls.Guard(() => campaigns.UpsertAsync(new CampaignRow(
            campaign.AgencyId, campaign.Id, campaign.Definition.Brand, WireName<CampaignStatus>.Of(campaign.Status), campaign.Version,
            campaign.CreatedAt.ToUnixTimeMilliseconds(), campaign.UpdatedAt.ToUnixTimeMilliseconds(), Documents.Serialize(campaign))));

    /// <summary>Appends events to the timeline; those already there are left alone.</summary>
    public Task AppendAsync(string agencyId, string campaignId, IReadOnlyList<TimelineEvent> events) =>
        events.Count == 0
            ? Task.CompletedTask
            : StorageCalls.Guard(() => campaigns.AppendEventsAsync(agencyId, campaignId, events.Select(e =>
                new CampaignEventRow { Id = e.Id, At = e.At.ToUnixTimeMilliseconds(), Type = e.Type, Detail = e.Detail }).ToList()));
}
