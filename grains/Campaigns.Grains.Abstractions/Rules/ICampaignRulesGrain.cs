using Campaigns.Grains.Abstractions.Campaigns;

namespace Campaigns.Grains.Abstractions.Rules;

/// <summary>
/// A campaign's automation rules, keyed like its campaign (<c>{agencyId}/{campaignId}</c>): rule evaluation on
/// engagement, firings (amplify, stopAccount) claimed once each in <c>rule_firings</c>, and the durable review trigger
/// at the next rule window's end. It reads the rules and the status from <see cref="ICampaignGrain.Peek"/>; the
/// campaign calls it (and counts what it added) within the campaign's own turn, so a read of the campaign after a
/// firing sees the pushes it added.
/// </summary>
public interface ICampaignRulesGrain : IGrainWithStringKey
{
    /// <summary>Wakes the rules when a rule window closes (the durable review trigger calls this), through the campaign's completion check.</summary>
    Task ReviewRules();

    /// <summary>Evaluates the rules for these pushes, whose latest engagement changed (the campaign coalesces the reports).</summary>
    Task<RulesVerdict> Evaluate(List<string> pushIds);

    /// <summary>
    /// Asked by the campaign's completion check: reviews what time alone decides, keeps the review trigger at the next
    /// window's end, and says whether a window is still open (the campaign must wait).
    /// </summary>
    Task<RulesVerdict> HoldsCompletion();
}

/// <summary>
/// What the rules tell their campaign: whether a rule window is still open (a completion check must wait), how many
/// pushes their firings have added in all (the campaign's planned count catches up), and whether this call cancelled
/// any (the campaign may have settled).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record RulesVerdict([property: Id(0)] bool Holds, [property: Id(1)] int PushesAdded, [property: Id(2)] bool Cancelled = false);
