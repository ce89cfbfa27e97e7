using System.Net;
using Campaigns.Connectors.Platforms;
using Campaigns.Connectors.Platforms.TikTok;

namespace Campaigns.Connectors.Tests.Platforms;

public sealed class TikTokRulesTests
{
    private const long MB = 1024 * 1024;

    [Theory]
    // size, preferred chunk → chunk size, count, last chunk's length
    [InlineData(3 * MB, 16 * MB, 3 * MB, 1, 3 * MB)]                   // under 5 MB: whole
    [InlineData(16 * MB, 16 * MB, 16 * MB, 1, 16 * MB)]                // exactly one chunk
    [InlineData(50_000_123, 10_000_000, 10_000_000, 5, 10_000_123)]     // TikTok's own example
    [InlineData(31 * MB, 16 * MB, 16 * MB, 1, 31 * MB)]                // remainder merged into the only chunk
    [InlineData(210 * MB + 7, 16 * MB, 16 * MB, 13, 18 * MB + 7)]
    [InlineData(20_000 * MB, 5 * MB, 20 * MB, 1000, 20 * MB)]          // grows the chunk to stay within 1,000
    public void A_video_is_cut_by_TikToks_chunk_rules(long size, long preferred, long chunk, int count, long last)
    {
        var plan = TikTokChunks.Plan(size, preferred);

        Assert.Equal((chunk, count), (plan.ChunkSize, plan.Count));
        Assert.Equal(last, plan.Length(plan.Count - 1));
        Assert.Equal(size, Enumerable.Range(0, plan.Count).Sum(plan.Length));
        Assert.True(plan.Count == 1 || (plan.ChunkSize >= 5 * MB && plan.ChunkSize <= 64 * MB && plan.Length(plan.Count - 1) <= 128 * MB));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(16 * MB - 1, 0)]
    [InlineData(16 * MB, 1)]
    [InlineData(210 * MB, 12)]        // inside the last (oversized) chunk: resend it whole
    [InlineData(210 * MB + 7, 13)]    // everything arrived
    public void A_resumed_upload_starts_at_the_first_chunk_TikTok_does_not_hold_whole(long uploaded, int first)
    {
        Assert.Equal(first, TikTokChunks.Plan(210 * MB + 7, 16 * MB).FirstMissing(uploaded));
    }

    [Theory]
    [InlineData(HttpStatusCode.OK, "ok", null)]
    [InlineData(HttpStatusCode.Unauthorized, "access_token_invalid", FailureKind.TokenInvalid)]
    [InlineData(HttpStatusCode.Unauthorized, "scope_not_authorized", FailureKind.Refused)]
    [InlineData(HttpStatusCode.TooManyRequests, "rate_limit_exceeded", FailureKind.RateLimited)]
    [InlineData(HttpStatusCode.Forbidden, "spam_risk_too_many_posts", FailureKind.Refused)]
    [InlineData(HttpStatusCode.Forbidden, "unaudited_client_can_only_post_to_private_accounts", FailureKind.Refused)]
    [InlineData(HttpStatusCode.BadRequest, "privacy_level_option_mismatch", FailureKind.Refused)]
    [InlineData(HttpStatusCode.InternalServerError, "internal_error", FailureKind.Transient)]
    [InlineData(HttpStatusCode.BadGateway, null, FailureKind.Transient)]
    [InlineData(HttpStatusCode.TooManyRequests, null, FailureKind.RateLimited)]
    public void TikTok_answers_are_classified_by_their_code_then_status(HttpStatusCode status, string? code, FailureKind? kind)
    {
        Assert.Equal(kind, TikTokErrors.Classify(status, code, null, null)?.Kind);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, "invalid_grant", FailureKind.RefreshRefused)]
    [InlineData(HttpStatusCode.TooManyRequests, null, FailureKind.RateLimited)]
    [InlineData(HttpStatusCode.ServiceUnavailable, null, FailureKind.Transient)]
    [InlineData(HttpStatusCode.Unauthorized, "invalid_client", FailureKind.Refused)]
    public void Token_endpoint_refusals_are_told_from_outages(HttpStatusCode status, string? error, FailureKind kind)
    {
        Assert.Equal(kind, TikTokErrors.ClassifyToken(status, error, null, null).Kind);
    }
}
