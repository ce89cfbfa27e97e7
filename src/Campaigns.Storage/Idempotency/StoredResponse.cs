namespace Campaigns.Storage.Idempotency;

/// <summary>The first response given to a request carrying an Idempotency-Key, kept to answer its replays.</summary>
public sealed record StoredResponse(int StatusCode, string? ContentType, string? Location, byte[] Body);
