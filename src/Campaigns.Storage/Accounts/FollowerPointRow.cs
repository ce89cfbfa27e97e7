namespace Campaigns.Storage.Accounts;

/// <summary>One follower snapshot: the instant (Unix milliseconds) and the count then.</summary>
public sealed record FollowerPointRow(long AtMs, long Count);
