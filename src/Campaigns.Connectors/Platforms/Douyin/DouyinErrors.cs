using System.Net;

namespace Campaigns.Connectors.Platforms.Douyin;

/// <summary>
/// How Douyin's answers are taken: <c>data.error_code</c> (or <c>extra.error_code</c>), 0 on success; HTTP status
/// only when there is no code.
/// </summary>
public static class DouyinErrors
{
    /// <summary>Null for success; otherwise what to do about the answer.</summary>
    public static PlatformFailure? Classify(HttpStatusCode status, long? code, string? description, TimeSpan? retryAfter)
    {
        if (code is 0 or null && (int)status is >= 200 and < 300)
        {
            return null;
        }
        var text = code is { } c and not 0 ? c.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"HTTP {(int)status}";
        var why = description ?? $"Douyin answered {(int)status}";
        return code switch
        {
            // access_token expired or invalid (OAuth and the data APIs use different numbers).
            10008 or 2190008 or 2190002 or 28001003 or 28001008 => new(FailureKind.TokenInvalid, text, why),
            // refresh_token expired, or renewed too often: the user must authorize again.
            10010 or 10020 => new(FailureKind.RefreshRefused, text, why),
            28001005 => new(FailureKind.Transient, text, why),
            not (null or 0) => new(FailureKind.Refused, text, why),
            _ => status switch
            {
                HttpStatusCode.TooManyRequests => new(FailureKind.RateLimited, text, why, retryAfter ?? TimeSpan.FromMinutes(1)),
                HttpStatusCode.Unauthorized => new(FailureKind.TokenInvalid, text, why),
                _ when (int)status >= 500 || status == HttpStatusCode.RequestTimeout => new(FailureKind.Transient, text, why),
                _ => new(FailureKind.Refused, text, why),
            },
        };
    }

    /// <summary>The failure an answered call carries, if any.</summary>
    internal static PlatformFailure? Of(PlatformCall call) =>
        !call.Answered ? call.NoAnswer()
        : Classify(call.Status!.Value, call.Json.Long("data", "error_code") ?? call.Json.Long("extra", "error_code"),
            call.Json.Str("data", "description") ?? call.Json.Str("extra", "description") ?? call.Json.Str("message"), call.RetryAfter);
}
