
using Campaigns.Application.Campaigns;
using Campaigns.Domain.Accounts;
using Campaigns.Domain.Common;
using Campaigns.Grains.Abstractions.Campaigns;
namespace Campaigns.Application.Waves;

/// <summary>Maps a validated <c>celebrityTieIn</c> strategy into the campaign definition: celebrities are the base accounts (wave 0).</summary>
public static class TieInDefinitions
{
    /// <summary>The celebrities as the base account set, or null when the strategy is not a tie-in.</summary>
    public static AccountSet? Celebrities(StrategyInput strategy) =>
        strategy.Kind == TieInStrategyRules.Kind ? new AccountSet(strategy.CelebrityAccountIds!.Distinct().ToList(), null) : null;

    /// <summary>The definition with its kind and waves when the strategy is a tie-in; unchanged otherwise.</summary>
    public static CampaignDefinition Complete(CampaignDefinition definition, StrategyInput strategy) =>
        strategy.Kind != TieInStrategyRules.Kind
            ? definition
            : definition with
            {
                Kind = StrategyKind.CelebrityTieIn,
                Strategy = definition.Strategy with { PostsPerAccount = 1 },
                TieIn = new TieInStrategy(strategy.Waves!.Select(w => new TieInWave(
                    w!.Accounts!.ToAccountSet(), w.StaggerSeconds ?? 0,
                    new WaveGate(w.Gate!.MinViews, w.Gate.MinEngagementRate, w.Gate.MaxWaitMinutes!.Value,
                        w.Gate.OnTimeout is { } onTimeout ? WireName<GateTimeout>.Parse(onTimeout) : GateTimeout.Release))).ToList()),
            };
}
