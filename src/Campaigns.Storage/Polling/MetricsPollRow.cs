using Campaigns.Storage.Pushes;

namespace Campaigns.Storage.Polling;

/// <summary>A published push whose platform metrics are due, with its latest snapshot.</summary>
public sealed class MetricsPollRow
{
    /// <summary>The push, with its latest snapshot (what a polled snapshot is checked against).</summary>
    public PushRow Push { get; set; } = new();

    /// <summary>When the poll was due (Unix ms); the round's cursor.</summary>
    public long PollAt { get; set; }
}
