namespace Campaigns.Storage.Accounts;

/// <summary>
/// One account of a bulk import: its read-model row, the webhook secret kept beside it (never in the document),
/// and the follower count to record as the first snapshot of its history, if the file gave one.
/// </summary>
public sealed record ImportedAccountRow(AccountRow Row, string? ConnectorSecret, long? InitialFollowers);
