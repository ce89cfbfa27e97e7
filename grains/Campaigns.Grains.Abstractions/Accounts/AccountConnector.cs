using Campaigns.Domain.Accounts;

namespace Campaigns.Grains.Abstractions.Accounts;

/// <summary>The connector that publishes for an account. The webhook secret never leaves the account grain's state.</summary>
[GenerateSerializer, Immutable]
public sealed record AccountConnector(
    [property: Id(0)] ConnectorType Type,
    [property: Id(1)] string? Url = null,
    [property: Id(2)] string? Secret = null)
{
    /// <summary>The default: the in-process sandbox platform.</summary>
    public static AccountConnector Sandbox { get; } = new(ConnectorType.Sandbox);

    /// <summary>The same connector with the secret removed, for anything shown to a client or a read model.</summary>
    public AccountConnector Redacted() => this with { Secret = null };
}
