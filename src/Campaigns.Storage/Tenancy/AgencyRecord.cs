namespace Campaigns.Storage.Tenancy;

/// <summary>A tenant: an agency and the hash of its API key.</summary>
public sealed record AgencyRecord(string Id, string Name, string KeyHash, long CreatedAt);
