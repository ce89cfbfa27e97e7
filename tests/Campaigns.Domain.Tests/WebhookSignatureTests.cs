using Campaigns.Domain.Accounts;

namespace Campaigns.Domain.Tests;

public sealed class WebhookSignatureTests
{
    [Fact]
    public void Signatures_verify_only_with_the_same_secret_timestamp_and_body()
    {
        var body = "{\"a\":1}"u8.ToArray();
        var signature = WebhookSignature.Compute("k", 1_700_000_000, body);

        Assert.True(WebhookSignature.Verify("k", "1700000000", body, signature));
        Assert.False(WebhookSignature.Verify("other", "1700000000", body, signature));
        Assert.False(WebhookSignature.Verify("k", "1700000001", body, signature));
        Assert.False(WebhookSignature.Verify("k", "1700000000", "{\"a\":2}"u8.ToArray(), signature));
        Assert.False(WebhookSignature.Verify("k", null, body, signature));
        Assert.True(WebhookSignature.IsFresh("1700000000", DateTimeOffset.FromUnixTimeSeconds(1_700_000_100), TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.IsFresh("1700000000", DateTimeOffset.FromUnixTimeSeconds(1_700_001_000), TimeSpan.FromMinutes(5)));
    }
}
