namespace Campaigns.Storage.Campaigns;

/// <summary>One entry of a campaign's timeline: when, what kind of event, and why (human-readable detail).</summary>
public sealed class CampaignEventRow
{
    public string Id { get; set; } = "";
    public long At { get; set; }
    public string Type { get; set; } = "";
    public string Detail { get; set; } = "";
}
