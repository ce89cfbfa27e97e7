namespace Campaigns.Grains.Abstractions.Campaigns;

/// <summary>
/// A campaign's automation rules, keyed like its campaign (<c>{agencyId}/{campaignId}</c>): rule evaluation on
/// engagement, firings (amplify, stopAccount) claimed once each in <c>rule_firings</c>, and the durable review trigger
/// at the next rule window's end. It reads the rules and the status from <see cref="ICampaignGrain.Get"/>.
/// </summary>
public interface ICampaignRulesGrain : IGrainWithStringKey
{
    /// <summary>Wakes the rules when a rule window closes (the durable review trigger calls this), and the campaign's completion check.</summary>
    Task ReviewRules();

    /// <summary>
    /// Asked by the campaign's completion check: reviews what time alone decides, keeps the review trigger at the next
    /// window's end, and says whether a window is still open (the campaign must wait) and how many pushes the rules
    /// have added in all.
    /// </summary>
    Task<RulesVerdict> HoldsCompletion();

    /// <summary>A push's latest engagement changed; coalesced, then the rules are evaluated for the pushes reported.</summary>
    [Orleans.Concurrency.OneWay]
    Task MetricsRecorded(string pushId);
}

/// <summary>What the rules tell a completion check: whether to wait, and the pushes their firings have added in all.</summary>
[GenerateSerializer, Immutable]
public sealed record RulesVerdict([property: Id(0)] bool Holds, [property: Id(1)] int PushesAdded);
