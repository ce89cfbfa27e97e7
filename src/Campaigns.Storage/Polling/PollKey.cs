namespace Campaigns.Storage.Polling;

/// <summary>A push or an account of an agency, as the poller's updates address it.</summary>
public sealed record PollKey(string AgencyId, string Id);
