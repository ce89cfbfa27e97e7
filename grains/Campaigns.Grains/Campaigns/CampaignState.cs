using Campaigns.Grains.Abstractions.Campaigns;

namespace Campaigns.Grains.Campaigns;

/// <summary>The persisted state of a campaign grain.</summary>
[GenerateSerializer]
public sealed class CampaignState
{
    /// <summary>The campaign as last written; null until created.</summary>
    [Id(0)] public CampaignSnapshot? Campaign { get; set; }

    /// <summary>Why the campaign is paused ("brand-freeze" lets an unfreeze resume only what the freeze paused).</summary>
    [Id(1)] public string? PausedBy { get; set; }

    /// <summary>The status a pause interrupted, restored by resume.</summary>
    [Id(2)] public CampaignStatus? PausedFrom { get; set; }

    /// <summary>A launched tie-in's progress through its waves; null for other kinds and before launch.</summary>
    [Id(3)] public TieInProgress? TieIn { get; set; }
}
