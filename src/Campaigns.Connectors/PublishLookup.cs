namespace Campaigns.Connectors;

/// <summary>Asks whether a publication with an idempotency key already exists on the platform.</summary>
/// <param name="AgencyId">The agency that owns the account.</param>
/// <param name="AccountId">The account that would have posted.</param>
/// <param name="IdempotencyKey">The key the publish attempts carried.</param>
/// <param name="Target">The connector settings of the account.</param>
public sealed record PublishLookup(string AgencyId, string AccountId, string IdempotencyKey, ConnectorTarget Target);
