namespace Campaigns.Connectors.Webhook;

/// <summary>What the agency's publisher answers to a publish or a lookup: <c>{ "platformPostId": "...", "publishedAt": "..." }</c>.</summary>
/// <param name="PlatformPostId">The platform's id of the post; required.</param>
/// <param name="PublishedAt">When the post went live; the time of the answer when absent.</param>
internal sealed record WebhookAnswer(string? PlatformPostId, DateTimeOffset? PublishedAt);
