
using Campaigns.Application.Campaigns;
using Campaigns.Domain.Accounts;
using Campaigns.Domain.Common;
using Campaigns.Grains.Abstractions.Campaigns;
using Campaigns.Grains.Abstractions.Rules;
namespace Campaigns.Application.Rules;

/// <summary>
/// A rule's condition as the API shows it (the threshold not given is null); <c>minSample</c> is the sample a rate
/// needs, as given or by default, and null for counts.
/// </summary>
public sealed record RuleWhenView(string Metric, double? AtLeast, double? AtMost, double WithinMinutes, long? MinSample);

/// <summary>A rule's action as the API shows it; <c>accounts</c> only for amplify.</summary>
public sealed record RuleThenView(string Action, AccountSetView? Accounts);

/// <summary>An automation rule as the API shows it: the shape clients send.</summary>
public sealed record RuleView(RuleWhenView When, RuleThenView Then)
{
    public static IReadOnlyList<RuleView> ListFrom(IReadOnlyList<AutomationRule>? rules) =>
        (rules ?? []).Select(r => new RuleView(
            new RuleWhenView(RuleWords.Of(r.Metric), r.AtLeast, r.AtMost, r.WithinMinutes, r.ToCondition().Sample),
            new RuleThenView(RuleWords.Of(r.Action), r.Accounts is { } set ? AccountSetViewOf(set) : null))).ToList();

    /// <summary>An account set as the API shows it (the same shape as the strategy's accounts).</summary>
    public static AccountSetView AccountSetViewOf(AccountSet set) => new(
        set.Ids,
        set.Selector is { } sel
            ? new SelectorView(sel.Brand, sel.Platforms.Select(WireName<Platform>.Of).ToList(), sel.Kinds.Select(WireName<AccountKind>.Of).ToList(), sel.Tags, sel.TopByAffinity)
            : null);
}
