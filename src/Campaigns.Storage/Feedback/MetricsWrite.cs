namespace Campaigns.Storage.Feedback;

/// <summary>One snapshot to record for one push.</summary>
public sealed record MetricsWrite(string AgencyId, string PushId, MetricsRow Metrics);
