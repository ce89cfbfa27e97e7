namespace Campaigns.Storage.Accounts;

/// <summary>An imported account whose grain has not yet written a state of its own: its document and secret.</summary>
public sealed record AdoptableAccount(string Document, string? ConnectorSecret);
