using Campaigns.Domain.Accounts;
using Microsoft.Extensions.Options;

namespace Campaigns.Connectors.Platforms.Kuaishou;

/// <summary>
/// Kuaishou OAuth 2.0: authorize at <c>/oauth2/authorize</c>; <c>/oauth2/access_token</c> and
/// <c>/oauth2/refresh_token</c> are GETs with the app secret in the query (as documented). A refresh answers a new
/// refresh token too; the old one stops working.
/// </summary>
public sealed class KuaishouOAuth(IHttpClientFactory clients, IOptionsMonitor<KuaishouOptions> options, TimeProvider clock) : IPlatformOAuth
{
    /// <inheritdoc />
    public ConnectorType Type => ConnectorType.Kuaishou;

    /// <inheritdoc />
    public IReadOnlyList<string> Scopes { get; } = ["user_info", "user_video_publish", "user_video_info"];

    /// <inheritdoc />
    public bool UsesPkce => false;

    private KuaishouOptions Settings => options.CurrentValue;

    /// <inheritdoc />
    public Uri AuthorizeUrl(string state, Uri redirectUri, Pkce? pkce)
    {
        ArgumentException.ThrowIfNullOrEmpty(state);
        ArgumentNullException.ThrowIfNull(redirectUri);
        return OAuthQuery.Build(
            Settings.Auth("oauth2/authorize"),
            ("app_id", Settings.ClientKey),
            ("scope", string.Join(',', Scopes)),
            ("response_type", "code"),
            ("redirect_uri", redirectUri.AbsoluteUri),
            ("state", state));
    }

    /// <inheritdoc />
    public Task<PlatformResult<TokenSet>> ExchangeCodeAsync(string code, Uri redirectUri, string? codeVerifier, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        return TokenAsync(OAuthQuery.Build(Settings.Api("oauth2/access_token"),
            ("app_id", Settings.ClientKey), ("app_secret", Settings.ClientSecret), ("code", code), ("grant_type", "authorization_code")), null, cancellationToken);
    }

    /// <inheritdoc />
    public Task<PlatformResult<TokenSet>> RefreshAsync(TokenSet current, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(current);
        if (current.RefreshToken is null)
        {
            return Task.FromResult(PlatformResult<TokenSet>.Fail(OAuthErrors.NoRefreshToken));
        }
        return TokenAsync(OAuthQuery.Build(Settings.Api("oauth2/refresh_token"),
            ("app_id", Settings.ClientKey), ("app_secret", Settings.ClientSecret), ("refresh_token", current.RefreshToken), ("grant_type", "refresh_token")),
            current, cancellationToken);
    }

    private async Task<PlatformResult<TokenSet>> TokenAsync(Uri url, TokenSet? current, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        var call = await PlatformCall.SendAsync(clients.CreateClient(PlatformHttp.ApiClient(Settings.Name)), request, cancellationToken);
        if (KuaishouErrors.Of(call) is { } failure)
        {
            // A refused code or refresh token (invalid, expired, cancelled) means the user must authorize again.
            return PlatformResult<TokenSet>.Fail(failure.Kind is FailureKind.TokenInvalid or FailureKind.Refused ? failure with { Kind = FailureKind.RefreshRefused } : failure);
        }
        if (call.Json.Str("access_token") is not { } token)
        {
            return PlatformResult<TokenSet>.Fail(new(FailureKind.Transient, "bad_answer", "No access token in the answer."));
        }
        var now = clock.GetUtcNow();
        return PlatformResult<TokenSet>.Success(new TokenSet(
            token,
            Json.After(now, call.Json.Long("expires_in")),
            call.Json.Str("refresh_token") ?? current?.RefreshToken,
            Json.After(now, call.Json.Long("refresh_token_expires_in")) ?? current?.RefreshExpiresAt,
            call.Json.Words("scopes"),
            call.Json.Str("open_id") ?? current?.UserId));
    }
}
