using System.Diagnostics.Metrics;

namespace Campaigns.Grains.Feedback;

/// <summary>
/// Engagement snapshots recorded, by where they came from: a drop in the rate means platforms stopped calling back
/// or the feed stopped running, and campaign gates and rules stop reacting with it.
/// </summary>
public sealed class FeedbackMetrics
{
    public const string MeterName = "Campaigns.Feedback";

    /// <summary>
    /// Snapshots durably recorded (tag <c>source</c>: <see cref="Request"/> for the API and platform callbacks,
    /// <see cref="Sandbox"/> for the sandbox feed, <see cref="PlatformPoll"/> for the platform poller). Refused snapshots
    /// are not counted.
    /// </summary>
    public const string SnapshotsInstrument = "campaigns.feedback.snapshots";

    /// <summary>
    /// Accounts the platform poller asked (tags <c>kind</c>: <c>metrics</c> or <c>followers</c>; <c>outcome</c>:
    /// <c>polled</c>, <c>no-credential</c>, <c>rate-limited</c>, <c>failed</c>). A rise in no-credential means accounts
    /// need to be connected again; in rate-limited, that the poll interval is too short for the platform's quota.
    /// </summary>
    public const string PollsInstrument = "campaigns.feedback.polls";

    public const string Request = "request";
    public const string Sandbox = "sandbox";
    public const string PlatformPoll = "platform-poll";

    private static readonly KeyValuePair<string, object?> RequestTag = new("source", Request);
    private static readonly KeyValuePair<string, object?> SandboxTag = new("source", Sandbox);
    private static readonly KeyValuePair<string, object?> PlatformPollTag = new("source", PlatformPoll);

    private readonly Counter<long> _snapshots;
    private readonly Counter<long> _polls;

    public FeedbackMetrics(IMeterFactory meters)
    {
        _snapshots = meters.Create(MeterName).CreateCounter<long>(
            SnapshotsInstrument, "{snapshot}", "Engagement snapshots recorded, by source (request: the API or a platform callback; sandbox: the sandbox feed; platform-poll: the platform poller)");
        _polls = meters.Create(MeterName).CreateCounter<long>(
            PollsInstrument, "{account}", "Accounts the platform poller asked for metrics or followers, by kind and outcome");
    }

    public void RecordedFromRequest() => _snapshots.Add(1, RequestTag);

    public void RecordedFromSandbox(int snapshots) => _snapshots.Add(snapshots, SandboxTag);

    public void RecordedFromPoll(int snapshots) => _snapshots.Add(snapshots, PlatformPollTag);

    /// <summary>Counts one account's poll of <paramref name="kind"/> (<c>metrics</c>, <c>followers</c>) ending in <paramref name="outcome"/>.</summary>
    public void Polled(string kind, string outcome) => _polls.Add(1, new("kind", kind), new("outcome", outcome));
}
