namespace Campaigns.Connectors.Platforms;

/// <summary>
/// The tokens of one connected account, with expiries computed from the answer's own <c>expires_in</c> and
/// <c>refresh_expires_in</c> (platforms differ and change them, so nothing here assumes a lifetime).
/// </summary>
/// <param name="AccessToken">The access token.</param>
/// <param name="AccessExpiresAt">When the access token stops working; null when the platform did not say.</param>
/// <param name="RefreshToken">The refresh token; null where the platform refreshes the access token itself (Instagram).</param>
/// <param name="RefreshExpiresAt">When the refresh token stops working; null when the platform did not say.</param>
/// <param name="Scopes">The scopes the user granted.</param>
/// <param name="UserId">The platform's id of the user (open_id, Instagram user id); null for YouTube.</param>
public sealed record TokenSet(
    string AccessToken,
    DateTimeOffset? AccessExpiresAt,
    string? RefreshToken,
    DateTimeOffset? RefreshExpiresAt,
    IReadOnlyList<string> Scopes,
    string? UserId)
{
    /// <summary>Keeps the tokens out of logs and debugger views.</summary>
    public override string ToString() => $"tokens for {UserId ?? "(user)"} expiring {AccessExpiresAt:O}";
}
