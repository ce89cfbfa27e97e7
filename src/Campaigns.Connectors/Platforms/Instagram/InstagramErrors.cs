using System.Net;

namespace Campaigns.Connectors.Platforms.Instagram;

/// <summary>How Graph API errors (<c>error.code</c>, <c>error.error_subcode</c>) are taken, after Meta's error-handling guide.</summary>
public static class InstagramErrors
{
    /// <summary>Null for success; otherwise what to do about the answer.</summary>
    public static PlatformFailure? Classify(HttpStatusCode status, long? code, long? subcode, string? message, TimeSpan? retryAfter)
    {
        if ((int)status is >= 200 and < 300 && code is null)
        {
            return null;
        }
        var text = code is null ? $"HTTP {(int)status}" : subcode is null ? code.ToString()! : $"{code}/{subcode}";
        var why = message ?? $"Instagram answered {(int)status}";
        return code switch
        {
            190 or 102 => new(FailureKind.TokenInvalid, text, why),
            // Throttling of the app, the user or the account.
            4 or 17 or 32 or 613 or (>= 80001 and <= 80014) => new(FailureKind.RateLimited, text, why, retryAfter ?? TimeSpan.FromMinutes(10)),
            // The content publishing limit (a rolling 24 hours).
            9 => new(FailureKind.RateLimited, text, why, retryAfter ?? TimeSpan.FromHours(1)),
            1 or 2 or 341 => new(FailureKind.Transient, text, why),
            // 10 and 200-299: permission missing; 368: blocked for policy; 100: invalid parameter (media errors too).
            not null => new(FailureKind.Refused, text, why),
            _ => (int)status >= 500 ? new(FailureKind.Transient, text, why)
                : status == HttpStatusCode.TooManyRequests ? new(FailureKind.RateLimited, text, why, retryAfter ?? TimeSpan.FromMinutes(10))
                : new(FailureKind.Refused, text, why),
        };
    }
}
