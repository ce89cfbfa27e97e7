namespace Campaigns.Grains.Abstractions.Campaigns;

/// <summary>
/// What owns pushes — a campaign, or a recurring schedule — as its pushes see it: asked before each publish,
/// told when each push has settled.
/// </summary>
public interface IPushOwnerGrain : IGrainWithStringKey
{
    /// <summary>Asked by a due push just before it publishes.</summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task<FireDecision> DecideFire();

    /// <summary>Told by a push once it has settled (published, failed, skipped, cancelled).</summary>
    [Orleans.Concurrency.OneWay]
    Task PushSettled(string pushId, string status, string? detail);
}
