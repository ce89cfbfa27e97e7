namespace Campaigns.Storage.Idempotency;

/// <summary>What happened when a request tried to claim its Idempotency-Key.</summary>
public enum IdempotencyClaimResult
{
    /// <summary>The key is new: run the request, then complete or release the key.</summary>
    Claimed,

    /// <summary>The key was used before with this body: answer with the stored response.</summary>
    Replay,

    /// <summary>The key was used before with a different request.</summary>
    Mismatch,

    /// <summary>A request with this key is still running.</summary>
    InProgress,
}

/// <summary>
/// The claim's result; for a replay, the stored response; for a new claim, the token that alone may complete or
/// release it.
/// </summary>
public sealed record IdempotencyClaim(IdempotencyClaimResult Result, StoredResponse? Response = null, string? Token = null);
