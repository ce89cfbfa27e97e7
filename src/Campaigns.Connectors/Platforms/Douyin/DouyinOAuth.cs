using Campaigns.Domain.Accounts;
using Microsoft.Extensions.Options;

namespace Campaigns.Connectors.Platforms.Douyin;

/// <summary>
/// Douyin OAuth: authorize at <c>/platform/oauth/connect/</c>; <c>/oauth/access_token/</c> for the code;
/// <c>/oauth/refresh_token/</c> renews the access token only (the refresh token keeps its expiry), and
/// <c>/oauth/renew_refresh_token/</c> renews the refresh token, at most five times; then the user connects again.
/// </summary>
public sealed class DouyinOAuth(IHttpClientFactory clients, IOptionsMonitor<DouyinOptions> options, TimeProvider clock) : IPlatformOAuth
{
    /// <inheritdoc />
    public ConnectorType Type => ConnectorType.Douyin;

    /// <inheritdoc />
    public IReadOnlyList<string> Scopes { get; } = ["user_info", "video.create.bind", "video.data.bind", "data.external.user"];

    /// <inheritdoc />
    public bool UsesPkce => false;

    private DouyinOptions Settings => options.CurrentValue;

    /// <inheritdoc />
    public Uri AuthorizeUrl(string state, Uri redirectUri, Pkce? pkce)
    {
        ArgumentException.ThrowIfNullOrEmpty(state);
        ArgumentNullException.ThrowIfNull(redirectUri);
        return OAuthQuery.Build(
            Settings.Auth("platform/oauth/connect/"),
            ("client_key", Settings.ClientKey),
            ("response_type", "code"),
            ("scope", string.Join(',', Scopes)),
            ("redirect_uri", redirectUri.AbsoluteUri),
            ("state", state));
    }

    /// <inheritdoc />
    public Task<PlatformResult<TokenSet>> ExchangeCodeAsync(string code, Uri redirectUri, string? codeVerifier, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        return TokenAsync("oauth/access_token/", OAuthQuery.Form(
            ("client_key", Settings.ClientKey), ("client_secret", Settings.ClientSecret), ("code", code), ("grant_type", "authorization_code")), null, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<PlatformResult<TokenSet>> RefreshAsync(TokenSet current, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(current);
        if (current.RefreshToken is null)
        {
            return PlatformResult<TokenSet>.Fail(OAuthErrors.NoRefreshToken);
        }
        var refreshed = await TokenAsync("oauth/refresh_token/", OAuthQuery.Form(
            ("client_key", Settings.ClientKey), ("grant_type", "refresh_token"), ("refresh_token", current.RefreshToken)), current, cancellationToken);
        if (!refreshed.Ok || refreshed.Value!.RefreshExpiresAt is not { } expires || expires - clock.GetUtcNow() > Settings.RenewRefreshWithin)
        {
            return refreshed;
        }
        var renewed = await RenewAsync(refreshed.Value, cancellationToken);
        // A refused renewal (the fifth is the last) still leaves a working access token until the refresh token ends.
        return renewed ?? refreshed;
    }

    private async Task<PlatformResult<TokenSet>?> RenewAsync(TokenSet tokens, CancellationToken cancellationToken)
    {
        var call = await PlatformCall.PostFormAsync(Http(), Settings.Api("oauth/renew_refresh_token/"),
            OAuthQuery.Form(("client_key", Settings.ClientKey), ("refresh_token", tokens.RefreshToken)), cancellationToken);
        return DouyinErrors.Of(call) is null && call.Json.Str("data", "refresh_token") is { } renewed
            ? PlatformResult<TokenSet>.Success(tokens with { RefreshToken = renewed, RefreshExpiresAt = Json.After(clock.GetUtcNow(), call.Json.Long("data", "expires_in")) })
            : null;
    }

    private async Task<PlatformResult<TokenSet>> TokenAsync(string path, FormUrlEncodedContent form, TokenSet? current, CancellationToken cancellationToken)
    {
        var call = await PlatformCall.PostFormAsync(Http(), Settings.Api(path), form, cancellationToken);
        if (DouyinErrors.Of(call) is { } failure)
        {
            // Any refusal of a code or a refresh token means the user must authorize again.
            return PlatformResult<TokenSet>.Fail(failure.Kind is FailureKind.TokenInvalid or FailureKind.Refused ? failure with { Kind = FailureKind.RefreshRefused } : failure);
        }
        var data = call.Json.At("data");
        if (data.Str("access_token") is not { } token)
        {
            return PlatformResult<TokenSet>.Fail(new(FailureKind.Transient, "bad_answer", "No access token in the answer."));
        }
        var now = clock.GetUtcNow();
        return PlatformResult<TokenSet>.Success(new TokenSet(
            token,
            Json.After(now, data.Long("expires_in")),
            data.Str("refresh_token") ?? current?.RefreshToken,
            Json.After(now, data.Long("refresh_expires_in")) ?? current?.RefreshExpiresAt,
            data.Words("scope"),
            data.Str("open_id") ?? current?.UserId));
    }

    private HttpClient Http() => clients.CreateClient(PlatformHttp.ApiClient(Settings.Name));
}
