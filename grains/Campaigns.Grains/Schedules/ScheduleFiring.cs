using System.Text.Json;
using Campaigns.Domain.Accounts;
using Campaigns.Domain.Common;
using Campaigns.Grains.Abstractions.Accounts;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Grains.Abstractions.Schedules;
using Campaigns.Grains.Abstractions.Videos;
using Campaigns.Grains.Common;
using Campaigns.Grains.Pushes;
using Campaigns.Scheduling.Pushes;
using Campaigns.Storage.Accounts;
using Campaigns.Storage.Pushes;
using Campaigns.Storage.Videos;

namespace Campaigns.Grains.Schedules;

/// <summary>
/// What a schedule's firing writes: one push per account, each taking the next video of the queue (account i takes
/// the video i places further on, so accounts sharing a platform never post the same video at once), and the bucket
/// trigger that makes them due. Push ids derive from the instant, so writing the same instant again adds nothing.
/// </summary>
public sealed class ScheduleFiring(AccountStore accounts, VideoStore videos, OwnerPushes pushes, PushTriggers pushTriggers, TimeProvider clock)
{
    /// <summary>Writes the pushes of <paramref name="instant"/> and their trigger; nothing when the queue is empty.</summary>
    public async Task WriteAsync(string agencyId, string id, ScheduleSnapshot schedule, DateTimeOffset instant)
    {
        var definition = schedule.Definition;
        var accountDocs = await StorageCalls.Guard(() => accounts.DocumentsAsync(agencyId, definition.AccountIds));
        var videoDocs = await StorageCalls.Guard(() => videos.DocumentsAsync(agencyId, definition.VideoQueue));
        var queue = definition.VideoQueue.Where(videoDocs.ContainsKey).Select(v => Documents.Deserialize<VideoSnapshot>(videoDocs[v])).ToList();
        if (queue.Count > 0)
        {
            var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
            var rows = definition.AccountIds.Where(accountDocs.ContainsKey).Select((accountId, i) =>
            {
                var account = AccountDocument.Deserialize(accountDocs[accountId]);
                var video = queue[(schedule.Fired + i) % queue.Count];
                var variant = video.Variants.GetValueOrDefault(account.Platform);
                return new PushRow
                {
                    AgencyId = agencyId,
                    // Derived from the instant: a second firing of the same instant writes nothing new.
                    Id = PushIds.For($"{id}@{instant.ToUnixTimeMilliseconds()}", i),
                    CampaignId = id,
                    AccountId = accountId,
                    VideoId = video.Id,
                    Platform = WireName<Platform>.Of(account.Platform),
                    Brand = account.Brand,
                    Caption = variant?.Caption ?? video.Title,
                    Hashtags = JsonSerializer.Serialize(variant?.Hashtags ?? video.Topics),
                    ScheduledAt = instant.ToUnixTimeMilliseconds(),
                    DueAt = instant.ToUnixTimeMilliseconds(),
                    UpdatedAt = now,
                };
            }).ToList();
            await StorageCalls.Guard(() => pushes.InsertAsync(rows));
            await pushTriggers.EnsureAsync([instant]);
        }
    }

    /// <summary>Cancels the schedule's pushes that have not fired yet (after a deletion).</summary>
    public Task CancelUnfiredAsync(string agencyId, string id) =>
        StorageCalls.Guard(() => pushes.CancelScheduledAsync(agencyId, id, clock.GetUtcNow().ToUnixTimeMilliseconds()));
}
