
using Campaigns.Application.Campaigns;
using Campaigns.Domain.Accounts;
using Campaigns.Domain.Common;
using Campaigns.Grains.Abstractions.Campaigns;
using Campaigns.Grains.Abstractions.Rules;
namespace Campaigns.Application.Rules;

/// <summary>An automation rule as clients send it: <c>{ "when": {...}, "then": {...} }</c>.</summary>
public sealed record RuleInput(RuleWhenInput? When, RuleThenInput? Then);

/// <summary>
/// The condition: a metric, exactly one of <c>atLeast</c> / <c>atMost</c>, the window in minutes (decimals allowed),
/// and for a rate optionally <c>minSample</c>, the views (engagement rate) or clicks (conversion rate) it needs first.
/// </summary>
public sealed record RuleWhenInput(string? Metric, double? AtLeast, double? AtMost, double? WithinMinutes, long? MinSample = null);

/// <summary>The action: <c>amplify</c> (with the accounts to amplify to) or <c>stopAccount</c> (no accounts: it acts on the push's own).</summary>
public sealed record RuleThenInput(string? Action, AccountSetInput? Accounts);

/// <summary>Turns validated rule inputs into the definition's rules.</summary>
public static class RuleInputs
{
    public static List<AutomationRule>? ToRules(List<RuleInput>? inputs) =>
        inputs is { Count: > 0 }
            ? inputs.Select(r =>
            {
                RuleWords.TryParse(r.When!.Metric, out Domain.Rules.RuleMetric metric);
                RuleWords.TryParse(r.Then!.Action, out RuleAction action);
                return new AutomationRule(metric, r.When.AtLeast, r.When.AtMost, r.When.WithinMinutes!.Value, action,
                    action == RuleAction.Amplify ? r.Then.Accounts!.ToAccountSet() : null, r.When.MinSample);
            }).ToList()
            : null;
}
