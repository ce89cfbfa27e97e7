using System.Net.Http.Headers;
using Campaigns.Domain.Accounts;
using Microsoft.Extensions.Options;

namespace Campaigns.Connectors.Platforms.Instagram;

/// <summary>
/// Business Login for Instagram: the code is exchanged at <c>api.instagram.com/oauth/access_token</c> for a
/// short-lived token (1 hour), at once traded for a long-lived one (about 60 days, per its <c>expires_in</c>).
/// There is no refresh token: the long-lived token refreshes itself (<c>refresh_access_token</c>) while it is valid
/// and at least a day old; once expired or revoked the account must connect again.
/// </summary>
public sealed class InstagramOAuth(IHttpClientFactory clients, IOptionsMonitor<InstagramOptions> options, TimeProvider clock) : IPlatformOAuth
{
    /// <inheritdoc />
    public ConnectorType Type => ConnectorType.Instagram;

    /// <inheritdoc />
    public IReadOnlyList<string> Scopes { get; } =
        ["instagram_business_basic", "instagram_business_content_publish", "instagram_business_manage_insights"];

    /// <inheritdoc />
    public bool UsesPkce => false;

    private InstagramOptions Settings => options.CurrentValue;

    /// <inheritdoc />
    public Uri AuthorizeUrl(string state, Uri redirectUri, Pkce? pkce)
    {
        ArgumentException.ThrowIfNullOrEmpty(state);
        ArgumentNullException.ThrowIfNull(redirectUri);
        return OAuthQuery.Build(
            Settings.Auth("oauth/authorize"),
            ("client_id", Settings.ClientKey),
            ("redirect_uri", redirectUri.AbsoluteUri),
            ("response_type", "code"),
            ("scope", string.Join(',', Scopes)),
            ("state", state));
    }

    /// <inheritdoc />
    public async Task<PlatformResult<TokenSet>> ExchangeCodeAsync(string code, Uri redirectUri, string? codeVerifier, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        ArgumentNullException.ThrowIfNull(redirectUri);
        var call = await PlatformCall.PostFormAsync(Http(), Settings.Auth("oauth/access_token"), OAuthQuery.Form(
            ("client_id", Settings.ClientKey), ("client_secret", Settings.ClientSecret),
            ("grant_type", "authorization_code"), ("redirect_uri", redirectUri.AbsoluteUri), ("code", code)), cancellationToken);
        // The business login answers {"data":[{...}]}; older flows answered the fields at the top.
        var answer = call.Json.Items("data").Select(e => (System.Text.Json.JsonElement?)e).FirstOrDefault() ?? call.Json;
        var failure = FailureOf(call, refreshing: true);
        if (failure is not null || answer.Str("access_token") is not { } shortLived)
        {
            return PlatformResult<TokenSet>.Fail(failure ?? new(FailureKind.Transient, "bad_answer", "No access token in the answer."));
        }
        var longLived = await TokenAsync(
            $"access_token?grant_type=ig_exchange_token&client_secret={Uri.EscapeDataString(Settings.ClientSecret ?? "")}", shortLived, cancellationToken);
        return longLived.Ok
            ? PlatformResult<TokenSet>.Success(longLived.Value! with { UserId = answer.Str("user_id"), Scopes = answer.Words("permissions") })
            : longLived;
    }

    /// <inheritdoc />
    public async Task<PlatformResult<TokenSet>> RefreshAsync(TokenSet current, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(current);
        var refreshed = await TokenAsync("refresh_access_token?grant_type=ig_refresh_token", current.AccessToken, cancellationToken);
        return refreshed.Ok
            ? PlatformResult<TokenSet>.Success(refreshed.Value! with { UserId = current.UserId, Scopes = current.Scopes })
            : refreshed;
    }

    private async Task<PlatformResult<TokenSet>> TokenAsync(string pathAndQuery, string token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Settings.Api(pathAndQuery));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var call = await PlatformCall.SendAsync(Http(), request, cancellationToken);
        if (FailureOf(call, refreshing: true) is { } failure)
        {
            return PlatformResult<TokenSet>.Fail(failure);
        }
        return call.Json.Str("access_token") is { } fresh
            ? PlatformResult<TokenSet>.Success(new TokenSet(fresh, Json.After(clock.GetUtcNow(), call.Json.Long("expires_in")), null, null, [], null))
            : PlatformResult<TokenSet>.Fail(new(FailureKind.Transient, "bad_answer", "No access token in the answer."));
    }

    /// <summary>A dead token cannot refresh itself: for token calls, "invalid token" means connect again.</summary>
    private static PlatformFailure? FailureOf(PlatformCall call, bool refreshing)
    {
        if (!call.Answered)
        {
            return call.NoAnswer();
        }
        var failure = InstagramErrors.Classify(call.Status!.Value, call.Json.Long("error", "code"), call.Json.Long("error", "error_subcode"),
            call.Json.Str("error", "message") ?? call.Json.Str("error_message"), call.RetryAfter);
        if (failure is null && !call.IsSuccess)
        {
            failure = new(FailureKind.Refused, $"HTTP {(int)call.Status}", call.Json.Str("error_message") ?? "Refused.");
        }
        return refreshing && failure is { Kind: FailureKind.TokenInvalid or FailureKind.Refused }
            ? failure with { Kind = FailureKind.RefreshRefused }
            : failure;
    }

    private HttpClient Http() => clients.CreateClient(PlatformHttp.ApiClient(Settings.Name));
}
