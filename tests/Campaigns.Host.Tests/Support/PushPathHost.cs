namespace Campaigns.Host.Tests.Support;

/// <summary>
/// A host on a fresh SQLite file tuned to show the push path's guarantees within seconds: a 4 s lease renewed every
/// second, a sweep every second, retries a second apart, three attempts, an 8 s grain-call response timeout, and webhook
/// calls that neither time out early nor retry on their own (each attempt is one call the fake platform sees).
/// </summary>
public sealed class PushPathHost : SqliteHostFixture
{
    public const int LeaseSeconds = 4, MaxAttempts = 3, ResponseTimeoutSeconds = 8;

    protected override IReadOnlyDictionary<string, string> Overrides { get; } = new Dictionary<string, string>
    {
        ["Campaigns:Scheduling:LeaseSeconds"] = LeaseSeconds.ToString(),
        ["Campaigns:Scheduling:LeaseRenewSeconds"] = "1",
        ["Campaigns:Scheduling:SweepSeconds"] = "1",
        ["Campaigns:Scheduling:RetryBaseSeconds"] = "1",
        ["Campaigns:Scheduling:MaxAttempts"] = MaxAttempts.ToString(),
        ["Campaigns:Cluster:ResponseTimeoutSeconds"] = ResponseTimeoutSeconds.ToString(),
        ["Campaigns:Webhook:MaxRetries"] = "0",
        ["Campaigns:Webhook:AttemptTimeout"] = "00:01:00",
        ["Campaigns:Webhook:TotalTimeout"] = "00:01:00",
        // The fake platform listens on loopback.
        ["Campaigns:Outbound:AllowPrivateAddresses"] = "true",
    };
}
