using System.Net;
using Campaigns.Connectors.Platforms;
using Campaigns.Connectors.Platforms.Douyin;
using Campaigns.Connectors.Platforms.Instagram;
using Campaigns.Connectors.Platforms.Kuaishou;
using Campaigns.Connectors.Platforms.YouTube;

namespace Campaigns.Connectors.Tests.Platforms;

/// <summary>Each platform's documented codes land in the outcome the account grain acts on.</summary>
public sealed class ErrorClassificationTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(HttpStatusCode.OK, null, null)]
    [InlineData(HttpStatusCode.Unauthorized, "authError", FailureKind.TokenInvalid)]
    [InlineData(HttpStatusCode.Forbidden, "quotaExceeded", FailureKind.RateLimited)]
    [InlineData(HttpStatusCode.BadRequest, "uploadLimitExceeded", FailureKind.RateLimited)]
    [InlineData(HttpStatusCode.Forbidden, "userRateLimitExceeded", FailureKind.RateLimited)]
    [InlineData(HttpStatusCode.Forbidden, "forbidden", FailureKind.Refused)]
    [InlineData(HttpStatusCode.BadRequest, "invalidTitle", FailureKind.Refused)]
    [InlineData(HttpStatusCode.ServiceUnavailable, "backendError", FailureKind.Transient)]
    [InlineData(HttpStatusCode.InternalServerError, null, FailureKind.Transient)]
    public void YouTube(HttpStatusCode status, string? reason, FailureKind? kind) =>
        Assert.Equal(kind, YouTubeErrors.Classify(status, reason, null, null, Noon)?.Kind);

    [Fact]
    public void YouTubes_daily_quota_waits_until_midnight_Pacific()
    {
        // 12:00 UTC on 20 November is 04:00 PST: twenty hours to midnight.
        Assert.Equal(TimeSpan.FromHours(20), YouTubeErrors.Classify(HttpStatusCode.Forbidden, "quotaExceeded", null, null, Noon)!.RetryAfter);
    }

    [Theory]
    [InlineData(HttpStatusCode.OK, null, null)]
    [InlineData(HttpStatusCode.BadRequest, 190L, FailureKind.TokenInvalid)]
    [InlineData(HttpStatusCode.BadRequest, 4L, FailureKind.RateLimited)]
    [InlineData(HttpStatusCode.BadRequest, 17L, FailureKind.RateLimited)]
    [InlineData(HttpStatusCode.BadRequest, 613L, FailureKind.RateLimited)]
    [InlineData(HttpStatusCode.BadRequest, 9L, FailureKind.RateLimited)]
    [InlineData(HttpStatusCode.BadRequest, 10L, FailureKind.Refused)]
    [InlineData(HttpStatusCode.BadRequest, 368L, FailureKind.Refused)]
    [InlineData(HttpStatusCode.BadRequest, 100L, FailureKind.Refused)]
    [InlineData(HttpStatusCode.InternalServerError, 2L, FailureKind.Transient)]
    [InlineData(HttpStatusCode.BadGateway, null, FailureKind.Transient)]
    public void Instagram(HttpStatusCode status, long? code, FailureKind? kind) =>
        Assert.Equal(kind, InstagramErrors.Classify(status, code, null, null, null)?.Kind);

    [Theory]
    [InlineData(HttpStatusCode.OK, 0L, null)]
    [InlineData(HttpStatusCode.OK, 2190008L, FailureKind.TokenInvalid)]
    [InlineData(HttpStatusCode.OK, 10008L, FailureKind.TokenInvalid)]
    [InlineData(HttpStatusCode.OK, 28001008L, FailureKind.TokenInvalid)]
    [InlineData(HttpStatusCode.OK, 10010L, FailureKind.RefreshRefused)]
    [InlineData(HttpStatusCode.OK, 10020L, FailureKind.RefreshRefused)]
    [InlineData(HttpStatusCode.OK, 2100005L, FailureKind.Refused)]
    [InlineData(HttpStatusCode.TooManyRequests, null, FailureKind.RateLimited)]
    [InlineData(HttpStatusCode.BadGateway, null, FailureKind.Transient)]
    public void Douyin(HttpStatusCode status, long? code, FailureKind? kind) =>
        Assert.Equal(kind, DouyinErrors.Classify(status, code, null, null)?.Kind);

    [Theory]
    [InlineData(HttpStatusCode.OK, 1L, null)]
    [InlineData(HttpStatusCode.OK, 100200108L, FailureKind.TokenInvalid)]
    [InlineData(HttpStatusCode.OK, 100200102L, FailureKind.TokenInvalid)]
    [InlineData(HttpStatusCode.OK, 100200109L, FailureKind.RefreshRefused)]
    [InlineData(HttpStatusCode.OK, 100200113L, FailureKind.RefreshRefused)]
    [InlineData(HttpStatusCode.OK, 400002L, FailureKind.RateLimited)]
    [InlineData(HttpStatusCode.OK, 120003L, FailureKind.Refused)]
    [InlineData(HttpStatusCode.OK, 100200500L, FailureKind.Transient)]
    [InlineData(HttpStatusCode.ServiceUnavailable, null, FailureKind.Transient)]
    public void Kuaishou(HttpStatusCode status, long? result, FailureKind? kind) =>
        Assert.Equal(kind, KuaishouErrors.Classify(status, result, null, null)?.Kind);

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, "invalid_grant", FailureKind.RefreshRefused)]
    [InlineData(HttpStatusCode.Unauthorized, "invalid_client", FailureKind.Refused)]
    [InlineData(HttpStatusCode.TooManyRequests, null, FailureKind.RateLimited)]
    [InlineData(HttpStatusCode.ServiceUnavailable, "temporarily_unavailable", FailureKind.Transient)]
    public void Token_endpoints(HttpStatusCode status, string? error, FailureKind kind) =>
        Assert.Equal(kind, OAuthErrors.Classify(status, error, null, null).Kind);
}
