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
    /// <see cref="Sandbox"/> for the sandbox feed). Refused snapshots are not counted.
    /// </summary>
    public const string SnapshotsInstrument = "campaigns.feedback.snapshots";

    public const string Request = "request";
    public const string Sandbox = "sandbox";

    private static readonly KeyValuePair<string, object?> RequestTag = new("source", Request);
    private static readonly KeyValuePair<string, object?> SandboxTag = new("source", Sandbox);

    private readonly Counter<long> _snapshots;

    public FeedbackMetrics(IMeterFactory meters)
    {
        _snapshots = meters.Create(MeterName).CreateCounter<long>(
            SnapshotsInstrument, "{snapshot}", "Engagement snapshots recorded, by source (request: the API or a platform callback; sandbox: the sandbox feed)");
    }

    public void RecordedFromRequest() => _snapshots.Add(1, RequestTag);

    public void RecordedFromSandbox(int snapshots) => _snapshots.Add(snapshots, SandboxTag);
}
