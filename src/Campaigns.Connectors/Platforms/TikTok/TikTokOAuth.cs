using Campaigns.Domain.Accounts;
using Microsoft.Extensions.Options;

namespace Campaigns.Connectors.Platforms.TikTok;

/// <summary>
/// TikTok Login Kit for web (OAuth v2): authorize at <c>/v2/auth/authorize/</c>, tokens at <c>/v2/oauth/token/</c>.
/// Refresh tokens rotate: every refresh answers a new one and the old one stops working.
/// </summary>
public sealed class TikTokOAuth(IHttpClientFactory clients, IOptionsMonitor<TikTokOptions> options, TimeProvider clock) : IPlatformOAuth
{
    /// <inheritdoc />
    public ConnectorType Type => ConnectorType.Tiktok;

    /// <inheritdoc />
    public IReadOnlyList<string> Scopes { get; } = ["user.info.basic", "user.info.stats", "video.publish", "video.list"];

    /// <summary>TikTok documents PKCE for its desktop and mobile kits only; the web flow relies on state.</summary>
    public bool UsesPkce => false;

    /// <inheritdoc />
    public Uri AuthorizeUrl(string state, Uri redirectUri, Pkce? pkce)
    {
        ArgumentException.ThrowIfNullOrEmpty(state);
        ArgumentNullException.ThrowIfNull(redirectUri);
        var settings = options.CurrentValue;
        return OAuthQuery.Build(
            settings.Auth("v2/auth/authorize/"),
            ("client_key", settings.ClientKey),
            ("scope", string.Join(',', Scopes)),
            ("response_type", "code"),
            ("redirect_uri", redirectUri.AbsoluteUri),
            ("state", state));
    }

    /// <inheritdoc />
    public Task<PlatformResult<TokenSet>> ExchangeCodeAsync(string code, Uri redirectUri, string? codeVerifier, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        ArgumentNullException.ThrowIfNull(redirectUri);
        var settings = options.CurrentValue;
        return TokenAsync(OAuthQuery.Form(
            ("client_key", settings.ClientKey), ("client_secret", settings.ClientSecret), ("code", code),
            ("grant_type", "authorization_code"), ("redirect_uri", redirectUri.AbsoluteUri)), cancellationToken);
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
            ("client_key", settings.ClientKey), ("client_secret", settings.ClientSecret),
            ("grant_type", "refresh_token"), ("refresh_token", current.RefreshToken)), cancellationToken);
    }

    private async Task<PlatformResult<TokenSet>> TokenAsync(FormUrlEncodedContent form, CancellationToken cancellationToken)
    {
        var http = clients.CreateClient(PlatformHttp.ApiClient(options.CurrentValue.Name));
        var call = await PlatformCall.PostFormAsync(http, options.CurrentValue.Api("v2/oauth/token/"), form, cancellationToken);
        return OAuthErrors.Read(call, clock.GetUtcNow(), keepRefreshToken: null, userId: null);
    }
}
