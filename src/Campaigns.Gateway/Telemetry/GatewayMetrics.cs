using System.Diagnostics.Metrics;

namespace Campaigns.Gateway.Telemetry;

/// <summary>What the gateway refuses or answers from memory, for operators to alert on (docs/operations.md).</summary>
public sealed class GatewayMetrics
{
    public const string MeterName = "Campaigns.Gateway";

    /// <summary>Requests refused with 429 (tag <c>limit</c>: <c>key</c> for an agency's rate, <c>address</c> for requests without a valid key).</summary>
    public const string ThrottledInstrument = "campaigns.http.throttled";

    /// <summary>POSTs answered with the stored response of their Idempotency-Key.</summary>
    public const string ReplaysInstrument = "campaigns.idempotency.replays";

    private readonly Counter<long> _throttled;
    private readonly Counter<long> _replays;

    public GatewayMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _throttled = meter.CreateCounter<long>(ThrottledInstrument, description: "Requests refused with 429, by the limit that refused them");
        _replays = meter.CreateCounter<long>(ReplaysInstrument, description: "POSTs answered with the stored response of their Idempotency-Key");
    }

    public void Throttled(string limit) => _throttled.Add(1, new KeyValuePair<string, object?>("limit", limit));

    public void Replayed() => _replays.Add(1);
}
