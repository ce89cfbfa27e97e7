using System.Net;

namespace Campaigns.Connectors.Platforms;

/// <summary>
/// How a token endpoint's refusal is taken (RFC 6749 §5.2 <c>error</c> codes, as TikTok and Google answer them).
/// </summary>
public static class OAuthErrors
{
    /// <summary>How long to wait on a 429 that gave no Retry-After.</summary>
    public static readonly TimeSpan DefaultRateLimitWait = TimeSpan.FromMinutes(1);

    /// <summary>A refresh asked of tokens that hold no refresh token.</summary>
    public static readonly PlatformFailure NoRefreshToken = new(FailureKind.RefreshRefused, "no_refresh_token", "No refresh token is stored.");

    /// <summary>What a failed exchange or refresh means.</summary>
    public static PlatformFailure Classify(HttpStatusCode status, string? error, string? description, TimeSpan? retryAfter)
    {
        var why = description ?? $"The token endpoint answered {(int)status}";
        var code = error ?? $"HTTP {(int)status}";
        return error switch
        {
            // A code or refresh token that expired, was revoked or was already rotated away: connect again.
            "invalid_grant" or "access_denied" or "invalid_request" or "unauthorized_client" when (int)status < 500 => new(FailureKind.RefreshRefused, code, why),
            // Our app's credentials are wrong: an operator's problem, not the account's.
            "invalid_client" => new(FailureKind.Refused, code, why),
            _ => status switch
            {
                HttpStatusCode.TooManyRequests => new(FailureKind.RateLimited, code, why, retryAfter ?? DefaultRateLimitWait),
                _ when (int)status >= 500 || status == HttpStatusCode.RequestTimeout => new(FailureKind.Transient, code, why),
                _ => new(FailureKind.Refused, code, why),
            },
        };
    }

    /// <summary>The tokens of a standard token answer, or its classified refusal.</summary>
    internal static PlatformResult<TokenSet> Read(PlatformCall call, DateTimeOffset now, string? keepRefreshToken, string? userId)
    {
        if (!call.Answered)
        {
            return PlatformResult<TokenSet>.Fail(call.NoAnswer());
        }
        var token = call.Json.Str("access_token");
        if (!call.IsSuccess || token is null)
        {
            return PlatformResult<TokenSet>.Fail(Classify(call.Status!.Value, call.Json.Str("error"), call.Json.Str("error_description"), call.RetryAfter));
        }
        var refresh = call.Json.Str("refresh_token");
        return PlatformResult<TokenSet>.Success(new TokenSet(
            token,
            Json.After(now, call.Json.Long("expires_in")),
            refresh ?? keepRefreshToken,
            Json.After(now, call.Json.Long("refresh_expires_in") ?? call.Json.Long("refresh_token_expires_in")),
            call.Json.Words("scope"),
            call.Json.Str("open_id") ?? userId));
    }
}
