using System.Collections.Concurrent;

namespace Campaigns.PlatformFakes;

/// <summary>What a fake does instead of (or after) answering normally, once.</summary>
public enum FaultKind
{
    /// <summary>No fault: lets one call through, so the next fault in the queue hits a later call.</summary>
    None,

    /// <summary>The access token expires now: this call and later ones with it are refused as invalid.</summary>
    TokenExpired,

    /// <summary>A 429 with Retry-After (seconds in <see cref="Fault.RetryAfterSeconds"/>).</summary>
    RateLimited,

    /// <summary>A 500 with nothing done.</summary>
    ServerError,

    /// <summary>The work is done (a post may be created), then the connection drops before the answer.</summary>
    DropAnswer,

    /// <summary>An upload stops after <see cref="Fault.AfterBytes"/> bytes and the connection drops; nothing of that request is kept.</summary>
    Interrupt,

    /// <summary>A permanent refusal with the platform's own code in <see cref="Fault.Code"/> (e.g. spam_risk_too_many_posts).</summary>
    Refuse,
}

/// <summary>One injected failure.</summary>
public sealed record Fault(FaultKind Kind, int RetryAfterSeconds = 30, long AfterBytes = 0, string? Code = null);

/// <summary>
/// One-off failures per operation name (each fake documents its names, e.g. <c>init</c>, <c>upload</c>,
/// <c>status</c>, <c>token</c>), plus switches that stay on until turned off.
/// </summary>
public sealed class FaultPlan
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Fault>> _once = new(StringComparer.Ordinal);

    /// <summary>Refresh requests are refused (revoked or expired refresh token) while true.</summary>
    public bool RefuseRefresh { get; set; }

    /// <summary>When set, processing of new uploads ends in failure with this platform reason.</summary>
    public string? FailProcessing { get; set; }

    /// <summary>How long a finished upload stays "processing" before it is published (default zero).</summary>
    public TimeSpan ProcessingTime { get; set; }

    /// <summary>The next call of <paramref name="operation"/> takes <paramref name="fault"/>.</summary>
    public FaultPlan Once(string operation, Fault fault)
    {
        _once.GetOrAdd(operation, _ => new ConcurrentQueue<Fault>()).Enqueue(fault);
        return this;
    }

    /// <summary>Shorthand for <see cref="Once(string, Fault)"/>.</summary>
    public FaultPlan Once(string operation, FaultKind kind) => Once(operation, new Fault(kind));

    /// <summary>The fault the next call of an operation takes, if any.</summary>
    public Fault? Take(string operation) =>
        _once.TryGetValue(operation, out var queue) && queue.TryDequeue(out var fault) ? fault : null;
}
