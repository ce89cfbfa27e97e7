namespace Campaigns.Domain.Accounts;

/// <summary>The adapter that publishes for an account.</summary>
public enum ConnectorType
{
    /// <summary>The in-process simulated platform (default).</summary>
    Sandbox,

    /// <summary>A signed HTTP call to the agency's own publisher.</summary>
    Webhook,
}
