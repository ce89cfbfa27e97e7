using Campaigns.Domain.Accounts;

namespace Campaigns.Connectors;

/// <summary>Everything a connector needs to publish one push.</summary>
/// <param name="AgencyId">The agency that owns the account.</param>
/// <param name="AccountId">The account that posts.</param>
/// <param name="Platform">The platform the account is on.</param>
/// <param name="Handle">The account's handle on that platform.</param>
/// <param name="PushId">The push being published.</param>
/// <param name="IdempotencyKey">Identifies this publication: every attempt for the push carries the same key.</param>
/// <param name="VideoId">The video being posted.</param>
/// <param name="MediaUrl">Where the platform fetches the video from.</param>
/// <param name="Caption">The caption (the platform's variant when there is one).</param>
/// <param name="Hashtags">Hashtags to attach.</param>
/// <param name="Followers">The account's followers now.</param>
/// <param name="ScheduledAt">When the push was planned to go out.</param>
/// <param name="Target">The connector settings of the account.</param>
public sealed record PublishRequest(
    string AgencyId,
    string AccountId,
    Platform Platform,
    string Handle,
    string PushId,
    string IdempotencyKey,
    string VideoId,
    string? MediaUrl,
    string? Caption,
    IReadOnlyList<string> Hashtags,
    long Followers,
    DateTimeOffset ScheduledAt,
    ConnectorTarget Target);
