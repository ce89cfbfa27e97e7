using System.Diagnostics;
using System.Diagnostics.Metrics;
using Campaigns.Domain.Common;
using Campaigns.Domain.Pushes;
using Campaigns.Scheduling.Pushes;

namespace Campaigns.Scheduling.Telemetry;

/// <summary>
/// The push path as an operator alerts on it (docs/operations.md, "Metrics and alerts"): what firings ended in, how
/// late they started, how long publishing took, how much each claim took, and what recovery took back. Tags are a
/// push's platform and outcome words only, never an id, so every series stays small.
/// </summary>
public sealed class PushMetrics
{
    public const string MeterName = "Campaigns.Pushes";

    /// <summary>Outcomes recorded by firings that settle a push (tags <c>outcome</c>: a final status word; <c>platform</c>).</summary>
    public const string SettledInstrument = "campaigns.pushes.settled";

    /// <summary>Firings that put their push back for another one (tags <c>platform</c>; <c>reason</c>: <c>failure</c> or <c>postponed</c>).</summary>
    public const string RetriedInstrument = "campaigns.pushes.retried";

    /// <summary>Outcomes the state machine refused because the firing no longer held the push (tag <c>outcome</c>).</summary>
    public const string RefusedInstrument = "campaigns.pushes.refused";

    /// <summary>Seconds from the instant a push was due to the moment its publish started (tag <c>platform</c>).</summary>
    public const string FiringLagInstrument = "campaigns.pushes.firing_lag";

    /// <summary>Seconds one publish through the account took (tags <c>platform</c>; <c>result</c>: what the account answered).</summary>
    public const string PublishDurationInstrument = "campaigns.pushes.publish.duration";

    /// <summary>Pushes taken by one claim that took any.</summary>
    public const string ClaimSizeInstrument = "campaigns.pushes.claim.size";

    /// <summary>Claims taken back from dead silos or run-out leases.</summary>
    public const string RecoveredInstrument = "campaigns.pushes.leases.recovered";

    /// <summary>Pushes this silo is firing now (claimed, under a lease it renews).</summary>
    public const string InFlightInstrument = "campaigns.pushes.in_flight";

    private static readonly double[] SecondsBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];
    private static readonly int[] CountBuckets = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000];

    private readonly Counter<long> _settled;
    private readonly Counter<long> _retried;
    private readonly Counter<long> _refused;
    private readonly Histogram<double> _firingLag;
    private readonly Histogram<double> _publishDuration;
    private readonly Histogram<int> _claimSize;
    private readonly Counter<long> _recovered;

    public PushMetrics(IMeterFactory meters, PushLeases leases)
    {
        var meter = meters.Create(MeterName);
        _settled = meter.CreateCounter<long>(SettledInstrument, "{push}", "Pushes a firing settled, by final status and platform");
        _retried = meter.CreateCounter<long>(RetriedInstrument, "{push}", "Firings that put their push back for a later one, by platform and reason");
        _refused = meter.CreateCounter<long>(RefusedInstrument, "{push}", "Firing outcomes refused because the push was no longer the firing's (recovered meanwhile, or published already)");
        _firingLag = meter.CreateHistogram<double>(FiringLagInstrument, "s", "Seconds from a push's due instant to the start of its publish", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });
        _publishDuration = meter.CreateHistogram<double>(PublishDurationInstrument, "s", "Seconds one publish through the push's account took, by platform and result", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });
        _claimSize = meter.CreateHistogram<int>(ClaimSizeInstrument, "{push}", "Pushes taken by one claim", advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = CountBuckets });
        _recovered = meter.CreateCounter<long>(RecoveredInstrument, "{push}", "Claims taken back from dead silos or run-out leases");
        meter.CreateObservableUpDownCounter(InFlightInstrument, () => leases.Firing, "{push}", "Pushes this silo is firing now");
    }

    /// <summary>
    /// The word for what a firing's outcome does to its push: the status it settles in (<c>published</c>,
    /// <c>failed</c>, <c>skipped</c>, <c>cancelled</c>, <c>unconfirmed</c>), <c>retried</c>, or <c>held</c> (waiting for its
    /// account's credential).
    /// </summary>
    public static string Outcome(PushTransition transition) =>
        transition switch
        {
            PushTransition.Retry => "retried",
            PushTransition.AwaitCredential => "held",
            _ => WireName<PushStatus>.Of(PushTransitions.Of(transition).To),
        };

    /// <summary>Counts an outcome a firing asked to record, by whether the state machine applied it.</summary>
    public void Recorded(PushTransition transition, string platform, bool applied, bool postponed = false)
    {
        if (!applied)
        {
            _refused.Add(1, new KeyValuePair<string, object?>("outcome", Outcome(transition)));
        }
        else if (transition == PushTransition.Retry)
        {
            _retried.Add(1, new TagList { { "platform", platform }, { "reason", postponed ? "postponed" : "failure" } });
        }
        else
        {
            _settled.Add(1, new TagList { { "outcome", Outcome(transition) }, { "platform", platform } });
        }
    }

    /// <summary>Records how late a publish started, never less than zero.</summary>
    public void PublishStarting(DateTimeOffset dueAt, DateTimeOffset now, string platform) =>
        _firingLag.Record(Math.Max(0, (now - dueAt).TotalSeconds), new KeyValuePair<string, object?>("platform", platform));

    public void Published(TimeSpan took, string platform, string result) =>
        _publishDuration.Record(took.TotalSeconds, new TagList { { "platform", platform }, { "result", result } });

    public void Claimed(int pushes) => _claimSize.Record(pushes);

    public void Recovered(int pushes) => _recovered.Add(pushes);
}
