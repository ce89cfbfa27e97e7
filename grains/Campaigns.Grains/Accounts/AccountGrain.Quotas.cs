using Campaigns.Connectors.Platforms;
using Campaigns.Connectors.Platforms.YouTube;
using Campaigns.Grains.Abstractions.Accounts;

namespace Campaigns.Grains.Accounts;

/// <summary>
/// The account's per-user quotas, kept before calling so a burst waits instead of being refused: the call quotas of
/// <see cref="AccountQuotas"/>, the platform's own publishing limit where it reports one (Instagram), and a shared
/// daily upload budget where the platform counts per project (YouTube). A used-up quota — or the platform's rate
/// limit — postpones the push to the instant it frees, without using an attempt when nothing reached the platform.
/// </summary>
public sealed partial class AccountGrain
{
    /// <summary>This activation's call quotas; counts start afresh on a new activation (the platform's 429 is the backstop).</summary>
    private AccountQuotas? _quotas;

    /// <summary>The connector with this account's quotas in front of it.</summary>
    private QuotaConnector WithQuotas(IPlatformConnector connector, IReadOnlyList<DateTimeOffset> recent)
    {
        var settings = platforms.Settings(connector.Type);
        if (_quotas?.Settings != settings)
        {
            _quotas = new AccountQuotas(settings, clock);
        }
        return new QuotaConnector(settings, connector, _quotas, (credential, ct) => BeforeCreateAsync(connector, settings, credential, recent, ct));
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
            && await GrainFactory.GetGrain<IUploadBudgetGrain>(youTube.Name).TryCharge(1, youTube.DailyUploadBudget) is { } nextDay)
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
    private PublishReport Postponed(PlatformFailure failure, bool sent, DateTimeOffset firedAt, TimeSpan defaultWait)
    {
        var retryAt = clock.GetUtcNow() + (failure.RetryAfter is { } wait && wait > TimeSpan.Zero ? wait : defaultWait);
        return new PublishReport(PublishStatus.Postponed, null, sent ? firedAt : null, null,
            $"Postponed until {retryAt:O}: {failure.Code}: {failure.Message}", retryAt);
    }
}
