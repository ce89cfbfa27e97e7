namespace Campaigns.Connectors.Platforms;

/// <summary>What a connector needs to act for an account: its access token and the platform's id of the user.</summary>
/// <param name="AccessToken">The current access token; never logged.</param>
/// <param name="UserId">TikTok/Douyin/Kuaishou open_id or Instagram user id; null where the token alone suffices.</param>
public sealed record PlatformCredential(string AccessToken, string? UserId)
{
    /// <summary>A credential for the access token of a token set.</summary>
    public static PlatformCredential From(TokenSet tokens) =>
        new((tokens ?? throw new ArgumentNullException(nameof(tokens))).AccessToken, tokens.UserId);

    /// <summary>Keeps the token out of logs and debugger views.</summary>
    public override string ToString() => $"credential for {UserId ?? "(user of token)"}";
}
