using Campaigns.Connectors;
using Campaigns.Domain.Accounts;
using Campaigns.Grains.Abstractions.Accounts;

namespace Campaigns.Grains.Accounts;

/// <summary>
/// Publishing one push from one account, for its grain: a real platform's connector goes through
/// <see cref="PlatformPublisher"/>; a webhook (or sandbox) connector is called here with an idempotency key, after
/// asking it first whether an attempt whose outcome is unknown did post. Either way a push the account may not post
/// now (suspended, capped, stale) is skipped, unless an earlier attempt may have posted it.
/// </summary>
public sealed class AccountPublisher(ConnectorRegistry connectors, PlatformPublisher platform, PublishLimits limits, TimeProvider clock)
{
    /// <summary>Loads what the caps count ahead of a firing, so the publish itself does not wait for it.</summary>
    internal Task PrepareAsync(PublishingAccount who) => limits.RecentAsync(who);

    internal async Task<PublishReport> PublishAsync(PublishingAccount who, PublishCommand command)
    {
        var account = who.Snapshot;
        if (limits.Platform(account.Connector.Type) is { } connector)
        {
            return await platform.PublishAsync(who, connector, command);
        }
        var target = new ConnectorTarget(account.Connector.Type, account.Connector.Url, who.WebhookSecret());
        var publisher = connectors.For(target);
        var key = $"{who.AgencyId}:{command.PushId}";
        var recent = await limits.RecentAsync(who);

        // After an attempt whose outcome is unknown, ask before anything else: a push an earlier attempt did post is
        // published, and must not be skipped as suspended, capped or stale, nor posted again.
        PublishResult? lookup = null;
        if (command.Attempts > 0)
        {
            await limits.AcquireAsync(account.Platform);
            lookup = await LookUpAsync(publisher, new PublishLookup(who.AgencyId, who.AccountId, key, target));
            if (lookup is { Outcome: PublishOutcome.Published } found)
            {
                recent.Add(command.ScheduledAt);
                return Report(found, clock.GetUtcNow());
            }
        }

        if (Refusal(account, command, recent) is { } refusal)
        {
            // Skipping is safe only when no earlier attempt may have posted: a look-up that could not answer retries.
            return lookup is null || command.Attempts == 0
                ? Skipped(refusal)
                : new PublishReport(PublishStatus.TransientFailure, null, null, null,
                    $"Could not look up whether an earlier attempt published it ({lookup.Error}); not skipped yet: {refusal}");
        }

        if (command.Attempts == 0)
        {
            await limits.AcquireAsync(account.Platform);
        }
        var firedAt = clock.GetUtcNow();
        PublishResult result;
        try
        {
            // A look-up that found nothing, or that the publisher could not answer, falls through to a publish that
            // carries the same idempotency key, which the platform de-duplicates.
            result = await publisher.PublishAsync(new PublishRequest(
                who.AgencyId, who.AccountId, account.Platform, account.Handle, command.PushId, key, command.VideoId, command.MediaUrl,
                command.Caption, command.Hashtags, account.Followers, command.ScheduledAt, target), CancellationToken.None);
        }
        catch (Exception ex)
        {
            result = PublishResult.Unknown($"The connector failed: {ex.GetBaseException().Message}");
        }

        if (result.Outcome == PublishOutcome.Published)
        {
            recent.Add(command.ScheduledAt);
        }
        return Report(result, firedAt);
    }

    /// <summary>The account is connected to its platform: the pushes held for its credential go.</summary>
    internal Task ReleaseAwaitingAsync(PublishingAccount who) => platform.ReleaseAwaitingAsync(who.AgencyId, who.AccountId);

    /// <summary>Why the push may not be published now (suspended, capped, stale), or null when it may.</summary>
    internal static string? Refusal(AccountSnapshot account, PublishCommand command, List<DateTimeOffset> recent) =>
        account.Status != AccountStatus.Active ? "The account is suspended."
        : FireTimeCaps.Refusal(account, command.ScheduledAt, recent) ?? command.StaleDetail;

    internal static PublishReport Skipped(string why) => new(PublishStatus.Skipped, null, null, null, why);

    /// <summary>Asks the connector for the post of a key; a result that is not "published" means it could not tell.</summary>
    private static async Task<PublishResult?> LookUpAsync(IPublishingConnector connector, PublishLookup lookup)
    {
        try
        {
            return await connector.FindAsync(lookup, CancellationToken.None);
        }
        catch (Exception ex)
        {
            return PublishResult.Unknown($"The look-up failed: {ex.GetBaseException().Message}");
        }
    }

    private static PublishReport Report(PublishResult result, DateTimeOffset firedAt) => new(
        result.Outcome switch
        {
            PublishOutcome.Published => PublishStatus.Published,
            PublishOutcome.TerminalFailure => PublishStatus.TerminalFailure,
            _ => PublishStatus.TransientFailure,
        },
        result.PlatformPostId, firedAt, result.PublishedAt, result.Error);
}
