
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Grains.Abstractions.Pushes;
using Campaigns.Grains.Abstractions.Rules;
using Campaigns.Grains.Abstractions.Waves;
namespace Campaigns.Grains.Abstractions.Campaigns;

/// <summary>
/// One campaign's lifecycle, keyed <c>{agencyId}/{campaignId}</c>: its definition, status, planned count and timeline.
/// Its tie-in waves (<see cref="ICampaignWavesGrain"/>) and automation rules (<see cref="ICampaignRulesGrain"/>) are
/// grains of their own under the same key; they read the campaign through <see cref="Peek"/>.
/// </summary>
public interface ICampaignGrain : IPushOwnerGrain
{
    /// <summary>Creates the campaign as a draft.</summary>
    Task<Outcome<CampaignSnapshot>> Create(CampaignDefinition definition);

    /// <summary>The campaign, or null when it does not exist; answered between commands, so it sees each one whole.</summary>
    Task<CampaignSnapshot?> Get();

    /// <summary>
    /// The campaign as it stands, even in the middle of a command: for its waves and rules grains, which ask while the
    /// campaign may be waiting for them (a launch preparing its waves, a completion check asking the rules).
    /// </summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task<CampaignSnapshot?> Peek();

    /// <summary>
    /// Stores the planned pushes durably, schedules their triggers and moves draft → scheduled (or → paused when its
    /// brand is frozen). The pushes are stored before the new status; until it is saved they are held, never fired.
    /// </summary>
    Task<Outcome<CampaignSnapshot>> Launch(List<LaunchPush> pushes, List<string> warnings);

    /// <summary>Holds every push not yet fired; answers once the pushes already firing have landed.</summary>
    Task<Outcome<CampaignSnapshot>> Pause(string reason);

    /// <summary>Releases held pushes; those already due fire at once (or are skipped when stale).</summary>
    Task<Outcome<CampaignSnapshot>> Resume(string reason);

    /// <summary>Cancels every push not yet fired; answers once the pushes already firing have landed, so none publishes afterwards.</summary>
    Task<Outcome<CampaignSnapshot>> Cancel(string reason);

    /// <summary>
    /// Completes a running campaign whose every push has settled and whose rules wait for nothing. Called by its
    /// durable completion trigger (so a check lost in a crash still happens), and by the waves and rules grains after
    /// they cancel or add pushes.
    /// </summary>
    [Orleans.Concurrency.OneWay]
    Task CheckCompletion();
}
