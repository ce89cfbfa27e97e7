using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;

namespace Campaigns.PlatformFakes.TikTok;

/// <summary>
/// TikTok's documented per-token limit on <c>video/init</c>: at most <see cref="InitLimit"/> requests per
/// <see cref="InitWindow"/> (a sliding window) per access token; one more is answered 429 rate_limit_exceeded with a
/// Retry-After and counted as <c>init-rate-limited</c>.
/// </summary>
public sealed partial class TikTokFake
{
    private readonly ConcurrentDictionary<string, List<DateTimeOffset>> _inits = new(StringComparer.Ordinal);

    /// <summary>Inits one access token may make per <see cref="InitWindow"/> (6, as documented).</summary>
    public int InitLimit { get; set; } = 6;

    /// <summary>The window <see cref="InitLimit"/> counts over (a minute, as documented; tests shorten it).</summary>
    public TimeSpan InitWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>When each init of a user was accepted past the limit check, oldest first.</summary>
    public IReadOnlyList<DateTimeOffset> InitsBy(string userId) =>
        _inits.TryGetValue("user:" + userId, out var times) ? Snapshot(times) : [];

    /// <summary>A 429 when this token is over its init limit; otherwise records the init and returns null.</summary>
    private IResult? OverInitLimit(HttpContext context, string user)
    {
        var now = Clock.GetUtcNow();
        var token = _inits.GetOrAdd("token:" + Bearer(context), _ => []);
        lock (token)
        {
            token.RemoveAll(at => at + InitWindow <= now);
            if (token.Count >= InitLimit)
            {
                Counters.Add("init-rate-limited");
                var wait = (int)Math.Ceiling((token[0] + InitWindow - now).TotalSeconds);
                return new RetryAfterResult(Error(429, "rate_limit_exceeded", "Too many inits for this access token."), Math.Max(1, wait));
            }
            token.Add(now);
        }
        var byUser = _inits.GetOrAdd("user:" + user, _ => []);
        lock (byUser)
        {
            byUser.Add(now);
        }
        return null;
    }

    private static List<DateTimeOffset> Snapshot(List<DateTimeOffset> times)
    {
        lock (times)
        {
            return [.. times];
        }
    }
}
