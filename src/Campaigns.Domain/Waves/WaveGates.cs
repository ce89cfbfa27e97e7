using System.Globalization;

namespace Campaigns.Domain.Waves;

/// <summary>
/// The gate arithmetic of a celebrity tie-in. A gate that holds opens even at or after its deadline; a views
/// threshold needs that many views, an engagement-rate threshold needs some views (a wave nobody saw has no rate).
/// </summary>
public static class WaveGates
{
    /// <summary>True when every threshold the rule gives holds for the reading.</summary>
    public static bool Holds(WaveGateRule rule, GateReading reading) =>
        (rule.MinViews is not { } views || reading.Views >= views)
        && (rule.MinEngagementRate is not { } rate || (reading.Views > 0 && reading.EngagementRate >= rate));

    /// <summary>When a gate waiting since <paramref name="since"/> times out.</summary>
    public static DateTimeOffset Deadline(WaveGateRule rule, DateTimeOffset since) => since + rule.MaxWait;

    /// <summary>The verdict at <paramref name="now"/> for a gate waiting since <paramref name="since"/>.</summary>
    public static GateVerdict Decide(WaveGateRule rule, GateReading reading, DateTimeOffset since, DateTimeOffset now) =>
        Holds(rule, reading) ? GateVerdict.Open
        : now < Deadline(rule, since) ? GateVerdict.Wait
        : rule.StopOnTimeout ? GateVerdict.TimedOutStop : GateVerdict.TimedOutRelease;

    /// <summary>
    /// The numbers that decided, for the timeline: <c>wave=1 source=0 published=1 views=150000 minViews=100000
    /// engagementRate=0.0600 minEngagementRate=0.05 waitedSeconds=12.3 maxWaitMinutes=120</c>.
    /// </summary>
    public static string Numbers(int wave, int source, WaveGateRule rule, GateReading reading, TimeSpan waited)
    {
        var c = CultureInfo.InvariantCulture;
        var parts = new List<string>
        {
            $"wave={wave}", $"source={source}", $"published={reading.Published}",
            string.Create(c, $"views={reading.Views}"),
        };
        if (rule.MinViews is { } views)
        {
            parts.Add(string.Create(c, $"minViews={views}"));
        }
        parts.Add(string.Create(c, $"engagementRate={reading.EngagementRate:0.0000}"));
        if (rule.MinEngagementRate is { } rate)
        {
            parts.Add(string.Create(c, $"minEngagementRate={rate}"));
        }
        parts.Add(string.Create(c, $"waitedSeconds={Math.Max(0, waited.TotalSeconds):0.0}"));
        parts.Add(string.Create(c, $"maxWaitMinutes={rule.MaxWait.TotalMinutes}"));
        return string.Join(' ', parts);
    }
}
