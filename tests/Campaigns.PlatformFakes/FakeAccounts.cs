using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Campaigns.PlatformFakes;

/// <summary>A token pair a fake issued, with lifetimes in seconds as the platforms answer them.</summary>
public sealed record FakeTokens(string UserId, string AccessToken, long ExpiresIn, string? RefreshToken, long RefreshExpiresIn);

/// <summary>
/// The fake platform's app credentials, users and tokens. Access tokens expire on the fake's clock or when a test
/// expires them; refresh tokens rotate on every refresh by default (the old one stops working at once).
/// </summary>
public sealed class FakeAccounts(TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, FakeUser> _users = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _codes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string User, DateTimeOffset Expires)> _access = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string User, DateTimeOffset Expires)> _refresh = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _issued = new();

    /// <summary>The client key (client id, app id) the fake's app has.</summary>
    public string ClientKey { get; set; } = "fake-client-key";

    /// <summary>The client secret the fake's app has.</summary>
    public string ClientSecret { get; set; } = "fake-client-secret";

    /// <summary>How long access tokens live (default 2 hours).</summary>
    public TimeSpan AccessLifetime { get; set; } = TimeSpan.FromHours(2);

    /// <summary>How long refresh tokens live (default 180 days).</summary>
    public TimeSpan RefreshLifetime { get; set; } = TimeSpan.FromDays(180);

    /// <summary>Whether a refresh answers a new refresh token and retires the old one (default true).</summary>
    public bool RotateRefreshTokens { get; set; } = true;

    /// <summary>The user the fake's authorize page signs in next (it consents at once).</summary>
    public string NextConsentingUser { get; set; } = "user-1";

    /// <summary>When true, the authorize page answers error=access_denied once.</summary>
    public bool DenyNextConsent { get; set; }

    /// <summary>Every code, access token and refresh token this fake ever issued, so a test can look for them where they must not be.</summary>
    public IReadOnlyCollection<string> IssuedSecrets => _issued.ToArray();

    /// <summary>A user, created on first use.</summary>
    public FakeUser User(string userId) => _users.GetOrAdd(userId, id => new FakeUser(id));

    /// <summary>Checks the app's credentials.</summary>
    public bool IsApp(string? clientKey, string? clientSecret) => clientKey == ClientKey && clientSecret == ClientSecret;

    /// <summary>A single-use authorization code for a user.</summary>
    public string IssueCode(string userId)
    {
        User(userId);
        var code = "code-" + Random();
        _codes[code] = userId;
        _issued.Enqueue(code);
        return code;
    }

    /// <summary>Tokens for a code, once; null for an unknown or used code.</summary>
    public FakeTokens? Exchange(string? code) =>
        code is not null && _codes.TryRemove(code, out var user) ? Issue(user, withRefresh: true) : null;

    /// <summary>Tokens for a user straight away, as if the user had connected.</summary>
    public FakeTokens Seed(string userId) => Issue(User(userId).Id, withRefresh: true);

    /// <summary>
    /// New tokens for a refresh token; null when it is unknown, expired, rotated away or refresh is refused.
    /// </summary>
    public FakeTokens? Refresh(string? refreshToken, bool refuse)
    {
        if (refuse || refreshToken is null || !_refresh.TryGetValue(refreshToken, out var held) || held.Expires <= clock.GetUtcNow())
        {
            return null;
        }
        if (!RotateRefreshTokens)
        {
            return Issue(held.User, withRefresh: false) with { RefreshToken = refreshToken, RefreshExpiresIn = Seconds(held.Expires - clock.GetUtcNow()) };
        }
        _refresh.TryRemove(refreshToken, out _);
        return Issue(held.User, withRefresh: true);
    }

    /// <summary>A new refresh token in place of a valid one (Douyin's renewal); null when it is not valid.</summary>
    public FakeTokens? Renew(string? refreshToken)
    {
        if (refreshToken is null || !_refresh.TryRemove(refreshToken, out var held) || held.Expires <= clock.GetUtcNow())
        {
            return null;
        }
        var renewed = "rft-" + Random();
        _refresh[renewed] = (held.User, clock.GetUtcNow() + RefreshLifetime);
        _issued.Enqueue(renewed);
        return new FakeTokens(held.User, "", 0, renewed, Seconds(RefreshLifetime));
    }

    /// <summary>A new access token for a valid one (Instagram's way: no refresh token); null when it is not valid.</summary>
    public FakeTokens? RefreshAccess(string? accessToken) =>
        UserOf(accessToken) is { } user ? Issue(user, withRefresh: false) : null;

    /// <summary>The user of a valid access token, or null.</summary>
    public string? UserOf(string? accessToken) =>
        accessToken is not null && _access.TryGetValue(accessToken, out var held) && held.Expires > clock.GetUtcNow() ? held.User : null;

    /// <summary>Makes an access token invalid now.</summary>
    public void Expire(string? accessToken)
    {
        if (accessToken is not null)
        {
            _access.TryRemove(accessToken, out _);
        }
    }

    private FakeTokens Issue(string user, bool withRefresh)
    {
        var now = clock.GetUtcNow();
        var access = "act-" + Random();
        _access[access] = (user, now + AccessLifetime);
        _issued.Enqueue(access);
        string? refresh = null;
        if (withRefresh)
        {
            refresh = "rft-" + Random();
            _refresh[refresh] = (user, now + RefreshLifetime);
            _issued.Enqueue(refresh);
        }
        return new FakeTokens(user, access, Seconds(AccessLifetime), refresh, withRefresh ? Seconds(RefreshLifetime) : 0);
    }

    private static long Seconds(TimeSpan span) => (long)span.TotalSeconds;

    private static string Random() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
}

/// <summary>A platform user: the follower count its profile shows and what its privacy settings allow.</summary>
public sealed class FakeUser(string id)
{
    public string Id { get; } = id;

    /// <summary>The follower count the fake reports.</summary>
    public long Followers { get; set; } = 1_000;

    /// <summary>The privacy levels the account offers (TikTok's creator_info).</summary>
    public List<string> PrivacyLevels { get; set; } = ["PUBLIC_TO_EVERYONE", "MUTUAL_FOLLOW_FRIENDS", "SELF_ONLY"];
}
