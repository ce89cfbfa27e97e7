using Campaigns.Domain.Accounts;
using Campaigns.Domain.Common;

namespace Campaigns.Connectors.Webhook;

/// <summary>The JSON body of a webhook publish (camelCase): the request without its connector settings.</summary>
/// <param name="AgencyId">The agency that owns the account.</param>
/// <param name="AccountId">The account that posts.</param>
/// <param name="Platform">The platform's wire name, e.g. <c>wechat-channels</c>.</param>
/// <param name="Handle">The account's handle.</param>
/// <param name="PushId">The push being published.</param>
/// <param name="IdempotencyKey">Same as the <c>Idempotency-Key</c> header.</param>
/// <param name="VideoId">The video being posted.</param>
/// <param name="MediaUrl">Where to fetch the video.</param>
/// <param name="Caption">The caption.</param>
/// <param name="Hashtags">Hashtags to attach.</param>
/// <param name="Followers">The account's followers now.</param>
/// <param name="ScheduledAt">When the push was planned to go out.</param>
public sealed record WebhookPayload(
    string AgencyId,
    string AccountId,
    string Platform,
    string Handle,
    string PushId,
    string IdempotencyKey,
    string VideoId,
    string? MediaUrl,
    string? Caption,
    IReadOnlyList<string> Hashtags,
    long Followers,
    DateTimeOffset ScheduledAt)
{
    /// <summary>The payload for a request; the target, and so the secret, stays out.</summary>
    public static WebhookPayload From(PublishRequest request) => new(
        request.AgencyId, request.AccountId, WireName<Platform>.Of(request.Platform), request.Handle, request.PushId,
        request.IdempotencyKey, request.VideoId, request.MediaUrl, request.Caption, request.Hashtags, request.Followers,
        request.ScheduledAt);
}
