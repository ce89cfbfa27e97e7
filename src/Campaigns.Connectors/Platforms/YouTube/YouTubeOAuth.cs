using Campaigns.Domain.Accounts;
using Microsoft.Extensions.Options;

namespace Campaigns.Connectors.Platforms.YouTube;

/// <summary>
/// Google OAuth 2.0 for web server apps, with PKCE (S256) and offline access so a refresh token is issued. Google
/// does not rotate refresh tokens: a refresh answers only a new access token, and the stored refresh token stays.
/// </summary>
public sealed class YouTubeOAuth(IHttpClientFactory clients, IOptionsMonitor<YouTubeOptions> options, TimeProvider clock) : IPlatformOAuth
{
    /// <inheritdoc />
    public ConnectorType Type => ConnectorType.Youtube;

    /// <inheritdoc />
    public IReadOnlyList<string> Scopes { get; } =
        ["https://www.googleapis.com/auth/youtube.upload", "https://www.googleapis.com/auth/youtube.readonly"];

    /// <inheritdoc />
    public bool UsesPkce => true;

    /// <inheritdoc />
    public Uri AuthorizeUrl(string state, Uri redirectUri, Pkce? pkce)
    {
        ArgumentException.ThrowIfNullOrEmpty(state);
        ArgumentNullException.ThrowIfNull(redirectUri);
        ArgumentNullException.ThrowIfNull(pkce);
        var settings = options.CurrentValue;
        return OAuthQuery.Build(
            settings.Auth("o/oauth2/v2/auth"),
            ("client_id", settings.ClientKey),
            ("redirect_uri", redirectUri.AbsoluteUri),
            ("response_type", "code"),
            ("scope", string.Join(' ', Scopes)),
            ("access_type", "offline"),
            ("prompt", "consent"),
            ("include_granted_scopes", "true"),
            ("state", state),
            ("code_challenge", pkce.Challenge),
            ("code_challenge_method", Pkce.Method));
    }

    /// <inheritdoc />
    public Task<PlatformResult<TokenSet>> ExchangeCodeAsync(string code, Uri redirectUri, string? codeVerifier, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        ArgumentNullException.ThrowIfNull(redirectUri);
        var settings = options.CurrentValue;
        return TokenAsync(OAuthQuery.Form(
            ("code", code), ("client_id", settings.ClientKey), ("client_secret", settings.ClientSecret),
            ("redirect_uri", redirectUri.AbsoluteUri), ("grant_type", "authorization_code"), ("code_verifier", codeVerifier)), null, cancellationToken);
    }

    /// <inheritdoc />
    public Task<PlatformResult<TokenSet>> RefreshAsync(TokenSet current, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(current);
        if (current.RefreshToken is null)
        {
            return Task.FromResult(PlatformResult<TokenSet>.Fail(OAuthErrors.NoRefreshToken));
        }
        var settings = options.CurrentValue;
        return TokenAsync(OAuthQuery.Form(
            ("client_id", settings.ClientKey), ("client_secret", settings.ClientSecret),
            ("refresh_token", current.RefreshToken), ("grant_type", "refresh_token")), current, cancellationToken);
    }

    private async Task<PlatformResult<TokenSet>> TokenAsync(FormUrlEncodedContent form, TokenSet? current, CancellationToken cancellationToken)
    {
        var http = clients.CreateClient(PlatformHttp.ApiClient(options.CurrentValue.Name));
        var call = await PlatformCall.PostFormAsync(http, options.CurrentValue.TokenUrl, form, cancellationToken);
        var read = OAuthErrors.Read(call, clock.GetUtcNow(), current?.RefreshToken, null);
        // Google's refresh answer leaves out the refresh token's expiry; keep what was known.
        return read.Ok && current is not null && read.Value!.RefreshExpiresAt is null
            ? PlatformResult<TokenSet>.Success(read.Value with { RefreshExpiresAt = current.RefreshExpiresAt })
            : read;
    }
}
