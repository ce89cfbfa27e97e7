namespace Campaigns.Connectors.Platforms;

/// <summary>Cumulative engagement of one published post as the platform reports it; counts it does not report are 0.</summary>
public sealed record PostMetrics(string PostId, long Views, long Likes, long Comments, long Shares, DateTimeOffset At);
