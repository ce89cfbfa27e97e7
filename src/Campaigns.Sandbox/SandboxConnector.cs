using System.Data.Common;
using Campaigns.Connectors;
using Campaigns.Domain.Accounts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Campaigns.Sandbox;

/// <summary>Publishes to the <see cref="SandboxPlatform"/>, failing a configured fraction of attempts on purpose.</summary>
public sealed partial class SandboxConnector(
    SandboxPlatform platform, IOptionsMonitor<SandboxOptions> options, TimeProvider clock, ILogger<SandboxConnector> logger)
    : IPublishingConnector
{
    /// <inheritdoc />
    public ConnectorType Type => ConnectorType.Sandbox;

    /// <inheritdoc />
    public async Task<PublishResult> PublishAsync(PublishRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ConnectorChecks.RequireType(this, request.Target);
        var settings = options.CurrentValue;
        if (settings.Latency > TimeSpan.Zero)
        {
            await Task.Delay(settings.Latency, clock, cancellationToken);
        }

        if (settings.FailureRate == 0)
        {
            try
            {
                return Published(await platform.ReceiveAndCreateAsync(request, cancellationToken));
            }
            catch (DbException e)
            {
                // The statement may have committed before the error reached us.
                LogStorageFailure(logger, e, request.IdempotencyKey);
                return PublishResult.Unknown($"sandbox storage failed while creating the post: {e.Message}");
            }
        }

        long attempt;
        SandboxPost? existing;
        try
        {
            (attempt, existing) = await platform.ReceiveAsync(request, cancellationToken);
        }
        catch (DbException e)
        {
            // Nothing was recorded, so nothing was created: a plain retry is safe.
            LogStorageFailure(logger, e, request.IdempotencyKey);
            return PublishResult.Transient($"sandbox storage unavailable: {e.Message}");
        }

        if (existing is not null)
        {
            return Published(existing);
        }
        if (SandboxFaults.FailsAttempt(request.IdempotencyKey, attempt, settings.FailureRate))
        {
            LogInjectedFailure(logger, request.IdempotencyKey, attempt);
            return PublishResult.Transient($"sandbox: injected failure on attempt {attempt}");
        }

        try
        {
            return Published(await platform.CreateAsync(request.IdempotencyKey, cancellationToken));
        }
        catch (DbException e)
        {
            // The creating statement may have committed before the error reached us.
            LogStorageFailure(logger, e, request.IdempotencyKey);
            return PublishResult.Unknown($"sandbox storage failed while creating the post: {e.Message}");
        }
    }

    /// <inheritdoc />
    public async Task<PublishResult?> FindAsync(PublishLookup lookup, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        ConnectorChecks.RequireType(this, lookup.Target);
        SandboxPost? post;
        try
        {
            post = await platform.GetAsync(lookup.IdempotencyKey, cancellationToken);
        }
        catch (DbException e)
        {
            LogStorageFailure(logger, e, lookup.IdempotencyKey);
            return PublishResult.Unknown($"sandbox storage unavailable: {e.Message}");
        }
        // Keys are expected to be unique across agencies; never reveal another agency's post.
        return post is not null && post.AgencyId == lookup.AgencyId ? Published(post) : null;
    }

    private static PublishResult Published(SandboxPost post) => PublishResult.Published(post.PlatformPostId, post.PublishedAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sandbox failed publish {IdempotencyKey} on purpose (attempt {Attempt})")]
    private static partial void LogInjectedFailure(ILogger logger, string idempotencyKey, long attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sandbox storage failed for publish {IdempotencyKey}")]
    private static partial void LogStorageFailure(ILogger logger, Exception exception, string idempotencyKey);
}
