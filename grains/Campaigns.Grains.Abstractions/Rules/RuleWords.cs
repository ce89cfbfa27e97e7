using Campaigns.Domain.Rules;
using Campaigns.Grains.Abstractions.Campaigns;

namespace Campaigns.Grains.Abstractions.Rules;

/// <summary>The API's words for rule metrics and actions: the member names in camelCase (<c>engagementRate</c>, <c>stopAccount</c>).</summary>
public static class RuleWords
{
    public static IReadOnlyList<string> Metrics { get; } = Enum.GetValues<RuleMetric>().Select(Of).ToArray();

    public static IReadOnlyList<string> Actions { get; } = Enum.GetValues<RuleAction>().Select(Of).ToArray();

    public static string Of(RuleMetric metric) => Camel(metric.ToString());

    public static string Of(RuleAction action) => Camel(action.ToString());

    /// <summary>Parses a metric word; exact, like every enum word of the API.</summary>
    public static bool TryParse(string? word, out RuleMetric metric) => TryParse<RuleMetric>(word, out metric);

    /// <summary>Parses an action word.</summary>
    public static bool TryParse(string? word, out RuleAction action) => TryParse<RuleAction>(word, out action);

    /// <summary>How a rule reads in a timeline: "views at most 1000 after 120 min → stopAccount".</summary>
    public static string Describe(AutomationRule rule) =>
        rule.AtLeast is { } least
            ? $"{Of(rule.Metric)} at least {Number(least)} within {Number(rule.WithinMinutes)} min → {Of(rule.Action)}"
            : $"{Of(rule.Metric)} at most {Number(rule.AtMost ?? 0)} after {Number(rule.WithinMinutes)} min → {Of(rule.Action)}";

    /// <summary>A number as a person reads it: no exponent, at most four decimals, invariant culture.</summary>
    public static string Number(double value) => value.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture);

    private static bool TryParse<TEnum>(string? word, out TEnum value) where TEnum : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (word is not null && Camel(candidate.ToString()) == word)
            {
                value = candidate;
                return true;
            }
        }
        value = default;
        return false;
    }

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
