using System.Text.Json;
using Campaigns.Connectors.Platforms;
using Campaigns.Storage.Vault;

namespace Campaigns.Grains.Accounts;

/// <summary>
/// The stored form of an account's <see cref="TokenSet"/>: a small JSON document of our own (so a change to the
/// connector's type does not change what is stored), protected by the vault for the account.
/// </summary>
internal static class StoredTokens
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Protect(AccountSecrets secrets, string agencyId, string accountId, TokenSet tokens) =>
        secrets.Protect(agencyId, accountId, JsonSerializer.Serialize(new Document(
            tokens.AccessToken, tokens.AccessExpiresAt, tokens.RefreshToken, tokens.RefreshExpiresAt, [.. tokens.Scopes], tokens.UserId), Json))!;

    public static TokenSet? Reveal(AccountSecrets secrets, string agencyId, string accountId, string? stored)
    {
        if (secrets.Reveal(agencyId, accountId, stored) is not { } json)
        {
            return null;
        }
        var document = JsonSerializer.Deserialize<Document>(json, Json) ?? throw new JsonException("Empty token document.");
        return new TokenSet(document.Access, document.AccessExpiresAt, document.Refresh, document.RefreshExpiresAt, document.Scopes, document.UserId);
    }

    private sealed record Document(
        string Access, DateTimeOffset? AccessExpiresAt, string? Refresh, DateTimeOffset? RefreshExpiresAt, List<string> Scopes, string? UserId);
}
