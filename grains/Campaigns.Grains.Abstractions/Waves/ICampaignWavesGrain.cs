using Campaigns.Grains.Abstractions.Campaigns;

namespace Campaigns.Grains.Abstractions.Waves;

/// <summary>
/// A celebrity tie-in's waves and gates, keyed like its campaign (<c>{agencyId}/{campaignId}</c>): which waves are
/// released and when, gate reviews, and the durable trigger at each waiting gate's deadline. It reads the campaign's
/// definition and status from <see cref="ICampaignGrain.Peek"/>.
/// </summary>
public interface ICampaignWavesGrain : IGrainWithStringKey
{
    /// <summary>
    /// At launch, once the pushes are stored (gated after wave 0): records how many each wave has, arms wave 1's
    /// deadline and starts reviewing. Repeating it (a launch retried) recomputes the same progress.
    /// </summary>
    Task Prepare();

    /// <summary>Reviews the waiting gate now: opens it, times it out, or waits (the deadline trigger calls this).</summary>
    Task Review();

    /// <summary>Reviews soon without the caller waiting (after a resume, on the campaign's activation, on new engagement).</summary>
    [Orleans.Concurrency.OneWay]
    Task ReviewSoon();

    /// <summary>The waves' progress, or null before a tie-in launch.</summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task<WaveProgress?> Progress();

    /// <summary>
    /// Takes over progress that the campaign grain kept before waves had a grain of their own; ignored when this grain
    /// already has progress. Interleaved, so a review waiting on the campaign cannot block the hand-over.
    /// </summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task Adopt(WaveProgress progress);
}
