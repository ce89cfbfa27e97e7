namespace Campaigns.Storage.Agencies;

/// <summary>A tenant. Its API keys are rows of their own (<see cref="ApiKeyRecord"/>).</summary>
public sealed record AgencyRecord(string Id, string Name, long CreatedAt);
