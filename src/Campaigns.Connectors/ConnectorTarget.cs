using Campaigns.Domain.Accounts;

namespace Campaigns.Connectors;

/// <summary>Where an account's posts go: its connector and, for a webhook, the URL and signing secret.</summary>
/// <param name="Type">The connector that publishes for the account.</param>
/// <param name="Url">The webhook's absolute http(s) URL; unused by the sandbox.</param>
/// <param name="Secret">The webhook's HMAC signing secret; never sent, never logged.</param>
public sealed record ConnectorTarget(ConnectorType Type, string? Url, string? Secret)
{
    /// <summary>The in-process sandbox platform.</summary>
    public static ConnectorTarget Sandbox { get; } = new(ConnectorType.Sandbox, null, null);

    /// <summary>Hides the secret from logs and debugger views.</summary>
    public override string ToString() => $"{Type} {Url}";
}
