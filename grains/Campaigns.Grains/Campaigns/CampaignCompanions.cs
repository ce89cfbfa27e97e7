using Campaigns.Grains.Abstractions.Brands;
using Campaigns.Grains.Abstractions.Campaigns;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Grains.Abstractions.Exchanges;
using Campaigns.Grains.Abstractions.Rules;
using Campaigns.Grains.Abstractions.Waves;
using Campaigns.Grains.Common;
using Campaigns.Grains.Waves;
using Microsoft.Extensions.Logging;

namespace Campaigns.Grains.Campaigns;

/// <summary>
/// The grains a campaign works with, as its grain calls them: its waves (a tie-in's gated releases) and its rules, each a
/// grain with state of its own, its brand (frozen or not) and its agency's exchange ledger. Which of them a campaign
/// has follows from its definition, so the campaign grain only says what happened. It also gathers the engagement
/// reported for the campaign's pushes, so that a burst of reports costs one evaluation. One per activation.
/// </summary>
public sealed class CampaignCompanions(IGrainBase grain, IGrainFactory grains, string key, ILogger logger, Func<List<string>, Task> evaluate)
{
    /// <summary>Engagement reported within this long is evaluated together.</summary>
    private static readonly TimeSpan FeedbackSettle = TimeSpan.FromMilliseconds(100);

    /// <summary>Pushes whose latest snapshot changed since the last evaluation.</summary>
    private readonly HashSet<string> _changed = [];

    private OneShotTimer? _feedback;

    private ICampaignWavesGrain Waves => grains.GetGrain<ICampaignWavesGrain>(key);

    private ICampaignRulesGrain Rules => grains.GetGrain<ICampaignRulesGrain>(key);

    /// <summary>
    /// A push's latest engagement changed. Coalesced: the pushes reported within <see cref="FeedbackSettle"/> are handed
    /// to the evaluation together, so a feed of thousands of snapshots costs a handful of evaluations.
    /// </summary>
    public void Report(string pushId)
    {
        _changed.Add(pushId);
        (_feedback ??= new OneShotTimer(grain, EvaluateChangedAsync)).Arm(FeedbackSettle);
    }

    private Task EvaluateChangedAsync()
    {
        var changed = _changed.ToList();
        _changed.Clear();
        return evaluate(changed);
    }

    /// <summary>The waves grain reviews its gate, then the rules grain judges the pushes reported; null without rules.</summary>
    public async Task<RulesVerdict?> EvaluateAsync(CampaignDefinition definition, List<string> changed)
    {
        if (definition.Kind == StrategyKind.CelebrityTieIn)
        {
            await Waves.Review();
        }
        return definition.Rules is { Count: > 0 } ? await Rules.Evaluate(changed) : null;
    }

    /// <summary>Whether the rules hold completion back (a window still open), and the pushes their firings added; null without rules.</summary>
    public async Task<RulesVerdict?> HoldsCompletionAsync(CampaignDefinition definition) =>
        definition.Rules is { Count: > 0 } ? await Rules.HoldsCompletion() : null;

    /// <summary>A tie-in's waves are gated before its launch is saved.</summary>
    public Task PrepareAsync(CampaignDefinition definition) =>
        definition.Kind == StrategyKind.CelebrityTieIn ? Waves.Prepare() : Task.CompletedTask;

    /// <summary>A tie-in's waves look at their gate again soon (after an activation or a resume), without waiting here.</summary>
    public void ReviewSoon(CampaignDefinition definition)
    {
        if (definition.Kind == StrategyKind.CelebrityTieIn)
        {
            Waves.ReviewSoon().Ignore();
        }
    }

    public async Task<bool> IsBrandFrozenAsync(string agencyId, CampaignDefinition definition) =>
        definition.Brand is { Length: > 0 } brand && await grains.GetGrain<IBrandGrain>(GrainKeys.For(agencyId, brand)).IsFrozen();

    /// <summary>An exchange campaign's settled push settles its credits; one-way: should it be lost, the ledger's durable reconciliation settles it.</summary>
    public void Settled(string agencyId, CampaignDefinition definition, string pushId)
    {
        if (definition.Kind == StrategyKind.Exchange)
        {
            grains.GetGrain<IExchangeLedgerGrain>(ExchangeLedger.Key(agencyId)).Settle(pushId).Ignore();
        }
    }

    /// <summary>
    /// State written before waves had a grain of their own keeps the tie-in's progress in the campaign: hand it over
    /// (ignored by a waves grain that has progress already). False when that failed, to be tried again.
    /// </summary>
    public async Task<bool> HandOverAsync(TieInProgress legacy)
    {
        try
        {
            await Waves.Adopt(new WaveProgress(legacy.Pushes, legacy.ReleasedAt, legacy.StoppedAt));
            return true;
        }
        catch (Exception ex) when (ex is StorageUnavailableException or TimeoutException)
        {
            logger.LogWarning(ex, "Campaign {CampaignId}: handing its waves over failed; the next activation retries", GrainKeys.Split(key).EntityId);
            return false;
        }
    }
}
