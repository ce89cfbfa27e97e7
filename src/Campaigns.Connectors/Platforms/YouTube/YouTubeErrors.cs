using System.Net;

namespace Campaigns.Connectors.Platforms.YouTube;

/// <summary>
/// How YouTube Data API answers are taken: <c>error.errors[0].reason</c> first (quotaExceeded, uploadLimitExceeded,
/// rateLimitExceeded, ...), then the HTTP status.
/// </summary>
public static class YouTubeErrors
{
    private static readonly TimeZoneInfo Pacific = FindPacific();

    /// <summary>Null for success; otherwise what to do about the answer.</summary>
    public static PlatformFailure? Classify(HttpStatusCode status, string? reason, string? message, TimeSpan? retryAfter, DateTimeOffset now)
    {
        if ((int)status is >= 200 and < 300 or 308)
        {
            return null;
        }
        var code = reason ?? $"HTTP {(int)status}";
        var why = message ?? $"YouTube answered {(int)status}";
        return reason switch
        {
            // The project's daily quota: it resets at midnight Pacific time.
            "quotaExceeded" or "dailyLimitExceeded" => new(FailureKind.RateLimited, code, why, UntilPacificMidnight(now)),
            // The channel's own upload limit; YouTube says to try again in 24 hours.
            "uploadLimitExceeded" => new(FailureKind.RateLimited, code, why, TimeSpan.FromHours(24)),
            "rateLimitExceeded" or "userRateLimitExceeded" => new(FailureKind.RateLimited, code, why, retryAfter ?? TimeSpan.FromMinutes(1)),
            "authError" or "invalidCredentials" => new(FailureKind.TokenInvalid, code, why),
            "backendError" or "internalError" => new(FailureKind.Transient, code, why),
            _ => status switch
            {
                HttpStatusCode.Unauthorized => new(FailureKind.TokenInvalid, code, why),
                HttpStatusCode.TooManyRequests => new(FailureKind.RateLimited, code, why, retryAfter ?? TimeSpan.FromMinutes(1)),
                _ when (int)status >= 500 || status == HttpStatusCode.RequestTimeout => new(FailureKind.Transient, code, why),
                // forbidden, insufficientPermissions, invalidTitle, invalidVideoMetadata, ...
                _ => new(FailureKind.Refused, code, why),
            },
        };
    }

    /// <summary>How long until the next midnight in Pacific time, when YouTube's daily quota resets.</summary>
    public static TimeSpan UntilPacificMidnight(DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, Pacific);
        var midnight = new DateTimeOffset(local.Date.AddDays(1), Pacific.GetUtcOffset(local.Date.AddDays(1)));
        return midnight - now;
    }

    private static TimeZoneInfo FindPacific()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.CreateCustomTimeZone("Pacific", TimeSpan.FromHours(-8), "Pacific", "Pacific");
        }
    }
}
