namespace Campaigns.Storage.Rules;

/// <summary>One rule's decision for one push (see <see cref="RuleFiringStore"/>). A class with setters for Dapper's conversions.</summary>
public sealed class RuleFiringRow
{
    public int RuleIndex { get; set; }
    public string PushId { get; set; } = "";

    /// <summary><see cref="RuleFiringStore.Firing"/>, <see cref="RuleFiringStore.Fired"/> or <see cref="RuleFiringStore.Passed"/>.</summary>
    public string State { get; set; } = RuleFiringStore.Firing;

    /// <summary>The metric's value that decided.</summary>
    public double? Value { get; set; }

    public long DecidedAt { get; set; }
}
