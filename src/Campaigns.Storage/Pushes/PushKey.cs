namespace Campaigns.Storage.Pushes;

/// <summary>A push's primary key.</summary>
public readonly record struct PushKey(string AgencyId, string Id);
