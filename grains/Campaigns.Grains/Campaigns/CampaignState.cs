
using Campaigns.Grains.Abstractions.Campaigns;
using Campaigns.Grains.Abstractions.Waves;
using Campaigns.Grains.Waves;
namespace Campaigns.Grains.Campaigns;

/// <summary>
/// The persisted state of a campaign grain (its lifecycle). Stored as JSON with its type name: the class keeps its
/// name, namespace and members, so state written by earlier versions still loads.
/// </summary>
[GenerateSerializer]
public sealed class CampaignState
{
    /// <summary>The campaign as last written; null until created.</summary>
    [Id(0)] public CampaignSnapshot? Campaign { get; set; }

    /// <summary>Why the campaign is paused ("brand-freeze" lets an unfreeze resume only what the freeze paused).</summary>
    [Id(1)] public string? PausedBy { get; set; }

    /// <summary>The status a pause interrupted, restored by resume.</summary>
    [Id(2)] public CampaignStatus? PausedFrom { get; set; }

    /// <summary>
    /// Written by versions in which the campaign grain ran the tie-in's waves itself. Now only read: on activation it
    /// is handed to the waves grain (<see cref="ICampaignWavesGrain.Adopt"/>) and cleared.
    /// </summary>
    [Id(3)] public TieInProgress? TieIn { get; set; }

    /// <summary>
    /// True from a status change until the pushes table matches it (held while paused, released while scheduled or
    /// running, cancelled once cancelled). Written with the status; cleared in memory once applied and on disk with
    /// the next write, so an activation that finds it re-applies (each apply is a conditional update).
    /// </summary>
    [Id(4)] public bool PushesPending { get; set; }

    /// <summary>Timeline events written with the state and not yet known to be in the timeline table (the outbox).</summary>
    [Id(5)] public List<TimelineEvent> Unsent { get; set; } = [];

    /// <summary>True from a write until the read-model row is known to carry it.</summary>
    [Id(6)] public bool Unprojected { get; set; }

    /// <summary>The launch's last planned instant: the completion trigger starts after it.</summary>
    [Id(7)] public DateTimeOffset? LastPushAt { get; set; }

    /// <summary>
    /// The pushes added by amplify rules that <see cref="CampaignSnapshot.Planned"/> already counts; the planned count
    /// catches up with the rules' total at each completion check.
    /// </summary>
    [Id(10)] public int RulePushesCounted { get; set; }

    /// <summary>A copy to restore should a write fail, so the activation never acts on a change that is not durable.</summary>
    public CampaignState Copy() => new()
    {
        Campaign = Campaign,
        PausedBy = PausedBy,
        PausedFrom = PausedFrom,
        TieIn = TieIn,
        PushesPending = PushesPending,
        Unsent = [.. Unsent],
        Unprojected = Unprojected,
        LastPushAt = LastPushAt,
        RulePushesCounted = RulePushesCounted,
    };
}
