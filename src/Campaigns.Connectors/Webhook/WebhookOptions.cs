namespace Campaigns.Connectors.Webhook;

/// <summary>Timeouts and retries of webhook calls, bound from <c>Campaigns:Webhook</c>.</summary>
public sealed class WebhookOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Campaigns:Webhook";

    /// <summary>How long one HTTP attempt may take (default 5 s).</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a publish or lookup may take with all its retries (default 20 s).</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Retries after the first attempt on a transient failure (default 3).</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The first backoff delay; later ones grow exponentially, with jitter (default 1 s).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Why these settings are invalid, or null when they are fine.</summary>
    internal string? Problem() =>
        AttemptTimeout <= TimeSpan.Zero ? $"{Section}:AttemptTimeout must be positive."
        : TotalTimeout < AttemptTimeout ? $"{Section}:TotalTimeout must be at least AttemptTimeout."
        : MaxRetries is < 0 or > 10 ? $"{Section}:MaxRetries must be between 0 and 10."
        : RetryDelay <= TimeSpan.Zero ? $"{Section}:RetryDelay must be positive."
        : null;
}
