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

    /// <summary>
    /// The pushes added by amplify rules that <see cref="CampaignSnapshot.Planned"/> already counts; the planned count
    /// catches up with the completed firings' total (CampaignGrain.Rules.cs). A high id: other parts add members too.
    /// </summary>
    [Id(10)] public int RulePushesCounted { get; set; }
}
