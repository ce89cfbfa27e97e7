namespace Campaigns.Storage.Pushes;

/// <summary>Who claims a push and until when the claim holds unless renewed.</summary>
/// <param name="Holder">The claiming silo's incarnation (address and generation), as a string.</param>
/// <param name="ExpiresAt">When the lease runs out (Unix ms).</param>
public sealed record PushLease(string Holder, long ExpiresAt);
