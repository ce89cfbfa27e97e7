using Campaigns.Storage.Agencies;

namespace Campaigns.Application.Agencies;

/// <summary>An API key as <c>GET /v1/keys</c> shows it: never the key itself. <c>lastUsedAt</c> is accurate to about a minute.</summary>
public sealed record ApiKeyView(string Id, string Name, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt)
{
    public static ApiKeyView From(ApiKeyRecord key) => new(
        key.Id, key.Name, DateTimeOffset.FromUnixTimeMilliseconds(key.CreatedAt),
        key.LastUsedAt is { } used ? DateTimeOffset.FromUnixTimeMilliseconds(used) : null);
}

/// <summary>A new API key, shown this once and never again.</summary>
public sealed record CreatedApiKey(string Id, string Name, string ApiKey, DateTimeOffset CreatedAt);
