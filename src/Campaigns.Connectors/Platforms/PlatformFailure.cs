namespace Campaigns.Connectors.Platforms;

/// <summary>How a platform's answer is to be taken when it is not a success.</summary>
public enum FailureKind
{
    /// <summary>The access token is invalid or expired: refresh it and repeat the call.</summary>
    TokenInvalid,

    /// <summary>The refresh was refused (revoked, expired, invalid grant): the account must be connected again.</summary>
    RefreshRefused,

    /// <summary>Too many calls: wait <see cref="PlatformFailure.RetryAfter"/>, then repeat.</summary>
    RateLimited,

    /// <summary>The platform refused for good (spam risk, unaudited app, missing scope, privacy option, bad media).</summary>
    Refused,

    /// <summary>Nothing usable came back (network, 5xx, timeout); repeating later may succeed.</summary>
    Transient,
}

/// <summary>A classified failure with the platform's own code, for lastError and logs.</summary>
/// <param name="Kind">What to do about it.</param>
/// <param name="Code">The platform's code (e.g. <c>spam_risk_too_many_posts</c>, <c>190</c>, <c>HTTP 503</c>).</param>
/// <param name="Message">Why, for people; never a token.</param>
/// <param name="RetryAfter">How long to wait, when the platform said (Retry-After) or the kind implies it.</param>
public sealed record PlatformFailure(FailureKind Kind, string Code, string Message, TimeSpan? RetryAfter = null)
{
    /// <summary>Code and message in one line.</summary>
    public override string ToString() => $"{Kind} {Code}: {Message}";
}
