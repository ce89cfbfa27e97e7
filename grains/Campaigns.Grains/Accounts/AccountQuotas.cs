using Campaigns.Connectors.Platforms;

namespace Campaigns.Grains.Accounts;

/// <summary>
/// One account's per-user call quotas on its platform (<see cref="PlatformOptions.PublishQuota"/> and
/// <see cref="PlatformOptions.StatusQuota"/> per <see cref="PlatformOptions.QuotaWindow"/>), kept by its grain
/// before each call. A call over quota is not made: it is answered as rate limited until the instant a slot frees,
/// so the push is postponed to then instead of being refused by the platform.
/// </summary>
public sealed class AccountQuotas(PlatformOptions settings, TimeProvider clock)
{
    private readonly CallWindow _publishes = new(settings.PublishQuota, settings.QuotaWindow);
    private readonly CallWindow _statuses = new(settings.StatusQuota, settings.QuotaWindow);

    /// <summary>The settings these quotas were made from (rebuilt when the settings are reloaded).</summary>
    public PlatformOptions Settings => settings;

    /// <summary>Takes a publish slot; null when taken, otherwise the rate-limit failure to answer with.</summary>
    public PlatformFailure? TakePublish() =>
        Refusal(_publishes.TryTake(clock.GetUtcNow()), "publish_quota", $"{settings.PublishQuota} publishes begun");

    /// <summary>Takes a status-fetch slot; null when taken, otherwise the rate-limit failure to answer with.</summary>
    public PlatformFailure? TakeStatus() =>
        Refusal(_statuses.TryTake(clock.GetUtcNow()), "status_quota", $"{settings.StatusQuota} status fetches");

    private PlatformFailure? Refusal(DateTimeOffset? freesAt, string code, string what) => freesAt is { } at
        ? new PlatformFailure(FailureKind.RateLimited, code,
            $"The account's quota of {what} per {settings.QuotaWindow} is used up; a slot frees at {at:O}.", at - clock.GetUtcNow())
        : null;
}
