using Campaigns.Connectors;
using Campaigns.Domain.Accounts;

namespace Campaigns.Connectors.Tests.Support;

/// <summary>Publish requests with fresh, unique keys.</summary>
internal static class Requests
{
    public static PublishRequest Publish(ConnectorTarget target, string? agencyId = null, string? key = null, long followers = 120_000) =>
        new(
            AgencyId: agencyId ?? "agc_" + Guid.NewGuid().ToString("N"),
            AccountId: "acc_test",
            Platform: Platform.WechatChannels,
            Handle: "acme_beauty",
            PushId: "psh_" + Guid.NewGuid().ToString("N"),
            IdempotencyKey: key ?? "key-" + Guid.NewGuid().ToString("N"),
            VideoId: "vid_test",
            MediaUrl: "https://cdn.example.test/v.mp4",
            Caption: "Summer glow ✨",
            Hashtags: ["#summer", "#skincare"],
            Followers: followers,
            ScheduledAt: new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.FromHours(8)),
            Target: target);

    public static PublishLookup LookupOf(PublishRequest request) =>
        new(request.AgencyId, request.AccountId, request.IdempotencyKey, request.Target);
}
