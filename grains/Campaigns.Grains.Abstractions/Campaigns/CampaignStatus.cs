namespace Campaigns.Grains.Abstractions.Campaigns;

/// <summary>A campaign's lifecycle: draft → scheduled → running ⇄ paused → completed | cancelled.</summary>
[GenerateSerializer]
public enum CampaignStatus
{
    Draft,
    Scheduled,
    Running,
    Paused,
    Completed,
    Cancelled,
}
