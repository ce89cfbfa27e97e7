namespace Campaigns.Storage.Accounts;

/// <summary>How many accounts of a platform have a credential in this status.</summary>
public sealed record CredentialCount(string Platform, string Status, long Count);
