using System.Net;

namespace Campaigns.Connectors.Platforms.Kuaishou;

/// <summary>How Kuaishou's answers are taken: <c>result</c> is 1 on success, otherwise a code from its error table.</summary>
public static class KuaishouErrors
{
    /// <summary>Null for success; otherwise what to do about the answer.</summary>
    public static PlatformFailure? Classify(HttpStatusCode status, long? result, string? message, TimeSpan? retryAfter)
    {
        if (result == 1 && (int)status is >= 200 and < 300)
        {
            return null;
        }
        var code = result is { } r ? r.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"HTTP {(int)status}";
        var why = message ?? $"Kuaishou answered {(int)status}";
        return result switch
        {
            // access_token expired (108) or refused as invalid (102): refresh.
            100200108 or 100200102 => new(FailureKind.TokenInvalid, code, why),
            // Authorization cancelled (109), expired (110), never given (111); refresh_token expired (113).
            100200109 or 100200110 or 100200111 or 100200113 => new(FailureKind.RefreshRefused, code, why),
            100200500 => new(FailureKind.Transient, code, why),
            400002 => new(FailureKind.RateLimited, code, why, retryAfter ?? TimeSpan.FromMinutes(1)),
            not null => new(FailureKind.Refused, code, why),
            _ => status switch
            {
                HttpStatusCode.TooManyRequests => new(FailureKind.RateLimited, code, why, retryAfter ?? TimeSpan.FromMinutes(1)),
                _ when (int)status >= 500 || status == HttpStatusCode.RequestTimeout => new(FailureKind.Transient, code, why),
                _ => new(FailureKind.Refused, code, why),
            },
        };
    }

    /// <summary>The failure an answered call carries, if any.</summary>
    internal static PlatformFailure? Of(PlatformCall call) =>
        !call.Answered ? call.NoAnswer() : Classify(call.Status!.Value, call.Json.Long("result"), call.Json.Str("error_msg"), call.RetryAfter);
}
