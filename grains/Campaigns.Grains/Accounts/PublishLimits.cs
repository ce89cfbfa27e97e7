using Campaigns.Connectors.Platforms;
using Campaigns.Connectors.Platforms.YouTube;
using Campaigns.Domain.Accounts;
using Campaigns.Grains.Abstractions.Accounts;
using Campaigns.Grains.Common;
using Campaigns.Storage.Pushes;

namespace Campaigns.Grains.Accounts;

/// <summary>
/// The limits a publish passes, kept before calling so a burst waits instead of being refused: the platform-wide rate
/// limit, the account's call quotas (<see cref="AccountQuotas"/>), the platform's own publishing limit where it reports
/// one (Instagram), and a shared daily upload budget where the platform counts per project (YouTube); and the account's
/// recent publishes, which its caps count. A used-up quota — or the platform's rate limit — postpones the push to the
/// instant it frees, without using an attempt when nothing reached the platform.
/// </summary>
public sealed class PublishLimits(PlatformRegistry platforms, PlatformRateLimits rateLimits, PushQueries pushes, IGrainFactory grains, TimeProvider clock)
{
    /// <summary>The real platform's connector of a connector type, or null for a webhook or sandbox connector.</summary>
    public IPlatformConnector? Platform(ConnectorType type) => platforms.TryGet(type, out var connector) ? connector : null;

    public PlatformOptions Settings(ConnectorType type) => platforms.Settings(type);

    /// <summary>Waits for a slot of the platform-wide rate limit.</summary>
    public ValueTask AcquireAsync(Platform platform) => rateLimits.AcquireAsync(platform, CancellationToken.None);

    /// <summary>The instants the account published at in the last two days (caps look back one), loaded once per activation.</summary>
    internal async Task<List<DateTimeOffset>> RecentAsync(PublishingAccount who) =>
        who.Memory.Recent ??= (await StorageCalls.Guard(() => pushes.PublishedSinceAsync(
            who.AgencyId, who.AccountId, clock.GetUtcNow().AddDays(-2).ToUnixTimeMilliseconds()))).ToList();

    /// <summary>The connector with this account's quotas in front of it.</summary>
    internal QuotaConnector WithQuotas(IPlatformConnector connector, PublishMemory memory, IReadOnlyList<DateTimeOffset> recent)
    {
        var settings = platforms.Settings(connector.Type);
        if (memory.Quotas?.Settings != settings)
        {
            memory.Quotas = new AccountQuotas(settings, clock);
        }
        return new QuotaConnector(settings, connector, memory.Quotas, (credential, ct) => BeforeCreateAsync(connector, settings, credential, recent, ct));
    }

    /// <summary>The platform-wide limits checked before a publish begins; null to go on.</summary>
    private async Task<PlatformFailure?> BeforeCreateAsync(
        IPlatformConnector connector, PlatformOptions settings, PlatformCredential credential, IReadOnlyList<DateTimeOffset> recent,
        CancellationToken cancellationToken)
    {
        if (connector is IPublishingLimit limited)
        {
            var limit = await limited.PublishingLimitAsync(credential, cancellationToken);
            if (!limit.Ok)
            {
                return limit.Failure;
            }
            var (used, total) = limit.Value;
            if (total > 0 && used >= total)
            {
                var now = clock.GetUtcNow();
                return new PlatformFailure(FailureKind.RateLimited, "content_publishing_limit",
                    $"The platform's publishing limit is used up ({used} of {total} in {limited.PublishingWindow}).",
                    FreesAt(recent, limited.PublishingWindow, now) - now);
            }
        }
        if (settings is YouTubeOptions youTube
            && await grains.GetGrain<IUploadBudgetGrain>(youTube.Name).TryCharge(1, youTube.DailyUploadBudget) is { } nextDay)
        {
            return new PlatformFailure(FailureKind.RateLimited, "daily_upload_budget",
                $"Today's budget of {youTube.DailyUploadBudget} uploads is spent; it renews at {nextDay:O}.", nextDay - clock.GetUtcNow());
        }
        return null;
    }

    /// <summary>
    /// When a moving window's oldest publish leaves it: the oldest of this account's publishes inside the window, plus
    /// the window; without one (posts made elsewhere), an hour from now, and the limit is asked again then.
    /// </summary>
    private static DateTimeOffset FreesAt(IReadOnlyList<DateTimeOffset> recent, TimeSpan window, DateTimeOffset now)
    {
        var inside = recent.Where(at => at > now - window).ToList();
        return inside.Count > 0 ? inside.Min() + window : now + TimeSpan.FromHours(1);
    }

    /// <summary>
    /// The push waits until the quota frees. <paramref name="sent"/> says whether this attempt reached the platform
    /// (a handle exists): then it counts as an attempt, so the next one looks the post up before anything else.
    /// </summary>
    public PublishReport Postponed(PlatformFailure failure, bool sent, DateTimeOffset firedAt, TimeSpan defaultWait)
    {
        var retryAt = clock.GetUtcNow() + (failure.RetryAfter is { } wait && wait > TimeSpan.Zero ? wait : defaultWait);
        return new PublishReport(PublishStatus.Postponed, null, sent ? firedAt : null, null,
            $"Postponed until {retryAt:O}: {failure.Code}: {failure.Message}", retryAt);
    }
}
