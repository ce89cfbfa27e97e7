namespace Campaigns.Storage.Feedback;

/// <summary>One cumulative engagement snapshot as stored (instant in Unix ms, GMV in ten-thousandths).</summary>
public sealed record MetricsRow(long At, long Views, long Likes, long Comments, long Shares, long Clicks, long Orders, long Gmv);
