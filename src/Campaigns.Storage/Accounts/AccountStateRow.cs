namespace Campaigns.Storage.Accounts;

/// <summary>
/// The account grain's own state as <see cref="AccountStateStore"/> keeps it: the account snapshot as its JSON document,
/// the webhook secret and the platform tokens (both vault-protected), and whether the read-model row may lag behind it.
/// </summary>
public sealed record AccountStateRow(string AgencyId, string Id, string Document, string? ConnectorSecret, string? Tokens, bool Unprojected);
