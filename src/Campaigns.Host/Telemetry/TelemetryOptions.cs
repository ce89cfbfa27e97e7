namespace Campaigns.Host.Telemetry;

/// <summary>The <c>Campaigns:Telemetry</c> section: what the host exports besides its logs.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Campaigns:Telemetry";

    /// <summary>Serves the Prometheus scrape endpoint at <see cref="PrometheusPath"/> (admin key required).</summary>
    public bool Prometheus { get; set; }

    /// <summary>Where the scrape endpoint is served.</summary>
    public string PrometheusPath { get; set; } = "/metrics";

    /// <summary>Writes console logs as one JSON object per line (with trace and span ids) instead of plain text.</summary>
    public bool JsonLogs { get; set; }

    /// <summary>Why the settings cannot be used, or null.</summary>
    public string? Problem() =>
        PrometheusPath is not ['/', _, ..] || PrometheusPath.StartsWith("/v1/", StringComparison.Ordinal) || PrometheusPath.StartsWith("/health", StringComparison.Ordinal)
            ? "Campaigns:Telemetry:PrometheusPath must be a path of its own starting with '/', outside /v1 and /health."
            : null;
}
