
using Campaigns.Application.Campaigns;
using Campaigns.Domain.Accounts;
using Campaigns.Domain.Common;
using Campaigns.Grains.Abstractions.Campaigns;
namespace Campaigns.Application.Waves;

/// <summary>A later wave of a tie-in as the API shows it; <see cref="Wave"/> is its number (1 for the first after the celebrities).</summary>
public sealed record WaveView(int Wave, AccountSetView Accounts, int StaggerSeconds, GateView Gate);

/// <summary>A wave's gate as the API shows it.</summary>
public sealed record GateView(long? MinViews, double? MinEngagementRate, double MaxWaitMinutes, string OnTimeout);

/// <summary>Shapes the tie-in part of a strategy view.</summary>
public static class TieInViews
{
    /// <summary>The strategy view with its celebrities and waves when the campaign is a tie-in; unchanged otherwise.</summary>
    public static StrategyView Complete(StrategyView view, CampaignDefinition definition) =>
        definition is not { Kind: StrategyKind.CelebrityTieIn, TieIn: { } tieIn }
            ? view
            : view with
            {
                Kind = TieInStrategyRules.Kind,
                CelebrityAccountIds = definition.Strategy.Accounts.Ids ?? [],
                Waves = tieIn.Waves.Select((w, i) => new WaveView(i + 1, SetView(w.Accounts), w.StaggerSeconds,
                    new GateView(w.Gate.MinViews, w.Gate.MinEngagementRate, w.Gate.MaxWaitMinutes, WireName<GateTimeout>.Of(w.Gate.OnTimeout)))).ToList(),
            };

    public static AccountSetView SetView(AccountSet set) => new(
        set.Ids,
        set.Selector is { } sel
            ? new SelectorView(sel.Brand, sel.Platforms.Select(WireName<Platform>.Of).ToList(), sel.Kinds.Select(WireName<AccountKind>.Of).ToList(), sel.Tags, sel.TopByAffinity)
            : null);
}
