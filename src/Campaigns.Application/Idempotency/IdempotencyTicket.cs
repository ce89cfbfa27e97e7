namespace Campaigns.Application.Idempotency;

/// <summary>What to do with a request carrying an Idempotency-Key.</summary>
public enum IdempotencyDecision
{
    /// <summary>The key is new (or its earlier claim was abandoned): run the request, then complete or release the ticket.</summary>
    Run,

    /// <summary>The key was used before with this request: answer with <see cref="IdempotencyTicket.Response"/>.</summary>
    Replay,

    /// <summary>The key was used before with a different request.</summary>
    Mismatch,

    /// <summary>A request with this key is still running.</summary>
    InProgress,
}

/// <summary>
/// A claim on an Idempotency-Key: the decision, the stored response for a replay, and for <see cref="IdempotencyDecision.Run"/>
/// the token that alone may complete or release this claim.
/// </summary>
public sealed record IdempotencyTicket(string Scope, string Key, IdempotencyDecision Decision, string? Token = null, RecordedResponse? Response = null);

/// <summary>The first response to a request carrying an Idempotency-Key, kept to answer its replays.</summary>
public sealed record RecordedResponse(int StatusCode, string? ContentType, string? Location, byte[] Body);
