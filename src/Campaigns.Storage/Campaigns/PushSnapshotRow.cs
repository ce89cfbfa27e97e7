namespace Campaigns.Storage.Campaigns;

/// <summary>One stored engagement snapshot and the push it belongs to.</summary>
public sealed class PushSnapshotRow
{
    public string PushId { get; set; } = "";
    public long At { get; set; }
    public long Views { get; set; }
    public long Likes { get; set; }
    public long Comments { get; set; }
    public long Shares { get; set; }
    public long Clicks { get; set; }
    public long Orders { get; set; }

    /// <summary>Gross merchandise value in ten-thousandths of the currency unit.</summary>
    public long Gmv { get; set; }

    public MetricsRow ToMetrics() => new(At, Views, Likes, Comments, Shares, Clicks, Orders, Gmv);
}
