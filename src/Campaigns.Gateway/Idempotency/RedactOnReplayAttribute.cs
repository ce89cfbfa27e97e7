namespace Campaigns.Gateway.Idempotency;

/// <summary>
/// Endpoint metadata: top-level JSON fields of the response that are secrets shown once (an agency's API key). The
/// stored copy used for Idempotency-Key replays has them set to null, so no secret rests in the keys table.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RedactOnReplayAttribute(params string[] fields) : Attribute
{
    public IReadOnlyList<string> Fields { get; } = fields;
}
