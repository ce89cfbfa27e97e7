using System.Text.Json;
using System.Text.Json.Serialization;
using Campaigns.Connectors.Platforms;
using Campaigns.Grains.Abstractions.Accounts;
using Campaigns.Grains.Common;
using Campaigns.Storage.Pushes;
using Microsoft.Extensions.Logging;

namespace Campaigns.Grains.Accounts;

/// <summary>
/// Publishing to a real platform, which offers no idempotency key: the <see cref="PublishDriver"/> takes the
/// connector's steps, and every correlation handle a step hands out is stored on the push — under the firing's lease —
/// before the next step, the one that may create the post. A later attempt (a retry, a recovered lease, a restart)
/// starts from the stored handle, so it asks the platform where the publish stands instead of creating again.
/// </summary>
public sealed class PlatformPublisher(PlatformPushes pushHandles, PublishDriver driver, PublishLimits limits, TimeProvider clock, ILogger<PlatformPublisher> logger)
{
    private static readonly JsonSerializerOptions HandleJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    internal async Task<PublishReport> PublishAsync(PublishingAccount who, IPlatformConnector connector, PublishCommand command)
    {
        var holder = command.Holder ?? throw new ArgumentException("A platform publish needs its firing's lease.", nameof(command));
        var stored = Parse(await StorageCalls.Guard(() => pushHandles.HandleAsync(who.AgencyId, command.PushId)));
        var credential = await who.Keeper.GetAsync(CancellationToken.None);
        if (credential.Failure is { } unavailable)
        {
            return unavailable.Kind == CredentialFailureKind.RateLimited
                ? limits.Postponed(new PlatformFailure(FailureKind.RateLimited, unavailable.Code, unavailable.Message, unavailable.RetryAfter),
                    sent: stored is not null, clock.GetUtcNow(), limits.Settings(connector.Type).RateLimitWait)
                : Unusable(unavailable);
        }
        var access = new PlatformCredential(credential.Credential!.AccessToken, credential.Credential.UserId);
        if (!Uri.TryCreate(command.MediaUrl, UriKind.Absolute, out var media))
        {
            return new PublishReport(PublishStatus.TerminalFailure, null, null, null, "The video has no mediaUrl to publish.");
        }
        var recent = await limits.RecentAsync(who);
        var limited = limits.WithQuotas(connector, who.Memory, recent);
        if (AccountPublisher.Refusal(who.Snapshot, command, recent) is { } refusal
            && await RefusedUnlessUnderWayAsync(limited, stored, access, refusal) is { } settled)
        {
            return settled;
        }

        await limits.AcquireAsync(who.Snapshot.Platform);
        var firedAt = clock.GetUtcNow();
        var post = new PlatformPost(command.PushId, media, command.Title, command.Caption, command.Hashtags, command.DurationSeconds,
            Uri.TryCreate(command.CoverUrl, UriKind.Absolute, out var cover) ? cover : null);
        PublishStep step;
        try
        {
            step = await driver.RunAsync(limited, post, stored, who.Keeper,
                (handle, ct) => SaveHandleAsync(who.AgencyId, command.PushId, holder, handle, ct), uploaded: null, CancellationToken.None);
        }
        catch (CredentialUnavailableException ex)
        {
            return Unusable(ex.Failure);
        }
        catch (Exception ex)
        {
            // Whatever was sent, its handle is stored: the next attempt resumes from it.
            logger.LogWarning(ex, "Publishing push {PushId} on {Platform} stopped; the next attempt resumes from its stored handle", command.PushId, connector.Platform);
            return new PublishReport(PublishStatus.TransientFailure, null, firedAt, null, $"Publishing stopped: {ex.GetBaseException().Message}");
        }
        if (step is { Kind: PublishStepKind.Failed, Failure.Kind: FailureKind.RateLimited })
        {
            // Ours or the platform's: wait until it frees (its Retry-After), not the usual backoff.
            return limits.Postponed(step.Failure, sent: step.Handle is not null || stored is not null, firedAt, limited.Settings.RateLimitWait);
        }
        var report = Report(step, firedAt);
        if (report.Status == PublishStatus.Published)
        {
            recent.Add(command.ScheduledAt);
        }
        return report;
    }

    /// <summary>Lets the pushes that waited for the account's credential go (it is connected now); the sweep fires them, or skips the stale ones.</summary>
    internal async Task ReleaseAwaitingAsync(string agencyId, string accountId)
    {
        try
        {
            var released = await pushHandles.ReleaseAwaitingAsync(agencyId, accountId, clock.GetUtcNow().ToUnixTimeMilliseconds());
            if (released > 0)
            {
                logger.LogInformation("Account {AccountId} connected: {Count} held pushes released", accountId, released);
            }
        }
        catch (Exception ex)
        {
            // The credential is stored; only the release is missing, and the next connect (or this one repeated) does it.
            logger.LogWarning(ex, "Could not release the held pushes of account {AccountId}", accountId);
        }
    }

    /// <summary>
    /// A push the account may not post now (suspended, capped, stale) is skipped — unless an earlier attempt got it so far
    /// that the platform publishes it anyway (or already did): then it is followed to its end rather than disowned.
    /// Null means go on publishing.
    /// </summary>
    private async Task<PublishReport?> RefusedUnlessUnderWayAsync(
        IPlatformConnector connector, PublishHandle? stored, PlatformCredential access, string refusal)
    {
        if (stored is null)
        {
            return AccountPublisher.Skipped(refusal);
        }
        var status = await connector.StatusAsync(stored, access, CancellationToken.None);
        return status.Kind switch
        {
            PublishStepKind.Published => Report(status, clock.GetUtcNow()),
            PublishStepKind.Wait => null,
            PublishStepKind.Failed when status.Failure!.Kind is not (FailureKind.Refused or FailureKind.RefreshRefused) =>
                new PublishReport(PublishStatus.TransientFailure, null, null, null,
                    $"Could not ask the platform whether an earlier attempt published it ({status.Failure}); not skipped yet: {refusal}"),
            _ => AccountPublisher.Skipped(refusal),
        };
    }

    /// <summary>Stores the handle on the push while the firing still holds its lease; otherwise the run must stop here.</summary>
    private async ValueTask SaveHandleAsync(string agencyId, string pushId, string holder, PublishHandle? handle, CancellationToken cancellationToken)
    {
        var json = handle is null ? null : JsonSerializer.Serialize(handle, HandleJson);
        if (!await StorageCalls.Guard(() => pushHandles.SaveHandleAsync(agencyId, pushId, holder, json, cancellationToken)))
        {
            throw new InvalidOperationException($"Push {pushId} is no longer this firing's (its lease was recovered); not going on.");
        }
    }

    private static PublishHandle? Parse(string? json) => json is null ? null : JsonSerializer.Deserialize<PublishHandle>(json, HandleJson);

    /// <summary>No usable credential: wait for a connect when only a person can fix it, otherwise try again later.</summary>
    private static PublishReport Unusable(CredentialFailure failure) =>
        failure.Kind is CredentialFailureKind.NotConnected or CredentialFailureKind.NeedsReauth
            ? new PublishReport(PublishStatus.AwaitingCredential, null, null, null, AwaitingWhy(failure))
            : new PublishReport(PublishStatus.TransientFailure, null, null, null, $"No credential right now ({failure.Code}: {failure.Message}).");

    private static string AwaitingWhy(CredentialFailure failure) => failure.Kind == CredentialFailureKind.NotConnected
        ? "Held: the account is not connected to its platform; connect it to release its pushes."
        : $"Held: the account needs to be connected again ({failure.Code}); connecting it releases its pushes.";

    /// <summary>What a final (or handed-back) step means for the push.</summary>
    private static PublishReport Report(PublishStep step, DateTimeOffset firedAt) => step.Kind switch
    {
        PublishStepKind.Published => new PublishReport(PublishStatus.Published, step.PostId, firedAt, step.PublishedAt ?? firedAt, null),
        PublishStepKind.Unconfirmed => new PublishReport(PublishStatus.Unconfirmed, null, firedAt, null,
            $"Unconfirmed: {step.Failure?.Message ?? "the platform's answer to the create was lost"}; resolve it with POST /v1/pushes/{{id}}/resolve."),
        PublishStepKind.Failed when step.Failure!.Kind == FailureKind.Refused =>
            new PublishReport(PublishStatus.TerminalFailure, null, firedAt, null, $"{step.Failure.Code}: {step.Failure.Message}"),
        PublishStepKind.Failed when step.Failure!.Kind == FailureKind.RefreshRefused =>
            new PublishReport(PublishStatus.AwaitingCredential, null, null, null,
                AwaitingWhy(new CredentialFailure(CredentialFailureKind.NeedsReauth, step.Failure.Code, step.Failure.Message))),
        PublishStepKind.Failed => new PublishReport(PublishStatus.TransientFailure, null, firedAt, null, $"{step.Failure!.Code}: {step.Failure.Message}"),
        _ => new PublishReport(PublishStatus.TransientFailure, null, firedAt, null, "The platform is still processing the video; the next attempt resumes from its handle."),
    };
}
