using System.Net;

namespace Campaigns.Connectors.Platforms.TikTok;

/// <summary>
/// How TikTok's answers are taken. API answers carry <c>error.code</c> (a string, "ok" on success) with the HTTP
/// status of TikTok's error table; the token endpoint answers <c>error</c> / <c>error_description</c>.
/// </summary>
public static class TikTokErrors
{
    /// <summary>How long to wait on a 429 that gave no Retry-After (TikTok's limits are per minute).</summary>
    public static readonly TimeSpan DefaultRateLimitWait = TimeSpan.FromMinutes(1);

    /// <summary>Null for success; otherwise what to do about an API answer.</summary>
    public static PlatformFailure? Classify(HttpStatusCode status, string? code, string? message, TimeSpan? retryAfter)
    {
        code = string.IsNullOrEmpty(code) ? null : code;
        if ((int)status is >= 200 and < 300 && code is null or "ok")
        {
            return null;
        }
        var why = message ?? $"TikTok answered {(int)status}";
        return code switch
        {
            "access_token_invalid" => new(FailureKind.TokenInvalid, code, why),
            "rate_limit_exceeded" => new(FailureKind.RateLimited, code, why, retryAfter ?? DefaultRateLimitWait),
            "internal_error" => new(FailureKind.Transient, code, why),
            // scope_not_authorized, scope_permission_missed, spam_risk_*, unaudited_client_can_only_post_to_private_accounts,
            // privacy_level_option_mismatch, url_ownership_unverified, reached_active_user_cap, invalid_params, ...
            not null when (int)status is >= 400 and < 500 or < 300 => new(FailureKind.Refused, code, why),
            _ => ByStatus(status, code ?? $"HTTP {(int)status}", why, retryAfter),
        };
    }

    /// <summary>What a failed exchange or refresh means (TikTok answers the standard OAuth error codes).</summary>
    public static PlatformFailure ClassifyToken(HttpStatusCode status, string? error, string? description, TimeSpan? retryAfter) =>
        OAuthErrors.Classify(status, error, description, retryAfter);

    private static PlatformFailure ByStatus(HttpStatusCode status, string code, string why, TimeSpan? retryAfter) =>
        status switch
        {
            HttpStatusCode.TooManyRequests => new(FailureKind.RateLimited, code, why, retryAfter ?? DefaultRateLimitWait),
            HttpStatusCode.Unauthorized => new(FailureKind.TokenInvalid, code, why),
            _ when (int)status >= 500 || status == HttpStatusCode.RequestTimeout => new(FailureKind.Transient, code, why),
            _ => new(FailureKind.Refused, code, why),
        };
}
