namespace Campaigns.Grains.Accounts;

/// <summary>
/// What one activation of an account remembers between its publishes: the scheduled instants of its recent publishes
/// (loaded on its first publish, then kept up to date) and its call quotas. Both start afresh on a new activation.
/// </summary>
public sealed class PublishMemory
{
    /// <summary>The instants this account published at in the last two days (caps look back one); null until loaded.</summary>
    public List<DateTimeOffset>? Recent { get; set; }

    /// <summary>This activation's call quotas; the platform's 429 is the backstop across activations.</summary>
    public AccountQuotas? Quotas { get; set; }
}
