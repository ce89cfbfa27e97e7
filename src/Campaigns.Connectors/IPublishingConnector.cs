using Campaigns.Domain.Accounts;

namespace Campaigns.Connectors;

/// <summary>The adapter that publishes one push for one account on one kind of platform.</summary>
public interface IPublishingConnector
{
    /// <summary>The kind of connector this is; <see cref="ConnectorTarget.Type"/> of every request must match it.</summary>
    ConnectorType Type { get; }

    /// <summary>
    /// Publishes once per <see cref="PublishRequest.IdempotencyKey"/>: a repeat with the same key does not create a
    /// second post; it returns the first one. Expected failures come back as a result, not as an exception.
    /// </summary>
    Task<PublishResult> PublishAsync(PublishRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Asks the platform whether a post with the lookup's idempotency key exists — after a timeout or an
    /// <see cref="PublishOutcome.Unknown"/> outcome, before any retry. Null means it does not exist; a result
    /// whose outcome is not <see cref="PublishOutcome.Published"/> means the platform could not answer.
    /// </summary>
    Task<PublishResult?> FindAsync(PublishLookup lookup, CancellationToken cancellationToken);
}
